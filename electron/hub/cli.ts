import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MIN_CLOSED_KEPT_MS } from './hub';
import { loadMapping } from './import/importFile';
import { MappingError } from './import/mapping';
import { loadCameraMapping } from './import/cameraMapping';
import { startHub, type HubSource } from './startHub';

/** `npm run hub -- [--source demo|nyc311|import] [--port 7450] ...`: the hub on its own, for previews and walls of several PCs. */
const { values } = parseArgs({
  options: {
    source: { type: 'string', default: 'demo' },
    host: { type: 'string', default: process.env.CITYWALL_HUB_HOST ?? '127.0.0.1' },
    port: { type: 'string', default: process.env.CITYWALL_HUB_PORT ?? '7450' },
    'data-dir': { type: 'string' },
    token: { type: 'string', default: process.env.CITYWALL_HUB_TOKEN },
    'ingest-token': { type: 'string', default: process.env.CITYWALL_INGEST_TOKEN },
    cors: { type: 'string', default: process.env.CITYWALL_HUB_CORS },
    serve: { type: 'string' },
    csv: { type: 'string', default: '../shared/data/nyc/nyc311-2018-10-21.csv' },
    mapping: { type: 'string' },
    endpoint: { type: 'string' },
    cameras: { type: 'string' },
    'photo-origins': { type: 'string', default: process.env.CITYWALL_PHOTO_ORIGINS },
    'camera-mapping': { type: 'string' },
    'cameras-every': { type: 'string', default: '10m' },
    poll: { type: 'string', default: '60s' },
    file: { type: 'string' },
    speedup: { type: 'string', default: '60' },
    rate: { type: 'string', default: '2' },
    speed: { type: 'string', default: '1' },
    seed: { type: 'string', default: '20261123' },
    history: { type: 'string', default: '6' },
    'seed-history': { type: 'string' },
    incidents: { type: 'string', default: '1m' },
    'utc-offset': { type: 'string', default: '480' },
    'checkpoint-every': { type: 'string', default: '30s' },
    'keep-closed': { type: 'string', default: '24h' },
    cap: { type: 'string', default: process.env.CITYWALL_CAP_DIR },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`CityWall hub
  --source demo|nyc311|import|open311   demo city simulator (default), a replay of NYC 311 requests,
                         or a platform's export through a mapping (see below)
  --port N               listen port (default 7450; CITYWALL_HUB_PORT)
  --host H               listen address (default 127.0.0.1; CITYWALL_HUB_HOST)
  --token T              require this token from clients (CITYWALL_HUB_TOKEN)
  --ingest-token T       platforms push events with this token: POST /api/events, socket.io
                         namespace /ingest (CITYWALL_INGEST_TOKEN); without one, pushing is open
                         on a loopback-only hub and off on any other
  --cors O1,O2           browser origins allowed besides loopback pages (CITYWALL_HUB_CORS)
  --data-dir D           event log folder (default .hub-data/<source>)
  --serve DIR            also serve a built renderer at / (the browser preview)
  --rate N --speed N --seed N     demo: cases per minute, duration divisor, seed
  --history H            demo: hours of history seeded into an empty log (default 6)
  --seed-history 365d    demo: a year (or N days) of history made fast into an empty log, then live
  --incidents 1m|off     demo: emergencies now and then, the first this long after start (default 1m)
  --utc-offset M         the history's local time, minutes east of UTC (default 480, Asia/Shanghai)
  --checkpoint-every 30s how often the live state is written beside the log, so a restart reads
                         only the log after it (default 30s; "off" reads the whole log each start)
  --keep-closed 24h      how long a closed case stays on the walls after its last step (at least
                         10m; it stays in the history database for good)
  --cameras FILE|URL --camera-mapping M.json [--cameras-every 10m]
                         the walls' camera catalogue from a platform's camera list (GeoJSON, CSV,
                         xlsx, JSON) through a camera mapping, with any source; a URL is read
                         again every 10m; GET /api/camera-source says what was refused and why
  --photo-origins O1,O2  the platform's photo servers (CITYWALL_PHOTO_ORIGINS): the preview shows
                         case photos from them and requests none from elsewhere
  --cap DIR              read CAP 1.2 alerts (.xml) dropped into DIR as public warnings, with
                         any source (CITYWALL_CAP_DIR); GET /api/cap says what was refused and why
  --csv FILE --speedup N          nyc311: the CSV and the replay speed-up
  --source import --mapping M.json --file DATA [--speedup N|max]
                         a platform's export (CSV, xlsx, JSON, NDJSON) read through a mapping
                         file (assets/mappings/*.json; check one with npm run import:check);
                         replayed at a speed-up, or "max": loaded at once as history
  --source open311 --endpoint URL --mapping M.json [--poll 60s]
                         poll a GeoReport v2 server's requests.json for updated requests; where
                         it got is kept beside the log (GET /api/open311 reports it)`);
  process.exit(0);
}

const seedDays = values['seed-history'] ? /^(\d{1,4})d$/.exec(values['seed-history']) : undefined;
if (values['seed-history'] && !seedDays) {
  console.error(
    `--seed-history takes a number of days such as 365d, not "${values['seed-history']}"`,
  );
  process.exit(2);
}
const utcOffsetMinutes = Number(values['utc-offset']);
if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
  console.error(
    `--utc-offset takes whole minutes east of UTC, e.g. 480, not "${values['utc-offset']}"`,
  );
  process.exit(2);
}

/** "30s", "10m", "24h" or "2d" as milliseconds; undefined when it is none of these. */
function duration(text: string): number | undefined {
  const match = /^(\d{1,6})(s|m|h|d)$/.exec(text);
  if (!match) return undefined;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
    match[2] as 's' | 'm' | 'h' | 'd'
  ];
  return Number(match[1]) * unit;
}
const checkpointMs =
  values['checkpoint-every'] === 'off' ? false : duration(values['checkpoint-every']);
const closedKeptMs = duration(values['keep-closed']);
const firstIncidentMs = values.incidents === 'off' ? false : duration(values.incidents);
if (firstIncidentMs === undefined) {
  console.error(`--incidents takes a time such as 1m or 30s, or off, not "${values.incidents}"`);
  process.exit(2);
}
if (checkpointMs === undefined || checkpointMs === 0) {
  console.error(
    `--checkpoint-every takes a time such as 30s or 5m, or off, not "${values['checkpoint-every']}"`,
  );
  process.exit(2);
}
if (closedKeptMs === undefined || closedKeptMs < MIN_CLOSED_KEPT_MS) {
  console.error(
    `--keep-closed takes a time of at least 10m, such as 24h or 2d, not "${values['keep-closed']}"`,
  );
  process.exit(2);
}

/** A mapping file read, or why it is refused printed (with its lines and keys) and exit 2. */
async function orExit<T>(reading: Promise<T>): Promise<T> {
  try {
    return await reading;
  } catch (error) {
    console.error(error instanceof MappingError ? error.message : String(error));
    process.exit(2);
  }
}
const MAPPINGS = resolve(import.meta.dirname, '..', '..', 'assets', 'mappings');
const speedup = values.speedup === 'max' ? Infinity : Number(values.speedup) || Infinity;
const imported = async (mappingFile: string, file: string | undefined): Promise<HubSource> => {
  if (!file) {
    console.error('--source import needs --file DATA (the export to read)');
    process.exit(2);
  }
  return {
    kind: 'import',
    mapping: await orExit(loadMapping(mappingFile)),
    file: resolve(file),
    speedup,
  };
};
async function open311(): Promise<HubSource> {
  const pollMs = duration(values.poll);
  if (!values.endpoint || !values.mapping || !pollMs) {
    console.error(
      '--source open311 needs --endpoint URL and --mapping FILE (and --poll such as 60s)',
    );
    process.exit(2);
  }
  const mapping = await orExit(loadMapping(resolve(values.mapping)));
  return { kind: 'open311', endpoint: values.endpoint, mapping, pollMs };
}
const source: HubSource =
  values.source === 'nyc311'
    ? await imported(join(MAPPINGS, 'nyc311.json'), values.csv)
    : values.source === 'import'
      ? await imported(resolve(values.mapping ?? ''), values.file)
      : values.source === 'open311'
        ? await open311()
        : {
            kind: 'demo',
            casesPerMinute: Number(values.rate),
            speed: Number(values.speed),
            seed: Number(values.seed),
            historyHours: Number(values.history),
            ...(seedDays ? { seedDays: Number(seedDays[1]) } : {}),
            incidents:
              firstIncidentMs === false ? false : { firstAfterMinutes: firstIncidentMs / 60_000 },
          };

async function cameraList() {
  if (!values.cameras) return undefined;
  const everyMs = duration(values['cameras-every']);
  if (!values['camera-mapping'] || !everyMs) {
    console.error('--cameras needs --camera-mapping FILE (and --cameras-every such as 10m)');
    process.exit(2);
  }
  const mapping = await orExit(loadCameraMapping(resolve(values['camera-mapping'])));
  const from = /^https?:\/\//.test(values.cameras) ? values.cameras : resolve(values.cameras);
  return { mapping, from, everyMs };
}
const cameras = await cameraList();

const running = await startHub({
  host: values.host,
  port: Number(values.port),
  dataDir: resolve(values['data-dir'] ?? `.hub-data/${values.source}`),
  ...(values.token ? { token: values.token } : {}),
  ...(values['ingest-token'] ? { ingestToken: values['ingest-token'] } : {}),
  ...(values.cors ? { corsOrigins: values.cors.split(',').map((o) => o.trim()) } : {}),
  ...(values.serve ? { serveDir: resolve(values.serve) } : {}),
  demoVideoDir: resolve(import.meta.dirname, '..', '..', 'assets', 'demo-video'),
  onWarning: (message) => console.warn(`  ${message}`),
  onSeedProgress: (at, events) =>
    process.stdout.write(
      `\r  seeding history: ${new Date(at).toISOString().slice(0, 10)}, ${events} events`,
    ),
  utcOffsetMinutes,
  checkpointMs,
  closedKeptMs,
  source,
  ...(values.cap ? { capDir: resolve(values.cap) } : {}),
  ...(cameras ? { cameras } : {}),
  ...(values['photo-origins']
    ? { photoOrigins: values['photo-origins'].split(',').map((o) => o.trim()) }
    : {}),
});
if (seedDays) process.stdout.write('\n');
const { hub } = running;
console.log(
  `CityWall hub (${values.source}) on ${hub.url}  namespace /wall  log: ${hub.logReport.loaded} events read${hub.logReport.readFrom > 1 ? ` after the checkpoint at seq ${hub.stats().checkpoint.seq}` : ''}${seedDays && hub.logReport.loaded === 0 ? `, ${hub.log.headSeq} seeded` : ''}`,
);

if (hub.logReport.badLines > 0)
  console.warn(
    `  ${hub.logReport.badLines} damaged log lines set aside in ${hub.logReport.setAside}`,
  );
if (values.serve) console.log(`  wall preview: ${hub.url}/`);
if (cameras) console.log(`  cameras from ${cameras.from} (report: ${hub.url}/api/camera-source)`);
if (values.cap)
  console.log(`  CAP alerts read from ${resolve(values.cap)} (report: ${hub.url}/api/cap)`);

const shutdown = () => {
  void running.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

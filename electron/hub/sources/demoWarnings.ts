import type { WarningBook } from '../../../shared/domain/warningBook';
import { capToEvent } from '../cap/capToEvents';
import { parseCap } from '../cap/parseCap';
import { DEMO_CITY } from './demoCity';

const MINUTE = 60_000;

/** What the demo's warnings need of a hub. */
export interface WarningSink {
  publish(items: readonly unknown[]): unknown;
  readonly store: { readonly warnings: WarningBook };
}

interface Stage {
  /** Minutes after the round began, at speed 1. */
  readonly after: number;
  readonly msgType: 'Alert' | 'Update' | 'Cancel';
  readonly colour?: 'yellow' | 'orange';
}

/** A rainstorm over the district: yellow, raised to orange an hour on, lifted later. */
const ROUND: readonly Stage[] = [
  { after: 0, msgType: 'Alert', colour: 'yellow' },
  { after: 60, msgType: 'Update', colour: 'orange' },
  { after: 150, msgType: 'Cancel' },
];
/** Minutes from one round's start to the next's. */
const ROUND_MINUTES = 240;

const TEXTS = {
  yellow: {
    severity: 'Moderate',
    zh: ['暴雨黄色预警信号', '6小时内本地将出现50毫米以上降雨，或已达50毫米以上且降雨可能持续。'],
    en: [
      'Rainstorm yellow warning',
      'Rainfall of 50 mm or more is expected within 6 hours, or has fallen and may continue.',
    ],
  },
  orange: {
    severity: 'Severe',
    zh: ['暴雨橙色预警信号', '3小时内本地将出现50毫米以上降雨，或已达50毫米以上且降雨可能持续。'],
    en: [
      'Rainstorm orange warning',
      'Rainfall of 50 mm or more is expected within 3 hours, or has fallen and may continue.',
    ],
  },
} as const;

/**
 * The demo's public warnings: a rainstorm warning over Duanzhou in the style of the Zhaoqing
 * meteorological office's, issued, raised and lifted as CAP 1.2 documents that go through the
 * same reader (`parseCap`, `capToEvent`) as a real feed's. Made up, and its sender says so.
 */
export class DemoWarnings {
  private readonly speed: number;
  private readonly now: () => number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private roundStart = 0;
  private round = 0;
  private stage = 0;
  /** When the round's previous message was sent: a CAP reference names it. */
  private lastSent = '';

  constructor(
    private readonly sink: WarningSink,
    private readonly options: {
      readonly speed?: number;
      readonly now?: () => number;
      /** Minutes to the first warning, at speed 1 (default ½: a demo shows one soon). */
      readonly firstAfterMinutes?: number;
      readonly onWarning?: (message: string) => void;
    } = {},
  ) {
    this.speed = options.speed ?? 1;
    this.now = options.now ?? Date.now;
  }

  start(tickMs = 1_000): void {
    const now = this.now();
    this.roundStart = now + ((this.options.firstAfterMinutes ?? 0.5) * MINUTE) / this.speed;
    this.round = Math.floor(now / MINUTE);
    this.timer = setInterval(() => this.tick(), tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Sends every stage whose time has come (tests call it with their own clock). */
  tick(): void {
    const now = this.now();
    for (;;) {
      const stage = ROUND[this.stage];
      if (!stage) {
        this.roundStart += (ROUND_MINUTES * MINUTE) / this.speed;
        this.round += 1;
        this.stage = 0;
        continue;
      }
      if (now < this.roundStart + (stage.after * MINUTE) / this.speed) return;
      this.send(stage, now);
      this.stage += 1;
    }
  }

  private send(stage: Stage, now: number): void {
    const parsed = parseCap(this.document(stage, now));
    const converted = parsed.ok ? capToEvent(parsed.alert, now, DEMO_CITY.bounds) : parsed;
    if (!converted.ok) {
      this.options.onWarning?.(
        `demo warning not sent: ${'error' in converted ? converted.error : converted.reason}`,
      );
      return;
    }
    this.sink.publish([converted.event]);
  }

  private id(stage: number): string {
    return `demo-zq-rainstorm-${this.round}-${stage}`;
  }

  /** The CAP 1.2 document of one stage, as the national system would send it. */
  private document(stage: Stage, now: number): string {
    const sent = capTime(now);
    const sender = 'demo.zhaoqing.weather@citywall.invalid';
    const previous = this.stage > 0 ? `${sender},${this.id(this.stage - 1)},${this.lastSent}` : '';
    this.lastSent = sent;
    const head = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${this.id(this.stage)}</identifier>
  <sender>${sender}</sender>
  <sent>${sent}</sent>
  <status>Actual</status>
  <msgType>${stage.msgType}</msgType>
  <scope>Public</scope>${previous ? `\n  <references>${previous}</references>` : ''}`;
    if (stage.msgType === 'Cancel')
      return `${head}
  <note>暴雨预警解除 / rainstorm warning lifted</note>
</alert>`;
    const texts = TEXTS[stage.colour ?? 'yellow'];
    const expires = capTime(now + (3 * 60 * MINUTE) / this.speed);
    const info = (language: string, [event, description]: readonly [string, string]) => `
  <info>
    <language>${language}</language>
    <category>Met</category>
    <event>${event}</event>
    <urgency>Expected</urgency>
    <severity>${texts.severity}</severity>
    <certainty>Likely</certainty>
    <expires>${expires}</expires>
    <senderName>${language === 'zh-CN' ? '肇庆市气象台（演示）' : 'Zhaoqing weather office (demo)'}</senderName>
    <headline>${event}</headline>
    <description>${description}</description>
    <area>
      <areaDesc>${language === 'zh-CN' ? '端州区北部及城区' : 'Duanzhou, north and centre'}</areaDesc>
      <polygon>${RAIN_AREA}</polygon>
    </area>
  </info>`;
    return `${head}${info('zh-CN', texts.zh)}${info('en-US', texts.en)}
</alert>`;
  }
}

/** An oval over the district's north and centre, as CAP writes it: `lat,lon` pairs, closed. */
const RAIN_AREA = (() => {
  const points: string[] = [];
  for (let k = 0; k <= 16; k += 1) {
    const a = ((k % 16) / 16) * 2 * Math.PI;
    const lat = 23.115 + 0.04 * Math.sin(a);
    const lon = 112.465 + 0.06 * Math.cos(a);
    points.push(`${lat.toFixed(4)},${lon.toFixed(4)}`);
  }
  return points.join(' ');
})();

/** `2026-12-04T19:30:00+08:00`: CAP's dateTime, in China's time. */
function capTime(ms: number): string {
  const local = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

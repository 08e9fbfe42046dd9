import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { tileTemplateProblem } from '../../shared/geo/tiles';
import { LANGUAGES } from '../../shared/ipc/contract';

/**
 * The wall's settings: which platform hub to follow (none means the embedded demo city), this
 * PC's node id and the wall language. From `citywall.json` in the user data folder, with
 * CITYWALL_HUB_URL / CITYWALL_HUB_TOKEN / CITYWALL_NODE taking precedence.
 */
/** Origins such as "http://10.1.2.3:8080": scheme, host and port, nothing after. */
const originList = z
  .array(
    z
      .string()
      .max(200)
      .refine((o) => {
        try {
          const u = new URL(o);
          return /^https?:$/.test(u.protocol) && u.origin === o;
        } catch {
          return false;
        }
      }, 'must be an origin like http://host:port'),
  )
  .max(32);

const configSchema = z.object({
  platform: z
    .object({
      url: z.string().url().max(500),
      token: z.string().max(500).optional(),
      /**
       * Media servers whose HLS the catalogue points at (e.g. "http://10.1.2.3:8080"): the page
       * may fetch from these origins and no others.
       */
      mediaOrigins: originList.optional(),
      /**
       * The platform's photo servers (上报照片, 处置照片, e.g. "https://img.example.gov.cn"): the
       * case detail shows photos from these origins and requests none from elsewhere.
       */
      photoOrigins: originList.optional(),
    })
    .optional(),
  node: z.string().min(1).max(64).optional(),
  /** PCs with the same wall id share profile switches and selections through the hub. */
  wall: z.string().min(1).max(64).optional(),
  language: z.enum(LANGUAGES).optional(),
  /** The profile the wall opens with (值班 duty unless said otherwise). */
  profile: z.string().min(1).max(64).optional(),
  /** An intranet or 天地图-style raster tile source under the map (none by default: offline). */
  map: z
    .object({
      tiles: z
        .object({
          url: z
            .string()
            .max(1000)
            .refine((u) => /^https?:\/\//.test(u) && !tileTemplateProblem(u), {
              message: 'must be an http(s) URL template with {z}, {x} and {y}',
            }),
          minZoom: z.number().int().min(0).max(22).optional(),
          maxZoom: z.number().int().min(0).max(22).optional(),
        })
        .optional(),
    })
    .optional(),
  /** When an incident takes the whole wall: from this level (1 gravest … 4, or "off"), after a countdown. */
  emergency: z
    .object({
      followLevel: z
        .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal('off')])
        .optional(),
      countdownSeconds: z.number().min(0).max(300).optional(),
    })
    .optional(),
  demo: z
    .object({
      casesPerMinute: z.number().positive().max(600).optional(),
      speed: z.number().positive().max(3600).optional(),
    })
    .optional(),
});
export type WallConfig = z.infer<typeof configSchema>;

export interface LoadedConfig {
  readonly config: WallConfig;
  /** Said on the wall: a broken file is ignored (and left untouched), never fatal. */
  readonly warnings: readonly string[];
}

/** Parses the file's text; anything wrong yields defaults and a warning naming the problem. */
export function parseConfig(
  text: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): LoadedConfig {
  const warnings: string[] = [];
  let config: WallConfig = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      const parsed = configSchema.safeParse(JSON.parse(text));
      if (parsed.success) config = parsed.data;
      else
        warnings.push(
          `citywall.json ignored: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
    } catch (error) {
      warnings.push(`citywall.json ignored: ${(error as Error).message}`);
    }
  }
  const url = env.CITYWALL_HUB_URL?.trim();
  if (url) {
    const checked = z.string().url().safeParse(url);
    if (checked.success)
      config = {
        ...config,
        platform: { url, ...(env.CITYWALL_HUB_TOKEN ? { token: env.CITYWALL_HUB_TOKEN } : {}) },
      };
    else warnings.push(`CITYWALL_HUB_URL ignored: not a URL`);
  }
  if (env.CITYWALL_NODE) config = { ...config, node: env.CITYWALL_NODE.slice(0, 64) };
  if (env.CITYWALL_WALL) config = { ...config, wall: env.CITYWALL_WALL.slice(0, 64) };
  return withCleanHubUrl(config, warnings);
}

/**
 * A hub URL must be http(s), and carries no `user:pass@`: those would travel to every window
 * (the wall's status shows the hub) and into logs. They are removed, with a warning saying where
 * a token belongs; a URL of another scheme is refused.
 */
function withCleanHubUrl(config: WallConfig, warnings: string[]): LoadedConfig {
  const platform = config.platform;
  if (!platform) return { config, warnings };
  let url: URL;
  try {
    url = new URL(platform.url);
  } catch {
    return {
      config: withoutPlatform(config),
      warnings: [...warnings, 'hub URL ignored: not a URL'],
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return {
      config: withoutPlatform(config),
      warnings: [...warnings, `hub URL ignored: ${url.protocol} is not http or https`],
    };
  if (!url.username && !url.password) return { config, warnings };
  url.username = '';
  url.password = '';
  return {
    config: { ...config, platform: { ...platform, url: url.toString().replace(/\/$/, '') } },
    warnings: [
      ...warnings,
      'user name and password removed from the hub URL: put the token in platform.token (or CITYWALL_HUB_TOKEN)',
    ],
  };
}

function withoutPlatform(config: WallConfig): WallConfig {
  const { platform: _dropped, ...rest } = config;
  return rest;
}

export async function loadConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<LoadedConfig> {
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      return { config: {}, warnings: [`citywall.json unreadable: ${(error as Error).message}`] };
  }
  return parseConfig(text, env);
}

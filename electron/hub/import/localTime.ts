/**
 * Times as platforms export them: a pattern such as `yyyy/M/d H:mm` or `M/d/yy h:mm a`, ISO
 * text, or epoch numbers; local times are read in a time zone (an IANA name, so summer time is
 * right, or a fixed ±HH:MM).
 */

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;
const zoneFormats = new Map<string, Intl.DateTimeFormat | undefined>();

/** Minutes east of UTC in `zone` at the instant `atUtc`; undefined for an unknown zone. */
export function zoneOffsetMinutes(zone: string, atUtc: number): number | undefined {
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  if (zone === 'UTC' || zone === 'Z') return 0;
  let format = zoneFormats.get(zone);
  if (!zoneFormats.has(zone)) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      format = undefined;
    }
    zoneFormats.set(zone, format);
  }
  if (!format) return undefined;
  const name = format.formatToParts(atUtc).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** A wall-clock time in `zone` as epoch ms (the offset found at that time, summer time included). */
function localToUtc(fields: readonly number[], zone: string): number | undefined {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0, ms = 0] = fields;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const first = zoneOffsetMinutes(zone, asUtc);
  if (first === undefined) return undefined;
  const guess = asUtc - first * 60_000;
  const second = zoneOffsetMinutes(zone, guess) ?? first;
  return asUtc - second * 60_000;
}

const TOKENS: readonly [string, string, number][] = [
  // token, its pattern, which field (0 year … 6 ms; 7 two-digit year; 8 12-hour; 9 AM/PM)
  ['yyyy', '(\\d{4})', 0],
  ['yy', '(\\d{2})', 7],
  ['MM', '(\\d{2})', 1],
  ['M', '(\\d{1,2})', 1],
  ['dd', '(\\d{2})', 2],
  ['d', '(\\d{1,2})', 2],
  ['HH', '(\\d{2})', 3],
  ['H', '(\\d{1,2})', 3],
  ['hh', '(\\d{2})', 8],
  ['h', '(\\d{1,2})', 8],
  ['mm', '(\\d{2})', 4],
  ['m', '(\\d{1,2})', 4],
  ['ss', '(\\d{2})', 5],
  ['s', '(\\d{1,2})', 5],
  ['SSS', '(\\d{1,3})', 6],
  ['a', '(AM|PM|am|pm|上午|下午)', 9],
];

interface CompiledFormat {
  readonly regex: RegExp;
  readonly fields: readonly number[];
}

function compileFormat(format: string): CompiledFormat {
  let source = '';
  const fields: number[] = [];
  let i = 0;
  outer: while (i < format.length) {
    for (const [token, pattern, field] of TOKENS)
      if (format.startsWith(token, i)) {
        source += pattern;
        fields.push(field);
        i += token.length;
        continue outer;
      }
    const ch = format[i] as string;
    source += ch === ' ' ? '\\s+' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    i += 1;
  }
  return { regex: new RegExp(`^${source}$`), fields };
}

const compiled = new Map<string, CompiledFormat>();

/** Reads `text` by the first format that fits; undefined when none does or the date is impossible. */
export function parseTime(
  text: string,
  formats: readonly string[],
  zone: string,
): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  for (const format of formats) {
    const at = parseOne(t, format, zone);
    if (at !== undefined) return at;
  }
  return undefined;
}

function parseOne(t: string, format: string, zone: string): number | undefined {
  if (format === 'epoch-ms' || format === 'epoch-s') {
    if (!/^\d{9,13}(\.\d+)?$/.test(t)) return undefined;
    return Math.round(Number(t) * (format === 'epoch-s' ? 1000 : 1));
  }
  if (format === 'iso') {
    const m =
      /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
        t,
      );
    if (!m) return undefined;
    const parts = [1, 2, 3, 4, 5, 6].map((k) => Number(m[k] ?? 0));
    parts.push(Number((m[7] ?? '0').padEnd(3, '0')));
    if (!validDate(parts)) return undefined;
    return localToUtc(parts, m[8] ?? zone);
  }
  let c = compiled.get(format);
  if (!c) compiled.set(format, (c = compileFormat(format)));
  const m = c.regex.exec(t);
  if (!m) return undefined;
  const parts = [1970, 1, 1, 0, 0, 0, 0];
  let hour12: number | undefined;
  let pm: boolean | undefined;
  c.fields.forEach((field, k) => {
    const value = m[k + 1] as string;
    if (field === 9) pm = /pm|下午/i.test(value);
    else if (field === 8) hour12 = Number(value);
    else if (field === 7) parts[0] = 2000 + Number(value);
    else parts[field] = field === 6 ? Number(value.padEnd(3, '0')) : Number(value);
  });
  if (hour12 !== undefined) parts[3] = (hour12 % 12) + (pm ? 12 : 0);
  if (!validDate(parts)) return undefined;
  return localToUtc(parts, zone);
}

function validDate([y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0]: readonly number[]): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

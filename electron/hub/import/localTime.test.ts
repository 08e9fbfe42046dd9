import { describe, expect, it } from 'vitest';
import { parseTime, zoneOffsetMinutes } from './localTime';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('times as platforms export them', () => {
  it('reads patterns in a zone, with summer time where the zone has it', () => {
    expect(iso(parseTime('2026/11/3 8:05:09', ['yyyy/M/d H:mm:ss'], 'Asia/Shanghai'))).toBe(
      '2026-11-03T00:05:09.000Z',
    );
    expect(iso(parseTime('10/21/18 0:59', ['M/d/yy H:mm'], 'America/New_York'))).toBe(
      '2018-10-21T04:59:00.000Z',
    );
    expect(
      iso(parseTime('12/31/2019 11:59:11 PM', ['M/d/yyyy h:mm:ss a'], 'America/New_York')),
    ).toBe('2020-01-01T04:59:11.000Z');
    expect(iso(parseTime('2026年11月3日 下午3:00', ['yyyy年M月d日 ah:mm'], '+08:00'))).toBe(
      '2026-11-03T07:00:00.000Z',
    );
  });

  it('takes an offset written in ISO text over the zone, and epoch numbers as they are', () => {
    expect(iso(parseTime('2026-11-03T08:00:00+02:00', ['iso'], 'Asia/Shanghai'))).toBe(
      '2026-11-03T06:00:00.000Z',
    );
    expect(iso(parseTime('2026-11-03 08:00:00.250', ['iso'], 'Asia/Shanghai'))).toBe(
      '2026-11-03T00:00:00.250Z',
    );
    expect(parseTime('1793750400', ['epoch-s'], 'UTC')).toBe(1_793_750_400_000);
  });

  it('tries formats in order and refuses impossible dates and other text', () => {
    expect(
      iso(parseTime('2026-11-03 08:00', ['yyyy/M/d H:mm', 'yyyy-MM-dd HH:mm'], '+08:00')),
    ).toBe('2026-11-03T00:00:00.000Z');
    expect(parseTime('2026/2/30 8:00', ['yyyy/M/d H:mm'], '+08:00')).toBeUndefined();
    expect(parseTime('next Tuesday', ['iso', 'yyyy/M/d H:mm'], '+08:00')).toBeUndefined();
    expect(parseTime('  ', ['iso'], '+08:00')).toBeUndefined();
  });

  it('knows zones by IANA name or offset, and no others', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2026, 6, 1))).toBe(480);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 6, 1))).toBe(-240);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 0, 1))).toBe(-300);
    expect(zoneOffsetMinutes('-03:30', 0)).toBe(-210);
    expect(zoneOffsetMinutes('Mars/Olympus', 0)).toBeUndefined();
  });
});

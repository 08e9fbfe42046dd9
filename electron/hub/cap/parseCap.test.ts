import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capToEvent } from './capToEvents';
import { parseCap, type CapAlert } from './parseCap';

const sample = (name: string) => readFileSync(join(import.meta.dirname, 'samples', name), 'utf8');
const DUANZHOU = { west: 112.395, south: 23.04, east: 112.544, north: 23.176 };

function parsed(xml: string): CapAlert {
  const result = parseCap(xml);
  if (!result.ok) throw new Error(result.error);
  return result.alert;
}

/** A sample with one element's text changed, or the element removed when `to` is undefined. */
function edited(xml: string, element: string, to?: string): string {
  const pattern = new RegExp(`<${element}>[^<]*</${element}>`);
  expect(xml).toMatch(pattern);
  return xml.replace(pattern, to === undefined ? '' : `<${element}>${to}</${element}>`);
}

describe('reading CAP 1.2', () => {
  it("reads the standard's thunderstorm warning: times with offsets, polygon turned to lon, lat", () => {
    const alert = parsed(sample('thunderstorm.xml'));
    expect(alert).toMatchObject({
      identifier: 'KSTO1055887203',
      sender: 'KSTO@NWS.NOAA.GOV',
      sent: Date.parse('2003-06-17T21:57:00Z'),
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      references: [],
    });
    const [info] = alert.infos;
    expect(info).toMatchObject({
      language: 'en-US',
      categories: ['Met'],
      event: 'SEVERE THUNDERSTORM',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      expires: Date.parse('2003-06-17T23:00:00Z'),
      headline: 'SEVERE THUNDERSTORM WARNING',
    });
    expect(info?.areas[0]?.polygons).toEqual([
      [-120.14, 38.47, -119.95, 38.34, -119.74, 38.52, -119.89, 38.62, -120.14, 38.47],
    ]);
    expect(info?.areas[0]?.geocodes).toHaveLength(3);
  });

  it('reads an update with its references and a circle of radius 0 km', () => {
    const alert = parsed(sample('earthquake-update.xml'));
    expect(alert.msgType).toBe('Update');
    expect(alert.references).toEqual([
      { sender: 'trinet@caltech.edu', identifier: 'TRI13970876.1' },
    ]);
    expect(alert.infos[0]?.areas[0]?.circles).toEqual([{ lat: 32.9525, lon: -115.5527, km: 0 }]);
  });

  it('reads every info of a multilingual alert, and a prefixed namespace', () => {
    expect(parsed(sample('amber-multilingual.xml')).infos.map((i) => i.language)).toEqual([
      'en-US',
      'es-US',
    ]);
    const zh = parsed(sample('duanzhou-rainstorm.xml'));
    expect(zh.infos[0]?.event).toBe('暴雨红色预警信号');
    expect(zh.infos[0]?.areas[0]?.circles).toEqual([{ lat: 23.08, lon: 112.47, km: 2.5 }]);
  });

  it.each([
    ['broken XML', sample('thunderstorm.xml').replace('</info>', ''), /not well-formed XML/],
    ['not XML at all', '{"alert": true}', /not well-formed XML|root/],
    [
      'CAP 1.1',
      sample('thunderstorm.xml').replace('cap:1.2', 'cap:1.1'),
      /namespace urn:oasis:names:tc:emergency:cap:1\.1, not <alert>/,
    ],
    [
      'no namespace',
      sample('thunderstorm.xml').replace(' xmlns = "urn:oasis:names:tc:emergency:cap:1.2"', ''),
      /namespace \(none\)/,
    ],
    [
      'a DOCTYPE (entities)',
      sample('thunderstorm.xml').replace(
        '<alert',
        '<!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa">]>\n<alert',
      ),
      /DOCTYPE/,
    ],
    [
      'no identifier',
      edited(sample('thunderstorm.xml'), 'identifier'),
      /<alert> without <identifier>/,
    ],
    ['no sent', edited(sample('thunderstorm.xml'), 'sent'), /without <sent>/],
    ['no event', edited(sample('thunderstorm.xml'), 'event'), /<info> without <event>/],
    ['no category', edited(sample('thunderstorm.xml'), 'category'), /without <category>/],
    ['no areaDesc', edited(sample('thunderstorm.xml'), 'areaDesc'), /<area> without <areaDesc>/],
    [
      'an unknown status',
      edited(sample('thunderstorm.xml'), 'status', 'Real'),
      /<status> "Real" is none of/,
    ],
    [
      'an unknown severity',
      edited(sample('thunderstorm.xml'), 'severity', 'High'),
      /<severity> "High"/,
    ],
    [
      'a time without its zone',
      edited(sample('thunderstorm.xml'), 'sent', '2003-06-17T14:57:00'),
      /<sent> "2003-06-17T14:57:00" is not a time with its zone/,
    ],
    [
      'an open polygon',
      edited(
        sample('thunderstorm.xml'),
        'polygon',
        '38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89',
      ),
      /does not end at its first point/,
    ],
    [
      'a polygon of three points',
      edited(sample('thunderstorm.xml'), 'polygon', '38.47,-120.14 38.34,-119.95 38.47,-120.14'),
      /has 3 points, needs 4/,
    ],
    [
      'a latitude out of range',
      edited(
        sample('thunderstorm.xml'),
        'polygon',
        '98.47,-120.14 38.34,-119.95 38.52,-119.74 98.47,-120.14',
      ),
      /point "98.47,-120.14" is not "lat,lon"/,
    ],
    [
      'a circle without radius',
      sample('earthquake-update.xml').replace('-115.5527 0', '-115.5527'),
      /<circle> .* is not "lat,lon radius-in-km"/,
    ],
  ])('refuses %s, naming what is wrong', (_name, xml, message) => {
    const result = parseCap(xml);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('takes a CAP element only where the standard puts it, not one of another namespace', () => {
    const xml = sample('thunderstorm.xml').replace(
      '<identifier>KSTO1055887203</identifier>',
      '<x:identifier xmlns:x="urn:other">KSTO1055887203</x:identifier>',
    );
    expect(parseCap(xml)).toEqual({ ok: false, error: '<alert> without <identifier>' });
  });
});

describe('a CAP alert as a wall warning', () => {
  const sentThunder = Date.parse('2003-06-17T21:57:00Z');

  it('issues a warning in force until its expiry, in the severity colour classes', () => {
    const result = capToEvent(parsed(sample('thunderstorm.xml')), sentThunder + 60_000);
    expect(result.ok && result.event).toMatchObject({
      type: 'warning.issued',
      payload: {
        warningId: 'KSTO1055887203',
        status: 'actual',
        severity: 'severe',
        urgency: 'immediate',
        certainty: 'observed',
        expires: Date.parse('2003-06-17T23:00:00Z'),
        replaces: [],
        texts: [{ language: 'en-US', event: 'SEVERE THUNDERSTORM' }],
      },
    });
  });

  it('refuses an alert that has expired by the time it is read', () => {
    const result = capToEvent(
      parsed(sample('thunderstorm.xml')),
      Date.parse('2003-06-18T00:00:00Z'),
    );
    expect(result).toEqual({ ok: false, reason: 'expired at 2003-06-17T23:00:00.000Z' });
  });

  it('gives a warning without expires 24 hours, and an update replaces what it references', () => {
    const alert = parsed(sample('earthquake-update.xml'));
    const sent = Date.parse('2003-06-12T03:56:00Z');
    const result = capToEvent(alert, sent);
    expect(
      result.ok && result.event.type === 'warning.issued' && result.event.payload,
    ).toMatchObject({
      expires: sent + 24 * 3_600_000,
      replaces: ['TRI13970876.1'],
      severity: 'minor',
      areas: [{ circles: [{ centre: { lon: -115.5527, lat: 32.9525 }, radiusMetres: 0 }] }],
    });
  });

  it('refuses an alert whose areas are geocodes only, and one outside the city', () => {
    const now = Date.parse('2003-04-02T20:00:00Z');
    expect(capToEvent(parsed(sample('homeland-security.xml')), now)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no <polygon> or <circle>/),
    });
    expect(capToEvent(parsed(sample('thunderstorm.xml')), sentThunder, DUANZHOU)).toEqual({
      ok: false,
      reason: 'every area lies outside the city',
    });
  });

  it('takes a Chinese warning over the district, with its polygon and circle', () => {
    const now = Date.parse('2026-07-04T02:00:00Z');
    const result = capToEvent(parsed(sample('duanzhou-rainstorm.xml')), now, DUANZHOU);
    expect(result.ok && result.event.payload).toMatchObject({
      severity: 'extreme',
      texts: [{ language: 'zh-CN', event: '暴雨红色预警信号', senderName: '肇庆市气象台' }],
      areas: [{ description: '端州区', circles: [{ radiusMetres: 2500 }] }],
    });
  });

  it('turns a Cancel into the end of the warnings it references, and refuses tests and acks', () => {
    const xml = sample('earthquake-update.xml');
    const cancel = parsed(edited(xml, 'msgType', 'Cancel'));
    expect(capToEvent(cancel, 0)).toEqual({
      ok: true,
      event: {
        type: 'warning.cancelled',
        payload: { warningId: 'TRI13970876.2', at: cancel.sent, cancels: ['TRI13970876.1'] },
      },
    });
    expect(capToEvent(parsed(edited(xml, 'status', 'Test')), 0)).toEqual({
      ok: false,
      reason: 'status Test: not for the wall',
    });
    expect(capToEvent(parsed(edited(xml, 'msgType', 'Ack')), 0)).toMatchObject({ ok: false });
  });

  it('thins a long outline to what one event may carry, keeping the ring closed', () => {
    const points: string[] = [];
    for (let k = 0; k < 5_000; k += 1) {
      const a = (k / 5_000) * 2 * Math.PI;
      points.push(
        `${(23.1 + 0.05 * Math.sin(a)).toFixed(5)},${(112.47 + 0.05 * Math.cos(a)).toFixed(5)}`,
      );
    }
    points.push(points[0] as string);
    const plain = sample('duanzhou-rainstorm.xml')
      .replaceAll('<cap:', '<')
      .replaceAll('</cap:', '</')
      .replace('xmlns:cap=', 'xmlns=');
    const xml = edited(plain, 'polygon', points.join(' '));
    const result = capToEvent(parsed(xml), Date.parse('2026-07-04T02:00:00Z'), DUANZHOU);
    if (!result.ok || result.event.type !== 'warning.issued') throw new Error('not issued');
    const ring = result.event.payload.areas[0]?.polygons[0] ?? [];
    expect(ring.length / 2).toBeLessThanOrEqual(2_000);
    expect(ring.length / 2).toBeGreaterThan(1_000);
    expect(ring.slice(-2)).toEqual(ring.slice(0, 2));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseStore } from '../domain/caseStore';
import { min, reported } from '../domain/testEvents';
import { decodeEnvelope, MAX_EVENT_BYTES, makeEnvelope, validateEvent } from './envelope';
import { EVENT_TYPES } from './events';
import { Sequencer } from '../gateway/sequencer';
import { WallStore } from '../gateway/wallStore';

const good = makeEnvelope(1, min(0), reported('A', min(0)));

describe('decodeEnvelope', () => {
  it('accepts a valid envelope as object and as JSON text', () => {
    expect(decodeEnvelope(good)).toEqual({ ok: true, envelope: good });
    expect(decodeEnvelope(JSON.stringify(good))).toEqual({ ok: true, envelope: good });
  });

  it.each([
    ['malformed-json', '{"v":1,"seq":'],
    [
      'too-large',
      JSON.stringify({
        ...good,
        payload: { ...good.payload, description: 'x'.repeat(MAX_EVENT_BYTES) },
      }),
    ],
    ['bad-envelope', { v: 1, seq: -3, ts: 0, type: 'case.reported', payload: {} }],
    ['unsupported-version', { ...good, v: 2 }],
    ['unknown-type', { ...good, type: 'case.teleported' }],
    ['bad-payload', { ...good, payload: { ...good.payload, position: { lon: 'east', lat: 23 } } }],
    [
      'bad-payload',
      { ...good, payload: { ...good.payload, position: { lon: Number.NaN, lat: 23 } } },
    ],
    ['bad-payload', { ...good, payload: { ...good.payload, at: 1_700_000_000 } }],
    ['bad-payload', { ...good, payload: { ...good.payload, photos: ['javascript:alert(1)'] } }],
    [
      'bad-payload',
      {
        ...good,
        payload: { ...good.payload, photos: Array(10).fill('https://img.example.cn/a.jpg') },
      },
    ],
  ])('rejects %s', (reason, raw) => {
    const result = decodeEnvelope(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(result.detail.length).toBeGreaterThan(0);
    }
  });

  it('keeps the photos a report and a handling carry, through the store and its snapshot', () => {
    const photos = ['https://img.example.cn/a.jpg', 'http://10.1.2.3/b.png'];
    const report = decodeEnvelope({ ...good, payload: { ...good.payload, photos } });
    expect(report.ok).toBe(true);
    const store = new CaseStore();
    if (report.ok) store.apply(report.envelope);
    for (const [type, payload] of [
      ['case.registered', {}],
      ['case.dispatched', { department: '城管局' }],
      ['case.accepted', {}],
      ['case.handled', { photos: ['https://img.example.cn/done.jpg'] }],
    ] as const) {
      const checked = validateEvent({ type, payload: { caseId: 'A', at: min(1), ...payload } });
      expect(checked.ok).toBe(true);
      if (checked.ok) expect(store.apply(checked.event).ok).toBe(true);
    }
    const copy = new CaseStore();
    copy.restore(store.snapshot(), min(2));
    for (const s of [store, copy])
      expect(s.get('A')).toMatchObject({
        photos,
        handledPhotos: ['https://img.example.cn/done.jpg'],
      });
  });

  it('rejects an oversized object without serialising it', () => {
    const huge = { ...good, payload: { ...good.payload, description: 'y'.repeat(70_000) } };
    expect(decodeEnvelope(huge)).toMatchObject({ ok: false, reason: 'too-large', seq: 1 });
  });

  it('keeps the seq of a refused event so the order can move past it', () => {
    expect(decodeEnvelope({ ...good, seq: 42, type: 'nope' })).toMatchObject({
      ok: false,
      seq: 42,
    });
  });
});

describe('fuzz: nothing gets past the validator or changes state', () => {
  const arbitraryEnvelope = fc.record({
    v: fc.oneof(fc.constant(1), fc.anything()),
    seq: fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.anything()),
    ts: fc.oneof(fc.double(), fc.anything()),
    type: fc.oneof(fc.constantFrom(...EVENT_TYPES), fc.string()),
    payload: fc.oneof(
      fc.anything(),
      fc.record(
        {
          caseId: fc.string(),
          at: fc.double(),
          category: fc.string(),
          position: fc.record({ lon: fc.double(), lat: fc.double() }),
        },
        { requiredKeys: [] },
      ),
    ),
  });

  it('random values and random JSON text never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.json(), arbitraryEnvelope), (raw) => {
        const result = decodeEnvelope(raw);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.reason).toBeTruthy();
      }),
      { numRuns: 3_000 },
    );
  });

  it('a refused event never changes the wall state, and is counted', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEnvelope, { maxLength: 20 }), (batch) => {
        const store = new WallStore({ scheduler: () => undefined });
        const sequencer = new Sequencer(store);
        sequencer.receive([makeEnvelope(1, min(0), reported('A', min(0)))]);
        for (const raw of batch) {
          const decoded = decodeEnvelope(raw);
          const before = JSON.stringify(store.cases.snapshot());
          const rejectedBefore = store.diagnostics.rejected + store.diagnostics.duplicates;
          if (decoded.ok) continue;
          sequencer.receive([raw]);
          expect(JSON.stringify(store.cases.snapshot())).toBe(before);
          expect(store.diagnostics.rejected + store.diagnostics.duplicates).toBe(
            rejectedBefore + 1,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('valid envelopes with random payload fields apply or are refused with a reason, never throw', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            type: fc.constantFrom(...EVENT_TYPES),
            payload: fc.record({
              caseId: fc.constantFrom('A', 'B'),
              at: fc.integer({ min: min(0), max: min(1000) }),
              category: fc.constantFrom('event/street-order/illegal-parking', 'bogus'),
              urgent: fc.boolean(),
              position: fc.record({
                lon: fc.double({ min: 100, max: 130, noNaN: true }),
                lat: fc.double({ min: 20, max: 30, noNaN: true }),
              }),
              source: fc.constant('camera'),
              department: fc.string({ maxLength: 5 }),
              hours: fc.integer({ min: 1, max: 5 }),
            }),
          }),
          { maxLength: 30 },
        ),
        (items) => {
          const store = new CaseStore({ bounds: { west: 112, south: 23, east: 113, north: 24 } });
          let applied = 0;
          for (const item of items) {
            const checked = validateEvent(item);
            if (!checked.ok) continue;
            const before = JSON.stringify(store.snapshot());
            const result = store.apply(checked.event);
            if (result.ok) applied += 1;
            else expect(JSON.stringify(store.snapshot())).toBe(before);
          }
          const counts = Object.values(store.countByState()).reduce((a, b) => a + b, 0);
          expect(counts).toBe(store.size);
          expect(applied).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

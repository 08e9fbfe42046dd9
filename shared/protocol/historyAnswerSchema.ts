import { z } from 'zod';
import type { HistoryAnswer } from './history';

/**
 * `GET /api/history`'s answer as a wall checks it before drawing it: the hub is outside input
 * too. Counts and rates are numbers or null (a rate with nothing to judge); group values text,
 * numbers or null; lengths bounded by the query's own limits.
 */
const figures = z.record(z.string().max(40), z.number().finite().nullable());
const period = z.object({
  kind: z.enum(['day', 'week', 'month', 'range']),
  from: z.number().finite(),
  to: z.number().finite(),
  firstDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  lastDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
const section = z.object({
  period,
  total: figures,
  rows: z
    .array(
      z.object({
        key: z.record(z.string().max(20), z.union([z.string().max(200), z.number(), z.null()])),
        figures,
      }),
    )
    .max(5_000),
  truncated: z.boolean(),
});
const answer = section.extend({
  groupBy: z.array(z.string().max(20)).max(2),
  utcOffsetMinutes: z.number().int().min(-840).max(840),
  asOf: z.number().finite(),
  seq: z.number().int().min(0),
  previous: section.optional(),
});

export function checkHistoryAnswer(
  raw: unknown,
): { ok: true; answer: HistoryAnswer } | { ok: false; error: string } {
  const parsed = answer.safeParse(raw);
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues[0]?.message ?? 'not a history answer' };
  return { ok: true, answer: parsed.data as unknown as HistoryAnswer };
}

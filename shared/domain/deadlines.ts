import { findCategory } from './categories';

/**
 * Handling deadlines (处置时限) in hours, by urgency, configurable per category class and per
 * category. The national standard sets them per category; each city publishes its own table, so
 * this is data, not code. The clock starts at dispatch.
 */
export interface DeadlineHours {
  readonly normal: number;
  readonly urgent: number;
}

export interface DeadlineTable {
  readonly fallback: DeadlineHours;
  readonly byClass: Readonly<Record<string, DeadlineHours>>;
  readonly byCategory: Readonly<Record<string, DeadlineHours>>;
}

export const DEFAULT_DEADLINES: DeadlineTable = {
  fallback: { normal: 24, urgent: 4 },
  byClass: {
    'event/emergency': { normal: 2, urgent: 0.5 },
    'event/street-order': { normal: 2, urgent: 1 },
    'event/appearance': { normal: 4, urgent: 1 },
    'event/advertising': { normal: 24, urgent: 4 },
    'event/construction': { normal: 8, urgent: 2 },
    'component/utilities': { normal: 24, urgent: 2 },
    'component/traffic': { normal: 24, urgent: 2 },
    'component/greenery': { normal: 72, urgent: 8 },
    'component/buildings': { normal: 120, urgent: 8 },
  },
  byCategory: {
    'component/utilities/manhole-cover': { normal: 4, urgent: 1 },
  },
};

const HOUR = 3_600_000;

/** Milliseconds a department has to handle a case of this category and urgency. */
export function deadlineMs(table: DeadlineTable, categoryId: string, urgent: boolean): number {
  const classId = findCategory(categoryId)?.classId;
  const hours =
    table.byCategory[categoryId] ??
    (classId ? table.byClass[classId] : undefined) ??
    table.fallback;
  return (urgent ? hours.urgent : hours.normal) * HOUR;
}

/** Hours as milliseconds, for extensions (延期) given in hours. */
export function hoursToMs(hours: number): number {
  return hours * HOUR;
}

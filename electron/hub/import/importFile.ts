import { readFile } from 'node:fs/promises';
import type { WallEvent } from '../../../shared/protocol/events';
import { bindMapping, type MappedRecord } from './mapRecord';
import { readMapping, type LoadedMapping } from './mapping';
import { readRecords } from './readRecords';

/** Refused records listed one by one; beyond this only counted. */
export const REFUSALS_LISTED = 50;

export interface ImportReport {
  readonly records: number;
  readonly mapped: number;
  readonly refused: number;
  /** The first refused records, each with its line (or sheet row, or index) and why. */
  readonly refusals: readonly { readonly line: number; readonly reason: string }[];
  readonly byCategory: Readonly<Record<string, number>>;
  readonly byState: Readonly<Record<string, number>>;
}

export interface ImportResult {
  /** Every mapped record's events, in time order (a record's own steps keep their order). */
  readonly events: WallEvent[];
  readonly report: ImportReport;
}

/** Reads a mapping file (checked, with line and key in its errors). */
export async function loadMapping(path: string): Promise<LoadedMapping> {
  return readMapping(await readFile(path, 'utf8'), path);
}

/**
 * Maps every record of an export through a mapping. A record that cannot be a case is refused
 * with its line and why, and the rest go on; a case number seen before is refused too (the
 * first one counts), so a re-exported file never doubles a case.
 */
export async function importFile(loaded: LoadedMapping, path: string): Promise<ImportResult> {
  const source = readRecords(path, loaded.mapping.file);
  let map: ((values: Readonly<Record<string, string>>) => MappedRecord) | undefined;
  const timed: { at: number; order: number; event: WallEvent }[] = [];
  const refusals: { line: number; reason: string }[] = [];
  const byCategory: Record<string, number> = {};
  const byState: Record<string, number> = {};
  const firstLine = new Map<string, number>();
  let records = 0;
  let refused = 0;
  let order = 0;
  const refuse = (line: number, reason: string) => {
    refused += 1;
    if (refusals.length < REFUSALS_LISTED) refusals.push({ line, reason });
  };
  for await (const { line, values } of source.records) {
    map ??= bindMapping(loaded, source.columns() ?? []);
    records += 1;
    const result = map(values);
    if (!result.ok) {
      refuse(line, result.reason);
      continue;
    }
    const earlier = firstLine.get(result.caseId);
    if (earlier !== undefined) {
      refuse(line, `case number ${result.caseId} again (first on line ${earlier})`);
      continue;
    }
    firstLine.set(result.caseId, line);
    byCategory[result.category] = (byCategory[result.category] ?? 0) + 1;
    byState[result.state] = (byState[result.state] ?? 0) + 1;
    for (const event of result.events) timed.push({ at: event.payload.at, order: order++, event });
  }
  timed.sort((a, b) => a.at - b.at || a.order - b.order);
  return {
    events: timed.map((t) => t.event),
    report: { records, mapped: records - refused, refused, refusals, byCategory, byState },
  };
}

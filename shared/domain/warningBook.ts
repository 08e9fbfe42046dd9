import type { PayloadOf, WallEvent } from '../protocol/events';
import type { ApplyResult } from './caseStore';
import { severityRank } from './warningKinds';

/** One public warning as the wall knows it. Plain data, so it crosses IPC and snapshots unchanged. */
export type WarningRecord = Omit<PayloadOf<'warning.issued'>, 'warningId' | 'at'> & {
  readonly id: string;
  readonly issuedAt: number;
  /** When a Cancel or a later Update ended it before it expired. */
  endedAt?: number;
  /** The warning that replaced it, or the Cancel that ended it. */
  endedBy?: string;
};

/**
 * The public warnings the city is under (CAP alerts read by the hub): each in force from its
 * issue until it expires, a Cancel names it, or an Update replaces it. A warning issued twice,
 * one that had expired before it was sent, or a Cancel of none the book knows is refused with
 * its reason.
 */
export class WarningBook {
  private readonly warnings = new Map<string, WarningRecord>();

  apply(event: WallEvent): ApplyResult {
    if (event.type === 'warning.issued') return this.issue(event.payload);
    if (event.type === 'warning.cancelled') return this.cancel(event.payload);
    return { ok: false, reason: 'unknown-type', detail: event.type };
  }

  private issue(p: PayloadOf<'warning.issued'>): ApplyResult {
    if (this.warnings.has(p.warningId)) return refuse(`warning ${p.warningId}: issued already`);
    if (p.expires <= p.at) return refuse(`warning ${p.warningId}: expired before it was sent`);
    const { warningId, at, ...rest } = p;
    this.warnings.set(warningId, { ...rest, id: warningId, issuedAt: at });
    for (const old of p.replaces) this.end(old, p.at, warningId);
    return { ok: true };
  }

  private cancel(p: PayloadOf<'warning.cancelled'>): ApplyResult {
    const known = p.cancels.filter((id) => {
      const warning = this.warnings.get(id);
      return warning !== undefined && warning.endedAt === undefined;
    });
    if (known.length === 0)
      return refuse(`cancel ${p.warningId}: no warning in force among ${p.cancels.join(', ')}`);
    for (const id of known) this.end(id, p.at, p.warningId);
    return { ok: true };
  }

  private end(id: string, at: number, by: string): void {
    const record = this.warnings.get(id);
    if (!record || record.endedAt !== undefined) return;
    record.endedAt = at;
    record.endedBy = by;
  }

  get(id: string): WarningRecord | undefined {
    return this.warnings.get(id);
  }

  /** The warnings in force at `now`, gravest first, then the latest issued. */
  inForce(now: number): WarningRecord[] {
    return [...this.warnings.values()]
      .filter((w) => w.endedAt === undefined && w.expires > now && (w.onset ?? 0) <= now)
      .sort(
        (a, b) => severityRank(a.severity) - severityRank(b.severity) || b.issuedAt - a.issuedAt,
      );
  }

  /** When the next warning in force expires or comes into force: the wall redraws then. */
  nextChange(now: number): number | undefined {
    let next: number | undefined;
    for (const w of this.warnings.values()) {
      if (w.endedAt !== undefined) continue;
      for (const t of [w.onset, w.expires])
        if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
    }
    return next;
  }

  /** Forgets warnings that expired or ended before `before`. */
  evictBefore(before: number): void {
    for (const w of this.warnings.values())
      if ((w.endedAt ?? w.expires) < before) this.warnings.delete(w.id);
  }

  snapshot(): WarningRecord[] {
    return [...this.warnings.values()].map(copyWarning);
  }

  restore(warnings: readonly WarningRecord[] = []): void {
    this.warnings.clear();
    for (const w of warnings) this.warnings.set(w.id, copyWarning(w));
  }
}

function copyWarning(w: WarningRecord): WarningRecord {
  return { ...w, replaces: [...w.replaces], texts: [...w.texts], areas: [...w.areas] };
}

function refuse(detail: string): ApplyResult {
  return { ok: false, reason: 'illegal-transition', detail };
}

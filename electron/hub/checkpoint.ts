import { open, readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import type { CaseStoreSnapshot } from '../../shared/domain/caseStore';
import { caseStoreSnapshotSchema } from '../../shared/protocol/snapshot';
import { MAX_REF_LENGTH } from '../../shared/protocol/envelope';
import { REFS_KEPT } from './ingest/refIndex';
import type { TailStart } from './logOpening';

/**
 * The hub's live state at a seq, kept beside the log so that a restart reads only the log's
 * tail: the store as it stood at `seq`, and the first line that the store and the history
 * database have not both taken in (`tail`). Written whole to a temporary file, flushed, then
 * renamed over the last one: a hub killed while writing keeps the checkpoint before.
 */
export interface Checkpoint {
  readonly version: 1;
  readonly logId: string;
  /** The store below is the live state after this seq. */
  readonly seq: number;
  /** Where a restart starts reading the log (at or before `seq + 1`). */
  readonly tail: TailStart;
  /**
   * The seq the history database held when the checkpoint was taken: the store below holds the
   * cases whose rows it lacked. A database found older than this was restored from elsewhere.
   */
  readonly historySeq: number;
  readonly savedAt: number;
  readonly store: CaseStoreSnapshot;
  /** The platform ids of pushed events up to `seq`, with their seqs, oldest first (ingest retries). */
  readonly refs?: readonly (readonly [string, number])[];
}

const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const checkpointSchema = z
  .object({
    version: z.literal(1),
    logId: z.string().min(8).max(64),
    seq,
    tail: z.object({ seq: seq.min(1), offset: seq }),
    historySeq: seq,
    savedAt: z.number().finite(),
    store: caseStoreSnapshotSchema,
    refs: z
      .array(z.tuple([z.string().min(1).max(MAX_REF_LENGTH), seq]))
      .max(REFS_KEPT)
      .optional(),
  })
  .refine((c) => c.tail.seq <= c.seq + 1, 'the tail starts after the state it continues');

export type CheckpointReading =
  | { readonly checkpoint: Checkpoint }
  | { readonly problem: string; readonly setAside?: string }
  | { readonly missing: true };

/** Reads the checkpoint; one that cannot be read or checked is renamed aside (never deleted). */
export async function readCheckpoint(file: string): Promise<CheckpointReading> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return { missing: true };
    return { problem: `the checkpoint could not be read (${String(error).slice(0, 120)})` };
  }
  let problem: string;
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { checkpoint: parsed.data as Checkpoint };
    const issue = parsed.error.issues[0];
    problem = `the checkpoint is not valid (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`;
  } catch {
    problem = 'the checkpoint is not JSON (cut short or damaged)';
  }
  const setAside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(file, setAside);
    return { problem, setAside };
  } catch {
    return { problem };
  }
}

/** Writes the checkpoint so that the file is always either the old one or the new one, whole. */
export async function writeCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  const tmp = `${file}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(checkpoint));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}

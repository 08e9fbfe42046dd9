/** One thing wrong in an input file, named so a person can find it: file, feature, why. */
export interface Problem {
  readonly file: string;
  /** The feature's index (or id) in its file; '-' for the file as a whole. */
  readonly feature: number | string;
  readonly reason: string;
}

export function describeProblem(p: Problem): string {
  return p.feature === '-' ? `${p.file}: ${p.reason}` : `${p.file} #${p.feature}: ${p.reason}`;
}

/** Larger files are refused before they are read: a wall must not freeze on one bad file. */
export const MAX_FILE_BYTES = 150 * 1024 * 1024;

export function checkFileSize(
  file: string,
  bytes: number,
  limit = MAX_FILE_BYTES,
): Problem | undefined {
  if (bytes === 0) return { file, feature: '-', reason: 'empty file' };
  if (bytes > limit)
    return {
      file,
      feature: '-',
      reason: `${(bytes / 1048576).toFixed(0)} MiB is over the ${(limit / 1048576).toFixed(0)} MiB limit`,
    };
  return undefined;
}

/** JSON.parse that names the file instead of throwing. */
export function parseJsonFile(
  file: string,
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  if (text.trim() === '')
    return { ok: false, problem: { file, feature: '-', reason: 'empty file' } };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      problem: {
        file,
        feature: '-',
        reason: `not JSON: ${(error as Error).message.slice(0, 120)}`,
      },
    };
  }
}

import { findNodeAtLocation, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';

export type KeyPath = readonly (string | number)[];

/** A mistake in a mapping file: where (line and key) and what. */
export class MappingError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly file: string,
  ) {
    super(`${file}: ${problems.join('\n  ')}`);
  }
}

/**
 * Parses a JSON file and checks it against a schema, keeping where each key is written: every
 * problem says its line and key (`line 12, fields.category.patterns.3.0: …`), several at once.
 */
export function readCheckedJson<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): { value: z.infer<S>; where: (path: KeyPath) => string } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  if (errors.length > 0 || !tree)
    throw new MappingError(
      errors.slice(0, 5).map((e) => `line ${lineOf(e.offset)}: not valid JSON here`),
      file,
    );
  const where = (path: KeyPath) => {
    let node: Node | undefined;
    for (let n = path.length; n >= 0 && !node; n -= 1)
      node = findNodeAtLocation(tree, path.slice(0, n) as (string | number)[]);
    return `line ${lineOf(node?.offset ?? 0)}, ${path.join('.') || '(root)'}`;
  };
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new MappingError(
      parsed.error.issues.slice(0, 10).map((i) => `${where(i.path as KeyPath)}: ${i.message}`),
      file,
    );
  return { value: parsed.data, where };
}

import { MappingError, type KeyPath } from './jsonWithLines';
import type { ColumnRef, TextField } from './mappingFields';

type Values = Readonly<Record<string, string>>;

/** How a mapping reads a record once bound to a file's columns. */
export interface BoundColumns {
  /** A column's value, trimmed ('' when the record has none). */
  column(values: Values, ref: ColumnRef): string;
  /** A text field: its constant, its column, or its columns' non-empty values joined. */
  text(field: Omit<TextField, 'default'> | undefined, values: Values): string;
}

/**
 * Binds the columns a mapping names to a file's header: each must be there (one of its
 * spellings), or the mapping is refused naming the key, the column and what the file has; a
 * header that did not decode says to check the encoding.
 */
export function bindColumns(
  reads: readonly { path: KeyPath; ref: ColumnRef }[],
  columns: readonly string[],
  mapping: { readonly file: string; readonly where: (path: KeyPath) => string },
  encoding: string,
): BoundColumns {
  const have = new Set(columns);
  const problems: string[] = [];
  const resolved = new Map<ColumnRef, string>();
  for (const { path, ref } of reads) {
    const names = typeof ref === 'string' ? [ref] : ref;
    const found = names.find((n) => have.has(n));
    if (found) resolved.set(ref, found);
    else
      problems.push(
        `${mapping.where(path)}: no column ${names.map((n) => `"${n}"`).join(' or ')} in the file (it has ${columns
          .slice(0, 12)
          .map((c) => `"${c}"`)
          .join(', ')}${columns.length > 12 ? ', …' : ''})`,
      );
  }
  if (problems.length > 0 && columns.some((c) => c.includes('\uFFFD')))
    problems.unshift(
      `${mapping.where(['file', 'encoding'])}: the file's header does not read as ${encoding} (it has "\uFFFD"): is the file GBK, GB18030 or UTF-8?`,
    );
  if (problems.length > 0) throw new MappingError(problems, mapping.file);
  const column = (values: Values, ref: ColumnRef) =>
    (values[resolved.get(ref) as string] ?? '').trim();
  return {
    column,
    text(field, values) {
      if (!field) return '';
      if (field.value !== undefined) return field.value;
      if (field.column) return column(values, field.column);
      return (field.columns ?? [])
        .map((ref) => column(values, ref))
        .filter((v) => v !== '')
        .join(field.join ?? ' / ');
    },
  };
}

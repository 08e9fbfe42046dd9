/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, commas and line breaks inside
 * quotes, CRLF, and a leading byte order mark. Yields one row (array of fields) at a time.
 */
function* parseCsv(text: string): Generator<string[]> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  while (i < n) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      field = '';
      yield row;
      row = [];
    } else {
      field += ch;
    }
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    yield row;
  }
}

/** Rows as objects keyed by the header row. */
export function* csvRecords(text: string): Generator<Record<string, string>> {
  const rows = parseCsv(text);
  const header = rows.next();
  if (header.done) return;
  const names = header.value;
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') continue;
    const record: Record<string, string> = {};
    names.forEach((name, k) => {
      record[name] = row[k] ?? '';
    });
    yield record;
  }
}

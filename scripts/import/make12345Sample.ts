import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  hotlineCsv,
  hotlineRows,
  writeHotlineXlsx,
} from '../../electron/hub/sources/hotline12345Sample';

/**
 * `npm run import:sample -- [--count 1000] [--encoding gbk|utf-8|xlsx] [--out FILE]`: writes a
 * GENERATED 12345 hotline export for the demo district (see hotline12345.ts), to try
 * `assets/mappings/hotline12345.json` with `npm run import:check` or `npm run hub -- --source import`.
 */
const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    encoding: { type: 'string', default: 'gbk' },
    out: { type: 'string' },
    seed: { type: 'string', default: '12345' },
  },
});
const rows = hotlineRows(Number(values.count), Number(values.seed), Date.now());
const encoding = values.encoding;
const out = resolve(values.out ?? `hotline12345-sample.${encoding === 'xlsx' ? 'xlsx' : 'csv'}`);
if (encoding === 'xlsx') await writeHotlineXlsx(rows, out);
else if (encoding === 'gbk' || encoding === 'utf-8')
  await writeFile(out, hotlineCsv(rows, encoding));
else {
  console.error(`--encoding takes gbk, utf-8 or xlsx, not "${encoding}"`);
  process.exit(2);
}
console.log(`wrote ${rows.length} generated work orders to ${out}`);

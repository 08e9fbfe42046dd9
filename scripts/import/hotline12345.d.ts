/**
 * A 12345 hotline export as Guangdong's platforms write one: GBK text, Chinese headers, Baidu
 * (BD-09) coordinates, multi-line complaint texts in quotes. GENERATED data for Duanzhou (the
 * demo district), not real complaints: it exists so that the shipped mapping
 * (`assets/mappings/hotline12345.json`) is tested against the shape of a real export.
 */
export declare const HOTLINE_HEADER: readonly [
  '工单编号',
  '受理时间',
  '办结时间',
  '诉求类型',
  '诉求内容',
  '事发地址',
  '所属区县',
  '所属街道',
  '所属网格',
  '承办单位',
  '工单状态',
  '紧急程度',
  '经度(BD09)',
  '纬度(BD09)',
  '来源渠道',
];
/** `count` work orders received over the `days` before `end`, deterministic for a seed. */
export declare function hotlineRows(
  count: number,
  seed?: number,
  end?: number,
  days?: number,
): string[][];
/** The rows as CSV in `encoding`; UTF-8 gets the byte order mark Excel writes. */
export declare function hotlineCsv(
  rows: readonly (readonly string[])[],
  encoding?: 'gbk' | 'utf-8',
): Buffer;
/** The same export as an Excel workbook (the times as text, as the platforms write them). */
export declare function writeHotlineXlsx(
  data: readonly (readonly string[])[],
  path: string,
): Promise<void>;

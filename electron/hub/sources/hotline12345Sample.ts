import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { fromWgs84 } from '../../../shared/geo/coords';
import { Random } from '../../../shared/random';
import { DEMO_DEPARTMENTS, gridOf, randomPosition } from './demoCity';

/**
 * A 12345 hotline export as Guangdong's platforms write one: GBK text, Chinese headers, Baidu
 * (BD-09) coordinates, multi-line complaint texts in quotes. GENERATED data for Duanzhou (the
 * demo district), not real complaints: it exists so that the shipped mapping
 * (`assets/mappings/hotline12345.json`) is tested against the shape of a real export.
 */
export const HOTLINE_HEADER = [
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
] as const;

/** Complaint types as the hotline names them, each with a phrase its texts use. */
const TYPES: readonly (readonly [string, string])[] = [
  ['噪音扰民', '夜间施工噪音很大，影响休息'],
  ['占道经营', '商贩在人行道上摆摊，行人无法通过'],
  ['乱停乱放', '车辆长期占用消防通道'],
  ['垃圾清运', '垃圾桶已满多日无人清运，气味很大'],
  ['道路破损', '路面出现坑洞，电动车容易摔倒'],
  ['井盖缺失', '井盖缺失，存在安全隐患'],
  ['路灯故障', '路灯不亮已经一周'],
  ['违规广告', '墙上张贴大量小广告'],
  ['扬尘污染', '工地未覆盖，扬尘严重'],
  ['树木倒伏', '台风后树木倒在路边'],
  ['燃气泄漏', '闻到明显燃气味道'],
  ['积水内涝', '下雨后路口积水过膝'],
  ['其他', '咨询办事流程'],
];

const STATES = ['待受理', '已受理', '已派单', '处理中', '已办结', '已回访', '已归档', '不予受理'];
const CHANNELS = ['电话', '网站', '微信', '粤省事', '12345小程序'];

/** Local (+08:00) wall-clock text `yyyy/M/d H:mm:ss`, as the export writes it. */
function localText(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `count` work orders received over the `days` before `end`, deterministic for a seed. */
export function hotlineRows(
  count: number,
  seed = 12345,
  end = Date.UTC(2026, 10, 30),
  days = 30,
): string[][] {
  const random = new Random(seed);
  const rows: string[][] = [];
  for (let k = 0; k < count; k += 1) {
    const p = randomPosition(random);
    const [bdLon, bdLat] = fromWgs84('bd09', p.lon, p.lat);
    const { street, grid } = gridOf(p);
    const [type, phrase] = TYPES[random.int(0, TYPES.length - 1)] as readonly [string, string];
    const received = end - Math.floor(random.next() * days * 86_400_000);
    const state = STATES[random.int(0, STATES.length - 1)] as string;
    const finished = ['已办结', '已回访', '已归档', '不予受理'].includes(state)
      ? localText(received + random.int(1, 72) * 3_600_000)
      : '';
    rows.push([
      `GD12345-${String(2026_0000_00 + k)}`,
      localText(received),
      finished,
      type,
      // A caller's words often run over lines: the export keeps them in one quoted field.
      `市民来电反映：${street}附近${phrase}。\n诉求：请尽快处理，并回复"处理结果"。`,
      `肇庆市端州区${street}${random.int(1, 300)}号`,
      '端州区',
      street,
      grid,
      DEMO_DEPARTMENTS[random.int(0, DEMO_DEPARTMENTS.length - 1)] as string,
      state,
      type === '燃气泄漏' || random.chance(0.05) ? '紧急' : '一般',
      bdLon.toFixed(6),
      bdLat.toFixed(6),
      CHANNELS[random.int(0, CHANNELS.length - 1)] as string,
    ]);
  }
  return rows;
}

/** The rows as CSV in `encoding`; UTF-8 gets the byte order mark Excel writes. */
export function hotlineCsv(
  rows: readonly (readonly string[])[],
  encoding: 'gbk' | 'utf-8' = 'gbk',
): Buffer {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const text = [HOTLINE_HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
  return encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(`\uFEFF${text}`, 'utf8');
}

/** The same export as an Excel workbook (the times as text, as the platforms write them). */
export async function writeHotlineXlsx(
  data: readonly (readonly string[])[],
  path: string,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const sheet = workbook.addWorksheet('工单');
  sheet.addRow([...HOTLINE_HEADER]).commit();
  for (const row of data) sheet.addRow([...row]).commit();
  sheet.commit();
  await workbook.commit();
}

/**
 * Case categories after GB/T 30428: components (部件, physical assets) and events (事件,
 * happenings), each a class with sub-classes. Ids are stable strings so that platform adapters
 * map their own codes onto ours in one table.
 */
export type CategoryKind = 'component' | 'event';

export interface CategoryClass {
  readonly id: string;
  readonly kind: CategoryKind;
  readonly zh: string;
  readonly en: string;
}

export interface Category {
  readonly id: string;
  readonly classId: string;
  readonly zh: string;
  readonly en: string;
}

const CATEGORY_CLASSES: readonly CategoryClass[] = [
  { id: 'component/utilities', kind: 'component', zh: '公用设施', en: 'Public utilities' },
  { id: 'component/traffic', kind: 'component', zh: '道路交通', en: 'Roads and traffic' },
  { id: 'component/appearance', kind: 'component', zh: '市容环境', en: 'City appearance' },
  { id: 'component/greenery', kind: 'component', zh: '园林绿化', en: 'Landscaping' },
  { id: 'component/buildings', kind: 'component', zh: '房屋土地', en: 'Buildings and land' },
  { id: 'component/other', kind: 'component', zh: '其他部件', en: 'Other components' },
  { id: 'event/appearance', kind: 'event', zh: '市容环境', en: 'City appearance' },
  { id: 'event/advertising', kind: 'event', zh: '宣传广告', en: 'Advertising' },
  { id: 'event/construction', kind: 'event', zh: '施工管理', en: 'Construction' },
  { id: 'event/emergency', kind: 'event', zh: '突发事件', en: 'Emergencies' },
  { id: 'event/street-order', kind: 'event', zh: '街面秩序', en: 'Street order' },
  { id: 'event/other', kind: 'event', zh: '其他事件', en: 'Other events' },
];

export const CATEGORIES: readonly Category[] = [
  {
    id: 'component/utilities/manhole-cover',
    classId: 'component/utilities',
    zh: '井盖',
    en: 'Manhole cover',
  },
  {
    id: 'component/utilities/street-lamp',
    classId: 'component/utilities',
    zh: '路灯',
    en: 'Street lamp',
  },
  {
    id: 'component/utilities/fire-hydrant',
    classId: 'component/utilities',
    zh: '消防栓',
    en: 'Fire hydrant',
  },
  {
    id: 'component/traffic/guardrail',
    classId: 'component/traffic',
    zh: '交通护栏',
    en: 'Guardrail',
  },
  {
    id: 'component/traffic/bus-shelter',
    classId: 'component/traffic',
    zh: '公交站亭',
    en: 'Bus shelter',
  },
  {
    id: 'component/traffic/traffic-light',
    classId: 'component/traffic',
    zh: '交通信号灯',
    en: 'Traffic light',
  },
  {
    id: 'component/traffic/street-sign',
    classId: 'component/traffic',
    zh: '交通标志',
    en: 'Street sign',
  },
  {
    id: 'component/traffic/road-surface',
    classId: 'component/traffic',
    zh: '道路破损',
    en: 'Damaged road surface',
  },
  {
    id: 'component/appearance/litter-bin',
    classId: 'component/appearance',
    zh: '垃圾箱',
    en: 'Litter bin',
  },
  {
    id: 'component/appearance/public-toilet',
    classId: 'component/appearance',
    zh: '公厕',
    en: 'Public toilet',
  },
  {
    id: 'component/greenery/street-tree',
    classId: 'component/greenery',
    zh: '行道树',
    en: 'Street tree',
  },
  {
    id: 'component/greenery/green-space',
    classId: 'component/greenery',
    zh: '绿地',
    en: 'Green space',
  },
  {
    id: 'component/buildings/derelict-building',
    classId: 'component/buildings',
    zh: '危旧房屋',
    en: 'Derelict building',
  },
  {
    id: 'component/other/other',
    classId: 'component/other',
    zh: '其他部件',
    en: 'Other component',
  },
  {
    id: 'event/appearance/exposed-garbage',
    classId: 'event/appearance',
    zh: '暴露垃圾',
    en: 'Exposed garbage',
  },
  {
    id: 'event/appearance/dirty-road',
    classId: 'event/appearance',
    zh: '道路不洁',
    en: 'Dirty road',
  },
  { id: 'event/appearance/noise', classId: 'event/appearance', zh: '噪声扰民', en: 'Noise' },
  {
    id: 'event/advertising/illegal-ads',
    classId: 'event/advertising',
    zh: '违规广告',
    en: 'Illegal advertising',
  },
  {
    id: 'event/advertising/flyers',
    classId: 'event/advertising',
    zh: '非法小广告',
    en: 'Illegal flyers',
  },
  {
    id: 'event/construction/dust',
    classId: 'event/construction',
    zh: '施工扬尘',
    en: 'Construction dust',
  },
  {
    id: 'event/construction/muck-truck',
    classId: 'event/construction',
    zh: '渣土车撒漏',
    en: 'Muck truck spill',
  },
  {
    id: 'event/construction/road-works',
    classId: 'event/construction',
    zh: '违规占道施工',
    en: 'Unpermitted road works',
  },
  {
    id: 'event/emergency/waterlogging',
    classId: 'event/emergency',
    zh: '路面积水',
    en: 'Waterlogging',
  },
  {
    id: 'event/emergency/road-collapse',
    classId: 'event/emergency',
    zh: '道路塌陷',
    en: 'Road collapse',
  },
  { id: 'event/emergency/gas-leak', classId: 'event/emergency', zh: '燃气泄漏', en: 'Gas leak' },
  {
    id: 'event/street-order/street-vending',
    classId: 'event/street-order',
    zh: '无照游商',
    en: 'Street vending',
  },
  {
    id: 'event/street-order/illegal-parking',
    classId: 'event/street-order',
    zh: '违章停车',
    en: 'Illegal parking',
  },
  {
    id: 'event/street-order/road-occupation',
    classId: 'event/street-order',
    zh: '占道经营',
    en: 'Road occupation',
  },
  { id: 'event/other/other', classId: 'event/other', zh: '其他事件', en: 'Other event' },
];

const byId = new Map(CATEGORIES.map((c) => [c.id, c]));
const classById = new Map(CATEGORY_CLASSES.map((c) => [c.id, c]));

/** The category with this id, or undefined for an id no table knows. */
export function findCategory(id: string): Category | undefined {
  return byId.get(id);
}

/** The class of a category id (`event/street-order/x` → `event/street-order`). */
export function findCategoryClass(id: string): CategoryClass | undefined {
  return classById.get(byId.get(id)?.classId ?? id);
}

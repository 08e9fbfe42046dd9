import type { IncidentType } from './incidentKinds';

/** One step of a preset response plan (预案) and who answers for it. */
export interface PlanStep {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly department: { readonly zh: string; readonly en: string };
}

export interface ResponsePlan {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly steps: readonly PlanStep[];
}

const dept = (zh: string, en: string) => ({ zh, en });
const COMMAND = dept('应急管理局', 'Emergency Management Bureau');
const FIRE = dept('消防救援大队', 'Fire and Rescue Brigade');
const POLICE = dept('公安分局', 'Public Security Bureau');
const HEALTH = dept('卫生健康局', 'Health Bureau');
const GAS = dept('燃气公司', 'Gas Company');
const WATER = dept('水务局', 'Water Affairs Bureau');
const ROADS = dept('住房城乡建设局', 'Housing and Construction Bureau');
const TRAFFIC = dept('交警大队', 'Traffic Police');
const ECOLOGY = dept('生态环境分局', 'Ecology and Environment Bureau');
const STREET = dept('街道办事处', 'Street Office');
const PRESS = dept('区委宣传部', 'Publicity Department');

const step = (id: string, zh: string, en: string, department: PlanStep['department']) => ({
  id,
  zh,
  en,
  department,
});

/** Every plan opens the same way: verify the report, then start the response. */
const OPENING = [
  step('verify', '接报核实', 'Verify the report', COMMAND),
  step('activate', '启动响应', 'Activate the response', COMMAND),
];
const CLOSING = [
  step('inform', '信息发布', 'Inform the public', PRESS),
  step('recover', '善后恢复', 'Recovery', STREET),
];

/**
 * The district's preset plans, one per incident type (as a city's 总体应急预案 and its special
 * plans lay them out). `incident.step` events name these ids; the plan view ticks them.
 */
export const RESPONSE_PLANS: Readonly<Record<IncidentType, ResponsePlan>> = {
  fire: {
    id: 'fire',
    name: { zh: '火灾事故应急预案', en: 'Fire response plan' },
    steps: [
      ...OPENING,
      step('dispatch-fire', '调派消防力量', 'Send fire crews', FIRE),
      step('cordon', '现场警戒', 'Cordon the scene', POLICE),
      step('evacuate', '疏散楼内人员', 'Evacuate the building', STREET),
      step('rescue', '搜救被困人员', 'Rescue trapped people', FIRE),
      step('medical', '医疗救护', 'Medical care', HEALTH),
      step('extinguish', '火势扑灭', 'Fire out', FIRE),
      ...CLOSING,
    ],
  },
  'gas-leak': {
    id: 'gas-leak',
    name: { zh: '燃气泄漏应急预案', en: 'Gas leak response plan' },
    steps: [
      ...OPENING,
      step('shut-valve', '关阀断气', 'Shut the supply', GAS),
      step('cordon', '现场警戒', 'Cordon the scene', POLICE),
      step('evacuate', '疏散周边群众', 'Evacuate the area', STREET),
      step('detect', '浓度检测', 'Measure concentration', GAS),
      step('repair', '抢修管线', 'Repair the main', GAS),
      ...CLOSING,
    ],
  },
  waterlogging: {
    id: 'waterlogging',
    name: { zh: '城市内涝应急预案', en: 'Urban waterlogging plan' },
    steps: [
      ...OPENING,
      step('close-road', '封闭积水路段', 'Close the flooded road', TRAFFIC),
      step('pump', '调派抽排设备', 'Send pumps', WATER),
      step('evacuate', '转移受困群众', 'Move people out', STREET),
      step('drain', '积水排除', 'Water drained', WATER),
      ...CLOSING,
    ],
  },
  'road-collapse': {
    id: 'road-collapse',
    name: { zh: '道路塌陷应急预案', en: 'Road collapse plan' },
    steps: [
      ...OPENING,
      step('close-road', '封闭交通', 'Close the road', TRAFFIC),
      step('cordon', '现场警戒', 'Cordon the scene', POLICE),
      step('survey', '勘察管线', 'Survey the pipes below', ROADS),
      step('backfill', '回填抢修', 'Backfill and repair', ROADS),
      ...CLOSING,
    ],
  },
  'building-collapse': {
    id: 'building-collapse',
    name: { zh: '房屋倒塌应急预案', en: 'Building collapse plan' },
    steps: [
      ...OPENING,
      step('dispatch-fire', '调派救援力量', 'Send rescue crews', FIRE),
      step('cordon', '现场警戒', 'Cordon the scene', POLICE),
      step('evacuate', '疏散毗邻建筑', 'Evacuate the neighbours', STREET),
      step('rescue', '搜救被困人员', 'Rescue trapped people', FIRE),
      step('medical', '医疗救护', 'Medical care', HEALTH),
      step('assess', '结构安全评估', 'Assess the structure', ROADS),
      ...CLOSING,
    ],
  },
  'hazardous-chemicals': {
    id: 'hazardous-chemicals',
    name: { zh: '危险化学品事故应急预案', en: 'Hazardous chemicals plan' },
    steps: [
      ...OPENING,
      step('dispatch-fire', '调派专业处置队', 'Send the hazmat team', FIRE),
      step('cordon', '划定警戒区', 'Set the exclusion zone', POLICE),
      step('evacuate', '疏散下风向群众', 'Evacuate downwind', STREET),
      step('monitor', '环境监测', 'Monitor air and water', ECOLOGY),
      step('medical', '医疗救护', 'Medical care', HEALTH),
      step('contain', '泄漏控制', 'Leak contained', FIRE),
      ...CLOSING,
    ],
  },
  crowd: {
    id: 'crowd',
    name: { zh: '人员密集场所应急预案', en: 'Crowd safety plan' },
    steps: [
      ...OPENING,
      step('police', '增派警力', 'Send police', POLICE),
      step('limit', '限流分流', 'Limit and divert the flow', POLICE),
      step('traffic', '交通疏导', 'Direct traffic', TRAFFIC),
      step('medical', '医疗救护', 'Medical care', HEALTH),
      ...CLOSING,
    ],
  },
  other: {
    id: 'other',
    name: { zh: '突发事件总体应急预案', en: 'General emergency plan' },
    steps: [
      ...OPENING,
      step('dispatch', '调派处置力量', 'Send responders', COMMAND),
      step('cordon', '现场警戒', 'Cordon the scene', POLICE),
      step('handle', '现场处置', 'Handle on site', COMMAND),
      ...CLOSING,
    ],
  },
};

/** The plan step of this id for this type of incident, if the plan has one. */
export function planStep(type: IncidentType, stepId: string): PlanStep | undefined {
  return RESPONSE_PLANS[type].steps.find((s) => s.id === stepId);
}

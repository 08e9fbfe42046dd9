/**
 * What a public warning (预警信息) can say, in the terms of OASIS CAP 1.2, which China's
 * early-warning release system (国家突发事件预警信息发布系统) speaks: how grave, how soon, how sure.
 * Plain data shared by the hub's CAP reader, the protocol's schemas and the walls.
 */
export const WARNING_SEVERITIES = ['extreme', 'severe', 'moderate', 'minor', 'unknown'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];

export const WARNING_URGENCIES = ['immediate', 'expected', 'future', 'past', 'unknown'] as const;
export type WarningUrgency = (typeof WARNING_URGENCIES)[number];

export const WARNING_CERTAINTIES = [
  'observed',
  'likely',
  'possible',
  'unlikely',
  'unknown',
] as const;
export type WarningCertainty = (typeof WARNING_CERTAINTIES)[number];

/**
 * The colours of China's warning signals, which CAP's severities stand for in the national
 * system: extreme red (红色), severe orange (橙色), moderate yellow (黄色), minor blue (蓝色).
 */
export const SEVERITY_COLOURS: Readonly<
  Record<WarningSeverity, readonly [number, number, number]>
> = {
  extreme: [230, 40, 40],
  severe: [255, 140, 0],
  moderate: [245, 205, 30],
  minor: [40, 120, 255],
  unknown: [150, 160, 175],
};

/** Gravest first: the order the wall lists and draws warnings in. */
export function severityRank(severity: WarningSeverity): number {
  return WARNING_SEVERITIES.indexOf(severity);
}

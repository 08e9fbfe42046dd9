/**
 * The case lifecycle (发现—上报—立案—派遣—处置—核查—结案) as a state machine. Every event that
 * moves a case goes through `transition`, so an impossible move is rejected with its reason
 * instead of silently corrupting the wall's counts.
 */
export const CASE_STATES = [
  'reported', // 上报
  'registered', // 立案
  'voided', // 作废 (不予立案)
  'dispatched', // 派遣
  'handling', // 处置
  'extended', // 延期
  'suspended', // 挂账
  'handled', // 处置完成
  'verified', // 核查
  'reworked', // 返工
  'closed', // 结案
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_ACTIONS = [
  'report',
  'register',
  'void',
  'dispatch',
  'accept',
  'extend',
  'suspend',
  'resume',
  'handle',
  'verify',
  'rework',
  'close',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

interface Rule {
  readonly from: readonly CaseState[];
  readonly to: CaseState;
}

/** `report` has no `from`: it creates the case. Rework sends a case back to dispatch. */
const RULES: Readonly<Record<Exclude<CaseAction, 'report'>, Rule>> = {
  register: { from: ['reported'], to: 'registered' },
  void: { from: ['reported'], to: 'voided' },
  dispatch: { from: ['registered', 'reworked'], to: 'dispatched' },
  accept: { from: ['dispatched'], to: 'handling' },
  extend: { from: ['handling', 'extended'], to: 'extended' },
  suspend: { from: ['handling', 'extended'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'handling' },
  handle: { from: ['handling', 'extended'], to: 'handled' },
  verify: { from: ['handled'], to: 'verified' },
  rework: { from: ['handled'], to: 'reworked' },
  close: { from: ['verified'], to: 'closed' },
};

/** The closed loop's main path, in order; the other states are detours from it. */
export const MAIN_PATH: readonly CaseState[] = [
  'reported',
  'registered',
  'dispatched',
  'handling',
  'handled',
  'verified',
  'closed',
];

export const TERMINAL_STATES: ReadonlySet<CaseState> = new Set(['voided', 'closed']);

/** States in which the handling deadline runs (挂账 stops the clock by definition). */
export const CLOCK_RUNNING_STATES: ReadonlySet<CaseState> = new Set([
  'dispatched',
  'handling',
  'extended',
]);

export type TransitionResult =
  { readonly ok: true; readonly to: CaseState } | { readonly ok: false; readonly reason: string };

/** The state a case moves to under `action`, or why it cannot. `from` is undefined for a new case. */
export function transition(from: CaseState | undefined, action: CaseAction): TransitionResult {
  if (action === 'report') {
    return from === undefined
      ? { ok: true, to: 'reported' }
      : { ok: false, reason: `case already exists (state ${from})` };
  }
  if (from === undefined)
    return { ok: false, reason: `unknown case: cannot ${action} before report` };
  const rule = RULES[action];
  if (!rule.from.includes(from)) {
    return {
      ok: false,
      reason: `cannot ${action} a case in state ${from} (allowed from ${rule.from.join(', ')})`,
    };
  }
  return { ok: true, to: rule.to };
}

/** Chinese and English labels for the board. */
export const STATE_LABELS: Readonly<Record<CaseState, { zh: string; en: string }>> = {
  reported: { zh: '上报', en: 'Reported' },
  registered: { zh: '立案', en: 'Registered' },
  voided: { zh: '作废', en: 'Voided' },
  dispatched: { zh: '派遣', en: 'Dispatched' },
  handling: { zh: '处置', en: 'Handling' },
  extended: { zh: '延期', en: 'Extended' },
  suspended: { zh: '挂账', en: 'Suspended' },
  handled: { zh: '处置完成', en: 'Handled' },
  verified: { zh: '核查', en: 'Verified' },
  reworked: { zh: '返工', en: 'Rework' },
  closed: { zh: '结案', en: 'Closed' },
};

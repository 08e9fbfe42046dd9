import type { HubFaultKind } from '../../shared/gateway/diagnostics';
import type { Language } from '../../shared/ipc/contract';
import type { HubNotice } from '../../shared/protocol/wire';

/**
 * The hub's notices and faults as a person reads them, in the wall's language. The hub sends
 * kinds and figures, never sentences, so the wall says them in Chinese or English alike.
 */
export function noticeText(notice: HubNotice, language: Language): string {
  const n = notice.count ?? 0;
  const zh = language === 'zh-CN';
  switch (notice.kind) {
    case 'damaged-lines':
      return zh
        ? `数据中枢日志有 ${n} 行损坏，原文件已另存${notice.path ? `（${notice.path}）` : ''}，有效事件已保留`
        : `Hub log: ${n} damaged line(s) set aside${notice.path ? ` in ${notice.path}` : ''}; the valid events were kept`;
    case 'missing-seqs':
      return zh
        ? `数据中枢日志缺失 ${n} 条事件（日志中间有缺口），已按丢失处理`
        : `Hub log: ${n} event(s) missing from the middle of the log; counted as lost`;
    case 'log-unopenable':
      return zh
        ? `数据中枢日志无法打开，原文件未改动；已在 ${notice.path ?? '新位置'} 启用新日志`
        : `Hub log could not be opened and was left untouched; a new log is in use at ${notice.path ?? 'a new place'}`;
    case 'log-lost-end':
      return zh
        ? '数据中枢日志末尾丢失（文件被清空或截断），各大屏已从头同步'
        : 'Hub log lost its end (emptied or cut short); every wall started over from it';
    case 'write-failing':
      return zh
        ? `数据中枢无法写入日志，${n} 条事件待写入并重试中${notice.detail ? `（${notice.detail}）` : ''}`
        : `Hub cannot write its log: ${n} event(s) waiting, retrying${notice.detail ? ` (${notice.detail})` : ''}`;
    case 'history-rebuilt':
      return zh
        ? `历史数据库已按日志重建${notice.path ? `，无法打开的原文件已另存（${notice.path}）` : ''}`
        : `History database rebuilt from the log${notice.path ? `; the file that could not be opened was kept at ${notice.path}` : ''}`;
    case 'history-unavailable':
      return zh
        ? `历史数据库无法打开，日盘点/周分析/月通报暂不可用${notice.detail ? `（${notice.detail}）` : ''}`
        : `History database could not be opened: daily, weekly and monthly figures are unavailable${notice.detail ? ` (${notice.detail})` : ''}`;
    case 'checkpoint-set-aside':
      return zh
        ? `数据中枢的状态检查点已损坏，已另存${notice.path ? `（${notice.path}）` : ''}，状态已按日志重建`
        : `Hub checkpoint was damaged and set aside${notice.path ? ` in ${notice.path}` : ''}; the state was rebuilt from the log`;
    case 'text':
      return notice.detail ?? '';
  }
}

const FAULTS: Readonly<Record<HubFaultKind, readonly [string, string]>> = {
  'bad-hello': ['数据中枢的应答格式错误', 'The hub answered with a malformed welcome'],
  'no-hello': ['数据中枢未及时应答', 'The hub did not answer in time'],
  'implausible-seq': ['数据中枢发送了不合理的事件序号', 'The hub sent an implausible event number'],
  'unservable-gap': ['数据中枢无法补齐缺失的事件', 'The hub could not fill in missed events'],
  'bad-fetch-reply': ['数据中枢的补齐应答格式错误', 'The hub answered a backfill malformed'],
  'bad-snapshot': ['数据中枢发送的状态快照有误', 'The hub sent a malformed state snapshot'],
};

/** A hub fault the gateway saw, with how often: the wall then reconnects after a delay. */
export function hubFaultText(kind: HubFaultKind, times: number, language: Language): string {
  const [zh, en] = FAULTS[kind];
  return language === 'zh-CN'
    ? `${zh}（第 ${times} 次），稍后自动重连`
    : `${en} (${times}×); reconnecting after a pause`;
}

/** A window still without its snapshot: it keeps asking, and says so. */
export function mirrorText(failures: number, language: Language): string {
  return language === 'zh-CN'
    ? `本窗口正在获取大屏数据（已重试 ${failures} 次）`
    : `This window is still getting the wall's data (retried ${failures}×)`;
}

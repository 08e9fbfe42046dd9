import {
  INVOKE,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResults,
} from '../../shared/ipc/contract';
import { isAppUrl } from './security';

/** What a handler learns about who asked. */
export interface InvokeSender {
  /** The asking frame's URL, and whether it is its window's main frame. */
  readonly frameUrl: string | undefined;
  readonly isMainFrame: boolean;
  /** Identifies the window, for answers that differ per window. */
  readonly contentsId: number;
}

export type InvokeHandlers = {
  [C in InvokeChannel]: (
    sender: InvokeSender,
    ...args: InvokeArgs<C>
  ) => Promise<InvokeResults[C]> | InvokeResults[C];
};

/** The part of ipcMain the router needs. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, ...args: unknown[]) => unknown): void;
}

/** Maps Electron's invoke event to our sender description (kept here: one place knows its shape). */
export type SenderOf = (event: unknown) => InvokeSender;

/**
 * The one place main takes requests from windows: each channel of the contract gets a handler
 * that refuses other origins and sub-frames, and validates its arguments before use.
 */
export function registerInvokeHandlers(
  ipc: IpcMainLike,
  handlers: InvokeHandlers,
  senderOf: SenderOf,
  onRefused?: (why: string) => void,
): void {
  for (const channel of Object.keys(INVOKE) as InvokeChannel[]) {
    ipc.handle(channel, async (event, ...args) => {
      const sender = senderOf(event);
      if (!sender.isMainFrame || !sender.frameUrl || !isAppUrl(sender.frameUrl)) {
        onRefused?.(`${channel} from untrusted sender ${sender.frameUrl ?? '(none)'}`);
        throw new Error(`${channel}: untrusted sender`);
      }
      const parsed = INVOKE[channel].safeParse(args);
      if (!parsed.success) {
        onRefused?.(`${channel}: bad arguments`);
        throw new Error(`${channel}: bad arguments: ${parsed.error.issues[0]?.message ?? ''}`);
      }
      const handler = handlers[channel] as (sender: InvokeSender, ...a: unknown[]) => unknown;
      return handler(sender, ...(parsed.data as unknown[]));
    });
  }
}

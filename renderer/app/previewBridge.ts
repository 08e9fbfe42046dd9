import { StoreBridge } from '../../shared/gateway/bridge';
import { defaultScheduler } from '../../shared/gateway/frameScheduler';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';
import type { WallBridge } from '../../shared/ipc/contract';
import { setHubToken } from './hubAuth';

/**
 * The browser preview's stand-in for the preload: the same gateway that Electron main runs,
 * inside the page, connected to the hub named in `?hub=` (default: the page's own origin).
 */
export function createPreviewBridge(params: URLSearchParams): WallBridge {
  const url = params.get('hub') ?? window.location.origin;
  const store = new WallStore({ scheduler: defaultScheduler() });
  store.startClock();
  const token = params.get('token');
  setHubToken(url, token);
  const bridge = new StoreBridge(store, defaultScheduler(), {
    windowId: 'preview',
    displayLabel: 'browser',
    view: params.get('view') ?? 'cases',
    hub: url,
    warnings: [],
  });
  const gateway = new Gateway(store, {
    url,
    ...(token ? { token } : {}),
    backoffMin: 300,
    backoffMax: 5_000,
    onApplied: (e) => bridge.applied(e),
  });
  gateway.start();
  return bridge;
}

import {
  app,
  BrowserWindow,
  ipcMain,
  net,
  protocol,
  screen,
  session,
  type Display,
  type IpcMainInvokeEvent,
} from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StoreBridge } from '../../shared/gateway/bridge';
import { timerScheduler } from '../../shared/gateway/frameScheduler';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';
import type { Language } from '../../shared/ipc/contract';
import { planBoardWindows, type DisplayInfo } from '../../shared/layout/displays';
import { startHub, type RunningHub } from '../hub/startHub';
import { contentType, resolveAppFile } from './appFiles';
import { loadConfig } from './config';
import { registerInvokeHandlers } from './ipcRouter';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  denyPermissions,
  hardenContents,
  secureWebPreferences,
} from './security';
import { WindowManager, type WindowHandle } from './windowManager';

/*
 * Electron glue only: every decision lives in the modules imported above, which are tested
 * without the Electron binary. This file wires them to app, screen, protocol and BrowserWindow.
 */

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

const rendererRoot = join(__dirname, '..', 'renderer');
const preload = join(__dirname, 'preload.cjs');

async function start(): Promise<void> {
  const { config, warnings } = await loadConfig(
    join(app.getPath('userData'), 'citywall.json'),
    process.env,
  );
  for (const warning of warnings) console.warn(`[citywall] ${warning}`);

  denyPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererRoot);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    if (!response.ok) return new Response('not found', { status: 404 });
    return new Response(response.body, {
      headers: {
        'content-type': contentType(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
      },
    });
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  // No platform configured: the embedded hub streams the demo city on loopback.
  let embedded: RunningHub | undefined;
  let hubUrl = config.platform?.url;
  if (!hubUrl) {
    embedded = await startHub({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(app.getPath('userData'), 'hub'),
      source: { kind: 'demo', ...config.demo },
    });
    hubUrl = embedded.hub.url;
  }

  const store = new WallStore({ scheduler: timerScheduler });
  let language: Language = config.language ?? 'zh-CN';
  const bridge = new StoreBridge(store, timerScheduler, {
    windowId: 'main',
    displayLabel: '',
    view: 'cases',
    hub: embedded ? 'embedded' : hubUrl,
    warnings,
  });
  const gateway = new Gateway(store, {
    url: hubUrl,
    ...(config.platform?.token ? { token: config.platform.token } : {}),
    ...(config.node ? { node: config.node } : {}),
    onApplied: (envelope) => bridge.applied(envelope),
  });

  const windows = new WindowManager({
    open(plan, onClosed): WindowHandle {
      const win = new BrowserWindow({
        ...plan.bounds,
        frame: false,
        show: false,
        backgroundColor: '#06121f',
        title: `CityWall — ${plan.label}`,
        webPreferences: secureWebPreferences(preload),
      });
      const load = (view: string) =>
        win.loadURL(
          `${APP_ORIGIN}/index.html?view=${encodeURIComponent(view)}&window=${encodeURIComponent(plan.key)}`,
        );
      win.once('ready-to-show', () => {
        win.setBounds(plan.bounds);
        win.show();
      });
      win.on('closed', onClosed);
      // A crashed renderer is reloaded on its own; the others carry on.
      win.webContents.on('render-process-gone', () =>
        setTimeout(() => !win.isDestroyed() && void load(plan.view), 1_000),
      );
      void load(plan.view);
      return {
        contentsId: win.webContents.id,
        setBounds: (bounds) => win.setBounds(bounds),
        setView: (view) => void load(view),
        send: (channel, payload) => win.webContents.send(channel, payload),
        close: () => win.close(),
        isDestroyed: () => win.isDestroyed(),
      };
    },
  });

  registerInvokeHandlers(
    ipcMain,
    {
      'wall:snapshot': () => store.snapshot(),
      'wall:window-info': (sender) => {
        const plan = windows.planFor(sender.contentsId);
        return {
          windowId: plan?.key ?? '',
          displayLabel: plan?.label ?? '',
          view: plan?.view ?? 'cases',
          language,
          hub: embedded ? 'embedded' : (hubUrl as string),
          warnings,
        };
      },
      'wall:set-language': (_sender, next) => {
        language = next;
        windows.broadcast('wall:language', next);
      },
    },
    (event) => {
      const e = event as IpcMainInvokeEvent;
      return {
        frameUrl: e.senderFrame?.url,
        isMainFrame: e.senderFrame?.parent === null,
        contentsId: e.sender.id,
      };
    },
    (why) => console.warn(`[citywall] IPC refused: ${why}`),
  );
  bridge.onBatch((batch) => windows.broadcast('wall:batch', batch));

  const replan = () => {
    const primary = screen.getPrimaryDisplay().id;
    windows.apply(planBoardWindows(screen.getAllDisplays().map((d) => toDisplayInfo(d, primary))));
  };
  screen.on('display-added', replan);
  screen.on('display-removed', replan);
  screen.on('display-metrics-changed', replan);
  replan();
  gateway.start();

  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    gateway.stop();
    void embedded?.stop();
  });
}

function toDisplayInfo(d: Display, primaryId: number): DisplayInfo {
  return {
    id: String(d.id),
    label: d.label,
    bounds: d.bounds,
    workArea: d.workArea,
    scaleFactor: d.scaleFactor,
    rotation: d.rotation,
    primary: d.id === primaryId,
  };
}

import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  net,
  powerSaveBlocker,
  protocol,
  screen,
  session,
  webContents,
  type Display,
  type IpcMainInvokeEvent,
} from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StoreBridge } from '../../shared/gateway/bridge';
import { timerScheduler } from '../../shared/gateway/frameScheduler';
import { Gateway } from '../../shared/gateway/gateway';
import { WallStore } from '../../shared/gateway/wallStore';
import type { Language, PushChannel, PushEvents } from '../../shared/ipc/contract';
import type { DisplayInfo, WindowPlan } from '../../shared/layout/displays';
import { startHub, type RunningHub } from '../hub/startHub';
import { hubPath, contentType, resolveAppFile } from './appFiles';
import { catalogueMediaOrigins } from './catalogueOrigins';
import { loadConfig } from './config';
import { registerInvokeHandlers } from './ipcRouter';
import {
  APP_ORIGIN,
  APP_SCHEME,
  contentSecurityPolicy,
  templateOrigin,
  denyPermissions,
  hardenContents,
  secureWebPreferences,
} from './security';
import { ProfileStore } from './profileStore';
import { SceneStore } from './sceneStore';
import { WallController } from './wallController';
import { WindowRecovery } from './windowRecovery';
import { MemoryRecycle, RECYCLE_CHECK_MS } from './memoryRecycle';
import { WindowManager, type WindowHandle } from './windowManager';
import { followSettings } from '../../shared/domain/incidentFollow';

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
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // The hub opens a fresh log rather than fail, so this is a bug: say it, never sit blank.
      console.error('[citywall] the wall could not start:', error);
      dialog.showErrorBox('CityWall', `The wall could not start / 大屏无法启动:\n${String(error)}`);
      app.exit(1);
    });
}

const rendererRoot = join(__dirname, '..', 'renderer');
const preload = join(__dirname, 'preload.cjs');

async function start(): Promise<void> {
  const { config, warnings } = await loadConfig(
    join(app.getPath('userData'), 'citywall.json'),
    process.env,
  );
  for (const warning of warnings) console.warn(`[citywall] ${warning}`);

  let hubUrl = config.platform?.url;
  const mapTiles = config.map?.tiles;
  const tileOrigins = mapTiles ? [templateOrigin(mapTiles.url)] : [];
  // Widened to the camera catalogue's media servers once the hub is known (before any window).
  const policy = (connect: readonly string[]) =>
    contentSecurityPolicy({
      connect,
      tiles: tileOrigins,
      photos: config.platform?.photoOrigins ?? [],
    });
  let csp = policy(config.platform?.mediaOrigins ?? []);
  denyPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, async (request) => {
    // Pack, catalogue and demo video come from the hub through main, so the CSP can stay 'self'.
    const path = hubPath(request.url);
    if (path !== undefined) {
      if (!hubUrl) return new Response('not ready', { status: 503 });
      // The token stays in main: the page never sees it, the hub gets it as a bearer header.
      const token = config.platform?.token;
      const upstream = await net.fetch(`${hubUrl.replace(/\/+$/, '')}${path}`, {
        ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      });
      return new Response(upstream.body, {
        status: upstream.status,
        headers: {
          'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        },
      });
    }
    const file = resolveAppFile(request.url, rendererRoot);
    if (!file) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    if (!response.ok) return new Response('not found', { status: 404 });
    return new Response(response.body, {
      headers: {
        'content-type': contentType(file),
        'content-security-policy': csp,
      },
    });
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  // No platform configured: the embedded hub streams the demo city on loopback.
  let embedded: RunningHub | undefined;
  if (!hubUrl) {
    embedded = await startHub({
      host: '127.0.0.1',
      port: 0,
      dataDir: join(app.getPath('userData'), 'hub'),
      source: { kind: 'demo', ...config.demo },
      demoVideoDir: join(app.getAppPath(), 'assets', 'demo-video'),
      onWarning: (message) => console.warn(`[citywall] ${message}`),
    });
    hubUrl = embedded.hub.url;
  }
  const media = await catalogueMediaOrigins(hubUrl, config.platform?.token);
  if (media.problem) console.warn(`[citywall] ${media.problem}`);
  csp = policy([...new Set([...(config.platform?.mediaOrigins ?? []), ...media.origins])]);

  const store = new WallStore({ scheduler: timerScheduler });
  store.startClock();
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
    ...(config.wall ? { wall: config.wall } : {}),
    onApplied: (envelope) => bridge.applied(envelope),
  });

  // The URL carries the view and its parameters; later view changes arrive as messages.
  const pageUrl = (plan: WindowPlan, view: string, params: Readonly<Record<string, string>>) =>
    `${APP_ORIGIN}/index.html?${new URLSearchParams({ ...params, view, window: plan.key, region: plan.regionId }).toString()}`;

  const windows = new WindowManager({
    open(plan, onClosed): WindowHandle {
      const win = new BrowserWindow({
        ...plan.bounds,
        frame: false,
        show: false,
        backgroundColor: '#06121f',
        title: `CityWall — ${plan.label}`,
        webPreferences: {
          ...secureWebPreferences(preload, { devTools: !app.isPackaged }),
          // Spelled out where the window is made too, so a scanner reading this call sees them.
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      let current = { view: plan.view, params: plan.params };
      const recovery = new WindowRecovery();
      const reloadAfter = (delay: number) => {
        setTimeout(() => {
          if (!win.isDestroyed()) void win.loadURL(pageUrl(plan, current.view, current.params));
        }, delay);
      };
      win.once('ready-to-show', () => {
        // Set again once shown: some drivers place a new window on the primary display first.
        win.setBounds(plan.bounds);
        win.show();
      });
      win.on('closed', onClosed);
      // A crashed renderer is reloaded alone, with backoff; a hung one gets a grace period first.
      win.webContents.on('render-process-gone', () => reloadAfter(recovery.gone(Date.now())));
      win.on('unresponsive', () => {
        recovery.unresponsive(Date.now());
        setTimeout(() => {
          // Crashed, it emits render-process-gone, which reloads it.
          if (recovery.stillHung(Date.now()) && !win.isDestroyed())
            win.webContents.forcefullyCrashRenderer();
        }, recovery.graceMs);
      });
      win.on('responsive', () => recovery.responsive());
      // A renderer grown past its limit (the media pipeline keeps memory) is reloaded in place.
      const recycle = new MemoryRecycle();
      const memoryCheck = setInterval(() => {
        try {
          if (win.isDestroyed()) return;
          const pid = win.webContents.getOSProcessId();
          const metric = app.getAppMetrics().find((m) => m.pid === pid);
          if (metric && recycle.check(metric.memory.workingSetSize, Date.now())) {
            console.warn(`[citywall] ${plan.label}: renderer over its memory limit, reloaded`);
            reloadAfter(0);
          }
        } catch (error) {
          console.warn(`[citywall] memory check of ${plan.label} failed: ${String(error)}`);
        }
      }, RECYCLE_CHECK_MS);
      memoryCheck.unref();
      win.on('closed', () => clearInterval(memoryCheck));
      void win.loadURL(pageUrl(plan, plan.view, plan.params));
      return {
        contentsId: win.webContents.id,
        setBounds: (bounds) => win.setBounds(bounds),
        setView: (view, params) => {
          current = { view, params };
          const change: PushEvents['wall:view'] = { view, params };
          win.webContents.send('wall:view', change);
        },
        send: <C extends PushChannel>(channel: C, payload: PushEvents[C]) =>
          win.webContents.send(channel, payload),
        close: () => win.close(),
        isDestroyed: () => win.isDestroyed(),
      };
    },
  });

  const profileStore = new ProfileStore(join(app.getPath('userData'), 'profiles'));
  const loaded = await profileStore.load();
  for (const warning of loaded.warnings) console.warn(`[citywall] ${warning}`);
  const sceneStore = new SceneStore(join(app.getPath('userData'), 'scenes.json'));
  const wall = new WallController(windows, loaded.profiles, {
    ...(config.node ? { node: config.node } : {}),
    ...(config.profile ? { initialProfile: config.profile } : {}),
    profileWarnings: loaded.warnings,
    toPeers: (message) => gateway.publishBus(message),
  });
  gateway.onBus((message) => wall.relay(message, true));

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
          ...(mapTiles ? { mapTiles } : {}),
          follow: followSettings(config.emergency),
        };
      },
      'wall:set-language': (_sender, next) => {
        language = next;
        windows.broadcast('wall:language', next);
      },
      'wall:bus': (_sender, message) => wall.relay(message),
      'wall:profiles': () => wall.profileList(),
      'wall:displays': () => wall.currentDisplays,
      'wall:save-profile': async (_sender, profile) => {
        await profileStore.save(profile);
        const reloaded = await profileStore.load();
        wall.setProfiles(reloaded.profiles);
        return wall.profileList();
      },
      'wall:print-pdf': async (sender) => {
        const contents = webContents.fromId(sender.contentsId);
        if (!contents) throw new Error('wall:print-pdf: the window is gone');
        const pdf = await contents.printToPDF({ pageSize: 'A4', printBackground: true });
        return new Uint8Array(pdf);
      },
      'wall:scenes': () => sceneStore.load(),
      'wall:save-scenes': async (_sender, book) => {
        await sceneStore.save(book);
        return sceneStore.load();
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
    wall.setDisplays(screen.getAllDisplays().map((d) => toDisplayInfo(d, primary)));
  };
  screen.on('display-added', replan);
  screen.on('display-removed', replan);
  screen.on('display-metrics-changed', replan);
  replan();
  gateway.start();

  // Panels must never sleep in a command hall.
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  // Ctrl+Alt+1…9 switch the whole hall to the n-th profile (值班, 汇报, 应急, then the user's).
  for (let n = 1; n <= 9; n += 1) {
    globalShortcut.register(`CommandOrControl+Alt+${n}`, () => {
      const id = wall.profileAt(n - 1);
      if (id) wall.relay({ kind: 'profile', origin: 'hotkey', profileId: id });
    });
  }

  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    globalShortcut.unregisterAll();
    powerSaveBlocker.stop(blocker);
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

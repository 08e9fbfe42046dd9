// A stand-in for the `electron` module, loaded with `node -r` in front of the real main bundle:
// the Electron binary cannot run here, so this plays the Electron API boundary (and only that),
// then drives the shell like a window would and prints a report. Everything behind the API is real.
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const { readFile, mkdtemp } = require('node:fs/promises');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { fileURLToPath } = require('node:url');

const report = { windows: [], closed: [], sends: {}, refused: 0, shortcuts: [], blockers: [] };
const app = new EventEmitter();
let readyResolve;
const ready = new Promise((r) => (readyResolve = r));
let userData;
app.requestSingleInstanceLock = () => true;
app.isPackaged = true;
app.exit = (code) => process.exit(code);
app.whenReady = () => ready;
app.getPath = () => userData;
// The packaged app's root: here, the repository (assets/ lies below it, as in the asar).
app.getAppPath = () => resolve(__dirname, '..', '..');
app.quit = () => {
  app.emit('before-quit');
  setTimeout(() => process.exit(0), 200);
};

const handlers = new Map();
const ipcMain = { handle: (channel, fn) => handlers.set(channel, fn) };
let appHandler;
const protocol = {
  registerSchemesAsPrivileged: (schemes) => (report.schemes = schemes),
  handle: (_scheme, fn) => (appHandler = fn),
};
const defaultSession = {
  setPermissionRequestHandler: (fn) => (report.permissionRequestHandler = typeof fn),
  setPermissionCheckHandler: (fn) => (report.permissionCheck = fn(null, 'media')),
};

const displays = [
  {
    id: 1,
    label: 'wall-left',
    bounds: { x: -1920, y: 0, width: 1920, height: 1080 },
    workArea: { x: -1920, y: 0, width: 1920, height: 1040 },
    scaleFactor: 1,
    rotation: 0,
  },
  {
    id: 2,
    label: 'operator',
    bounds: { x: 0, y: 0, width: 2560, height: 1440 },
    workArea: { x: 0, y: 0, width: 2560, height: 1400 },
    scaleFactor: 1.25,
    rotation: 0,
  },
];
const screen = new EventEmitter();
screen.getAllDisplays = () => displays;
screen.getPrimaryDisplay = () => displays[0];

let nextId = 1;
class BrowserWindow extends EventEmitter {
  static all = [];
  static getAllWindows() {
    return BrowserWindow.all;
  }
  constructor(options) {
    super();
    this.options = options;
    this.destroyed = false;
    const id = nextId++;
    this.webContents = Object.assign(new EventEmitter(), {
      id,
      send: (channel) => (report.sends[channel] = (report.sends[channel] ?? 0) + 1),
      forcefullyCrashRenderer: () => {},
      setWindowOpenHandler: () => {},
    });
    BrowserWindow.all.push(this);
    report.windows.push({
      id,
      bounds: { x: options.x, y: options.y, width: options.width, height: options.height },
      frame: options.frame,
      webPreferences: options.webPreferences,
    });
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.url = url;
    setTimeout(() => this.emit('ready-to-show'), 5);
    return Promise.resolve();
  }
  setBounds(b) {
    this.bounds = b;
  }
  show() {}
  focus() {}
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.destroyed = true;
    report.closed.push(this.webContents.id);
    this.emit('closed');
  }
}

const net = {
  fetch: async (url, init) => {
    if (url.startsWith('http')) return fetch(url, init);
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response('', { status: 404 });
    }
  },
};

const shortcuts = new Map();
const globalShortcut = {
  register: (accelerator, fn) => {
    shortcuts.set(accelerator, fn);
    report.shortcuts.push(accelerator);
    return true;
  },
  unregisterAll: () => shortcuts.clear(),
};
const powerSaveBlocker = { start: (type) => report.blockers.push(type) && 1, stop: () => {} };
const dialog = { showErrorBox: (title, text) => (report.errorBox = `${title}: ${text}`) };
const fake = {
  app,
  dialog,
  ipcMain,
  protocol,
  session: { defaultSession },
  screen,
  BrowserWindow,
  net,
  globalShortcut,
  powerSaveBlocker,
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? fake : load.call(this, request, ...rest);
};

const trusted = (id) => ({
  senderFrame: { url: 'app://wall/index.html?view=cases', parent: null },
  sender: { id },
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  userData = await mkdtemp(join(tmpdir(), 'citywall-shell-'));
  readyResolve();
  while (!handlers.has('wall:snapshot') || report.windows.length < 5) await sleep(20);
  let snapshot;
  for (let i = 0; i < 200; i += 1) {
    snapshot = await handlers.get('wall:snapshot')(trusted(1));
    if (snapshot.cases.cases.length > 0 && snapshot.connection === 'connected') break;
    await sleep(50);
  }
  report.snapshot = {
    cases: snapshot.cases.cases.length,
    lastSeq: snapshot.lastSeq,
    connection: snapshot.connection,
    city: snapshot.city?.id,
  };
  report.windowInfo = await handlers.get('wall:window-info')(trusted(2));
  try {
    await handlers.get('wall:snapshot')({
      senderFrame: { url: 'https://evil.example/', parent: null },
      sender: { id: 1 },
    });
  } catch {
    report.refused += 1;
  }
  try {
    await handlers.get('wall:set-language')(trusted(1), 'fr');
  } catch {
    report.refused += 1;
  }
  await handlers.get('wall:set-language')(trusted(1), 'en');
  report.profiles = await handlers.get('wall:profiles')(trusted(1));
  shortcuts.get('CommandOrControl+Alt+3')();
  report.afterHotkey = (await handlers.get('wall:profiles')(trusted(1))).active;
  await handlers.get('wall:bus')(trusted(1), {
    kind: 'profile',
    origin: 'test',
    profileId: 'duty',
  });
  report.afterBus = (await handlers.get('wall:profiles')(trusted(1))).active;
  report.live = BrowserWindow.all
    .filter((w) => !w.destroyed)
    .map((w) => ({
      bounds: w.bounds ?? {
        x: w.options.x,
        y: w.options.y,
        width: w.options.width,
        height: w.options.height,
      },
      url: w.url,
    }));
  const page = await appHandler(new Request('app://wall/index.html?view=cases'));
  report.page = {
    status: page.status,
    csp: page.headers.get('content-security-policy'),
    hasRoot: (await page.text()).includes('id="root"'),
  };
  report.missing = (await appHandler(new Request('app://wall/nope.js'))).status;
  const pack = await appHandler(new Request('app://wall/citypack/citypack.json'));
  report.cityPack = { status: pack.status, id: (await pack.json()).id };
  await sleep(300);
  displays.pop();
  screen.emit('display-removed');
  report.afterUnplug = BrowserWindow.all
    .filter((w) => !w.destroyed)
    .map(
      (w) =>
        w.bounds ?? {
          x: w.options.x,
          y: w.options.y,
          width: w.options.width,
          height: w.options.height,
        },
    );
  console.log(`SHELL-REPORT ${JSON.stringify(report)}`);
  app.quit();
})();

// `npm start` needs Electron's binary. npm may have skipped its download (install scripts not
// allowed, ELECTRON_SKIP_BINARY_DOWNLOAD, a firewall): fetch it now, take it from a release zip
// given in ELECTRON_ZIP, or say how to get it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(pkgDir, 'path.txt');
const PLATFORM_PATH =
  { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] ??
  'electron';

function installed() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    return existsSync(process.env.ELECTRON_OVERRIDE_DIST_PATH);
  return (
    existsSync(pathFile) && existsSync(join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
  );
}

if (!installed() && process.env.ELECTRON_ZIP) {
  // An offline install: the same zip the download would fetch, unpacked where Electron expects it.
  const zip = resolve(process.env.ELECTRON_ZIP);
  console.log(`Installing Electron from ${zip}…`);
  const { extract } = createRequire(join(pkgDir, 'package.json'))('@electron-internal/extract-zip');
  await extract(zip, { dir: join(pkgDir, 'dist') });
  writeFileSync(pathFile, PLATFORM_PATH);
}

if (!installed()) {
  console.log(
    'Electron binary missing: downloading it now (node node_modules/electron/install.js)…',
  );
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0 || !installed()) {
    const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
    console.error(`
Could not download Electron ${version}. Behind a firewall, either:
  - use a mirror:        ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start
  - or use the zip:      ELECTRON_ZIP=/path/to/electron-v${version}-${process.platform}-${process.arch}.zip npm start
                         (download it on another machine from the Electron releases or a mirror)
Without Electron, 'npm run preview' shows the same wall in a browser.`);
    process.exit(1);
  }
}

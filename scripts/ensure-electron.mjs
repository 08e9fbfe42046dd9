// `npm start` needs Electron's binary. npm may have skipped its download (install scripts not
// allowed, ELECTRON_SKIP_BINARY_DOWNLOAD, a firewall): fetch it now, or say how to get it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(pkgDir, 'path.txt');
const installed =
  existsSync(pathFile) && existsSync(join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()));

if (!installed) {
  console.log(
    'Electron binary missing: downloading it now (node node_modules/electron/install.js)…',
  );
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0) {
    console.error(`
Could not download Electron. Behind a firewall, either:
  - use a mirror:  ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start
  - or put the release zip (electron-v<version>-<platform>-<arch>.zip) in a folder and run
      ELECTRON_CACHE=/path/to/folder npm start
Without Electron, 'npm run preview' shows the same wall in a browser.`);
    process.exit(1);
  }
}

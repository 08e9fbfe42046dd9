// `npm test`: type-check, lint, import cycles, unused exports, the Electron security scan,
// vitest, then Playwright in the system Chromium; ends with one
// line "N passed, N failed" summing both runners. Stops at the first step that fails to run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

mkdirSync('build', { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let failedSteps = 0;

function step(name, command, args, env = {}) {
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✗ ${name} failed (exit ${result.status ?? result.signal})`);
    failedSteps += 1;
  }
  return result.status === 0;
}

function readJson(file) {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  } catch {
    return undefined;
  }
}

step('typecheck', npx, ['tsc', '-b']);
step('lint', npx, ['eslint', '--max-warnings', '0', '.']);
step('format', npx, ['prettier', '--check', '.']);
step('import cycles', npm, ['run', '--silent', 'check:cycles']);
step('unused exports', npm, ['run', '--silent', 'check:exports']);
step('electron security scan', npm, ['run', '--silent', 'check:electron']);
step('vitest', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=build/vitest.json',
]);
// One check, up front, instead of the same launch error from every browser test.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromium);
if (!haveChromium) {
  console.error(`\n✗ no Chromium at ${chromium}: the browser tests cannot run.
  Debian/Ubuntu: apt-get install chromium (then CHROMIUM_PATH=/usr/bin/chromium, the default)
  elsewhere: point CHROMIUM_PATH at any Chromium or Chrome binary; where the internet allows,
  npx playwright install chromium gives one (then CHROMIUM_PATH=$(node -e "console.log(require('playwright').chromium.executablePath())"))`);
  failedSteps += 1;
}
const built =
  haveChromium &&
  step('renderer build', npx, [
    'vite',
    'build',
    '--config',
    'renderer/vite.config.ts',
    // The test build: the same code, plus the hooks the browser tests read (renderer/app/testHooks.ts).
    '--mode',
    'e2e',
    '--logLevel',
    'warn',
  ]);
if (built) {
  step('playwright', npx, ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: 'build/playwright.json',
  });
}

let passed = 0;
let failed = 0;
const vitest = readJson('build/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += vitest.numFailedTests ?? 0;
}
const playwright = readJson('build/playwright.json');
if (playwright?.stats) {
  passed += playwright.stats.expected ?? 0;
  failed += (playwright.stats.unexpected ?? 0) + (playwright.stats.flaky ?? 0);
}
if (failedSteps > 0 && failed === 0) failed = failedSteps;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSteps > 0 || failed > 0 ? 1 : 0);

/**
 * Debian's Chromium and the flags that let it run on this closed network: the Playwright suite
 * and the map benchmark launch it the same way (never a downloaded browser).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

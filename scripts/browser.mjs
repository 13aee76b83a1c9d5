// The one place that decides which Chromium the e2e tests and the benchmark drive.
// 1. Playwright's own Chromium, where `npx playwright install chromium` has put one.
// 2. Debian's chromium at /usr/bin/chromium (what .ci/run installs with apt-get).
// `ensureBrowser()` installs Debian's chromium when running as root and neither is present.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags this sandboxed, offline machine needs; harmless elsewhere. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

function playwrightChromium() {
  try {
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** @returns {string | undefined} executablePath to pass to Playwright; undefined means Playwright's own. */
export function browserExecutable() {
  if (playwrightChromium()) return undefined;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return undefined;
}

export function hasBrowser() {
  return Boolean(playwrightChromium() || existsSync(SYSTEM_CHROMIUM));
}

export function launchOptions() {
  const executablePath = browserExecutable();
  return { args: chromiumArgs, ...(executablePath ? { executablePath } : {}) };
}

export function ensureBrowser() {
  if (hasBrowser()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('No Chromium found: installing Debian chromium with apt-get ...');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit' });
    if (hasBrowser()) return;
  }
  console.error(
    [
      'No Chromium for the end-to-end tests. Do one of:',
      '  - on Debian or Ubuntu, as root: apt-get update && apt-get install -y chromium',
      '  - anywhere Playwright can download browsers: npx playwright install chromium',
      'then run `npm test` again.',
    ].join('\n'),
  );
  process.exit(1);
}

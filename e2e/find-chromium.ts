import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Playwright's own downloaded Chromium, if `npx playwright install chromium` was ever run. */
function playwrightBrowser(): string | undefined {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return undefined;
  for (const dir of readdirSync(root).filter((d) => d.startsWith('chromium-')).sort().reverse()) {
    for (const exe of ['chrome-linux64/chrome', 'chrome-linux/chrome', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']) {
      const path = join(root, dir, exe);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

function onPath(name: string): string | undefined {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds a Chromium without ever downloading one, in this order: CHROMIUM_PATH, Playwright's own
 * browser, /usr/bin/chromium, /usr/bin/chromium-browser, google-chrome on the PATH.
 */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const candidates = [
    playwrightBrowser(),
    existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    existsSync('/usr/bin/chromium-browser') ? '/usr/bin/chromium-browser' : undefined,
    onPath('google-chrome'),
  ];
  const found = candidates.find((c): c is string => Boolean(c));
  if (found) return found;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one with `apt-get install chromium` (Debian) ' +
      'or `npx playwright install chromium`, or point CHROMIUM_PATH at a Chromium binary.',
  );
}

/** Flags that keep Chromium quiet on a machine without network or GPU. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

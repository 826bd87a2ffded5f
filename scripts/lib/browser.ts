/**
 * Finds a Chromium for Playwright, installing one only when none is present:
 * a system Chromium first; else, as root on Debian, Debian's `chromium` package;
 * else Playwright's own download (`npx playwright install chromium`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/** Returns the executable path to use, or `undefined` for Playwright's bundled browser. Says which it picked. */
export function ensureChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return announce(fromEnv, 'CHROMIUM_PATH');
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return announce(found, 'system Chromium');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log('[browser] no Chromium found: installing Debian\'s chromium (apt-get)…');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return announce('/usr/bin/chromium', "Debian's chromium (just installed)");
  }
  console.log("[browser] no Chromium found: installing Playwright's own (npx playwright install chromium)…");
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  console.log("[browser] using Playwright's bundled Chromium");
  return undefined;
}

function announce(executable: string, how: string): string {
  console.log(`[browser] using ${executable} (${how})`);
  return executable;
}

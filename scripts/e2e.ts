/**
 * `npm run test:e2e`: finds (or installs) a Chromium, then runs Playwright, which starts the
 * local validator and the production build itself (playwright.config.ts `webServer`).
 */
import { spawnSync } from 'node:child_process';
import { ensureChromium } from '@/scripts/lib/browser';

const executable = ensureChromium();
const result = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ...(executable ? { CHROMIUM_PATH: executable } : {}) },
});
process.exit(result.status ?? 1);

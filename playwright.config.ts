import { defineConfig, devices } from '@playwright/test';
import { E2E_APP_URL } from './e2e/harness/ports';

// Flags for Debian's Chromium on a machine without outside network, run as root: no sandbox, no GPU,
// no QUIC, and none of Chromium's own background connections (update, sync, first-run checks).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // One validator and one database: specs share chain state, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: E2E_APP_URL,
    // Pages print times in the reader's zone (lib/format): the same zone whatever the host's.
    timezoneId: 'UTC',
    trace: 'on-first-retry',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || undefined, args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'npx tsx e2e/harness/serve.ts',
    url: `${E2E_APP_URL}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 600_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});

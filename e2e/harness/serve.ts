/**
 * Playwright's `webServer`: the local validator (seeded into .localnet/e2e), a fresh embedded
 * database and the production build on port 3100. Playwright stops it when the run ends.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import { ROOT, startStack } from '@/scripts/lib/stack';
import { E2E_APP_PORT, E2E_LOAD_WALLETS, E2E_LOCALNET_DIR, E2E_RPC_PORT, E2E_WS_PORT } from '@/e2e/harness/ports';
import { closeOnSignal } from '@/scripts/lib/close-on-signal';

async function main(): Promise<void> {
  const dataDir = path.join(ROOT, '.data', 'e2e');
  rmSync(dataDir, { recursive: true, force: true });
  const stack = await startStack({
    appPort: E2E_APP_PORT,
    rpcPort: E2E_RPC_PORT,
    wsPort: E2E_WS_PORT,
    localnetDir: E2E_LOCALNET_DIR,
    databaseUrl: `pglite://${dataDir}`,
    forceBuild: process.env.E2E_SKIP_BUILD !== '1',
    // Fresh snapshot holders (no ELIZAOS account yet) for specs that must see a first migration.
    loadWallets: E2E_LOAD_WALLETS,
    // One JSON line per request would bury the test report: warnings and errors only, unless
    // E2E_LOG_LEVEL asks for more (README "Logs").
    extraEnv: { LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn' },
  });
  console.log(`[e2e] stack ready at ${stack.appUrl}`);
  closeOnSignal(() => stack.close());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * The seeded local validator: starts the project's JSON-RPC + WebSocket server over LiteSVM
 * (`validator/`), seeds it (`seed.ts`) and writes `config.json` and `snapshot.csv`.
 * Used by `npm run localnet`, `npm run demo` and the e2e harness.
 */
import path from 'node:path';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';
import { seedLocalnet } from '@/scripts/localnet/seed';
import { startLocalValidator } from '@/scripts/localnet/validator';

export type LocalnetOptions = {
  rpcPort: number;
  wsPort: number;
  /** Where `config.json` and `snapshot.csv` go. */
  outDir: string;
  /** The app's origin, recorded in the config. */
  appUrl: string;
  elizaosDecimals?: number;
  /** Extra funded snapshot wallets for load tests (see `SeedOptions.loadWallets`). */
  loadWallets?: number;
};

export type Localnet = { config: LocalnetConfig; rpcUrl: string; close: () => Promise<void> };

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Starts and seeds a local validator.
 * @throws Error when a port is taken or seeding fails (the validator is closed again).
 */
export async function startLocalnet(options: LocalnetOptions): Promise<Localnet> {
  const started = Date.now();
  const validator = await startLocalValidator({ rpcPort: options.rpcPort, wsPort: options.wsPort });
  console.log(`[localnet] validator ready on ${validator.rpcUrl} (WebSocket ${validator.wsUrl}) in ${Date.now() - started} ms`);
  try {
    const config = await seedLocalnet(validator, { outDir: options.outDir, root: ROOT, appUrl: options.appUrl, elizaosDecimals: options.elizaosDecimals, loadWallets: options.loadWallets });
    console.log(`[localnet] seeded in ${Date.now() - started} ms: ${config.snapshot.holders} snapshot holders, config in ${path.relative(ROOT, options.outDir)}/config.json`);
    return { config, rpcUrl: validator.rpcUrl, close: () => validator.close() };
  } catch (error) {
    await validator.close();
    throw error;
  }
}

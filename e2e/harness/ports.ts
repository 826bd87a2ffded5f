import path from 'node:path';

/**
 * Ports of the e2e stack: apart from the demo's (3000, 8899, 8900), so both can run at once.
 * `E2E_PORT_OFFSET` shifts all three (and the localnet directory), so several checkouts on one
 * machine can run their suites side by side.
 */
const OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const E2E_APP_PORT = 3100 + OFFSET;
export const E2E_RPC_PORT = 18899 + OFFSET;
export const E2E_WS_PORT = 18900 + OFFSET;
export const E2E_APP_URL = `http://localhost:${E2E_APP_PORT}`;
export const E2E_LOCALNET_DIR = path.resolve(__dirname, '..', '..', '.localnet', `e2e${OFFSET ? `-${OFFSET}` : ''}`);
export const E2E_CONFIG_PATH = path.join(E2E_LOCALNET_DIR, 'config.json');

/** Fresh funded snapshot holders the main e2e stack seeds (`config.loadWallets`), each used by one spec (e2e/wallet/helpers.ts `freshHolder`). */
export const E2E_LOAD_WALLETS = 8;

/**
 * `npm run localnet`: the local validator alone, seeded, on 127.0.0.1:8899 (WebSocket :8900).
 * Writes `.localnet/config.json` and `.localnet/snapshot.csv` (localnet only: demo keys inside).
 * Options: `--rpc-port N`, `--ws-port N`, `--elizaos-decimals N` (0–9, default 9).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalnet } from '@/scripts/localnet/index';
import { closeOnSignal } from '@/scripts/lib/close-on-signal';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'rpc-port': { type: 'string', default: '8899' },
      'ws-port': { type: 'string', default: '8900' },
      'elizaos-decimals': { type: 'string', default: '9' },
      'app-url': { type: 'string', default: 'http://localhost:3000' },
    },
  });
  const elizaosDecimals = Number(values['elizaos-decimals']);
  if (!Number.isInteger(elizaosDecimals) || elizaosDecimals < 0 || elizaosDecimals > 9) throw new Error('--elizaos-decimals must be an integer from 0 to 9');
  const localnet = await startLocalnet({
    rpcPort: Number(values['rpc-port']),
    wsPort: Number(values['ws-port']),
    outDir: path.resolve(__dirname, '..', '.localnet'),
    appUrl: values['app-url'],
    elizaosDecimals,
  });
  console.log(`[localnet] AI16Z ${localnet.config.mints.ai16z.address} (Token-2022), ELIZAOS ${localnet.config.mints.elizaos.address}. Ctrl-C to stop.`);
  closeOnSignal(() => localnet.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

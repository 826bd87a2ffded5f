/**
 * `npm run demo`: the embedded default on one machine. Starts the local validator, seeds it
 * (mints, vault, treasury, snapshot, demo wallets), uses PGlite in .data/, builds the app and
 * serves it on http://localhost:3000. Ctrl-C stops everything.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startStack } from '@/scripts/lib/stack';
import { closeOnSignal } from '@/scripts/lib/close-on-signal';

async function main(): Promise<void> {
  // The local validator starts from genesis every time, so the database must too: a migration
  // recorded against an earlier chain would not exist on this one.
  const dataDir = path.join(ROOT, '.data', 'pglite');
  rmSync(dataDir, { recursive: true, force: true });
  const stack = await startStack({
    appPort: Number(process.env.PORT ?? 3000),
    rpcPort: 8899,
    wsPort: 8900,
    localnetDir: path.join(ROOT, '.localnet'),
    databaseUrl: `pglite://${dataDir}`,
    forceBuild: process.argv.includes('--rebuild') || !process.argv.includes('--no-build'),
  });
  const { config } = stack;
  console.log(`
  AI16Z → ELIZAOS migration portal (demo, localnet)

  Open            ${stack.appUrl}
  RPC             ${config.rpcUrl}  (WebSocket ${config.wsUrl})
  AI16Z mint      ${config.mints.ai16z.address}  (Token-2022, ${config.mints.ai16z.decimals} decimals)
  ELIZAOS mint    ${config.mints.elizaos.address}  (${config.mints.elizaos.decimals} decimals)
  Demo wallets    .localnet/config.json (localnet only; never use these keys anywhere else)
  Release key     ${config.release.publicKey}  (throwaway; check the demo with
                  npm run verify -- ${stack.appUrl} --public-key ${config.release.publicKey})

  Ctrl-C to stop.
`);
  closeOnSignal(() => stack.close());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

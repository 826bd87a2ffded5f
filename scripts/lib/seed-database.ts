/**
 * Loads a seeded localnet's snapshot into the app database and records the demo `partial`
 * wallet's earlier migration (which the seed step really performed on chain), so the database
 * and the chain agree from the start.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/lib/db/client';
import { migrations } from '@/lib/db/schema';
import { importSnapshot, parseSnapshotCsv } from '@/lib/migration/snapshot';
import { convertAi16zToElizaos } from '@/lib/solana/amounts';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';

export async function seedDatabase(databaseUrl: string, config: LocalnetConfig, root: string): Promise<void> {
  const handle = await openDatabase(databaseUrl);
  try {
    const rows = parseSnapshotCsv(readFileSync(path.resolve(root, config.snapshot.file), 'utf8'));
    const { inserted } = await importSnapshot(handle.db, rows);
    const partial = config.demoWallets.partial;
    if (inserted > 0 && partial.migrated && partial.migrationId && partial.migrationSignature) {
      const amountIn = BigInt(partial.migrated);
      const now = new Date();
      await handle.db.insert(migrations).values({
        id: partial.migrationId,
        wallet: partial.publicKey,
        amountIn,
        amountOut: convertAi16zToElizaos(amountIn, config.mints.ai16z.decimals, config.mints.elizaos.decimals),
        state: 'confirmed',
        recentBlockhash: '11111111111111111111111111111111',
        lastValidBlockHeight: 0n,
        unsignedTransaction: '',
        signature: partial.migrationSignature,
        expiresAt: now,
        submittedAt: now,
        settledAt: now,
      });
    }
    console.log(`[stack] database: ${rows.length} snapshot holders (${inserted} new)`);
  } finally {
    await handle.close();
  }
}

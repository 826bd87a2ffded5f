/**
 * A migration row in state `built` and the holder-signed bytes for it, as if `POST
 * /api/v1/migrations` had built it and the wallet had signed: for the database suites that
 * exercise submit without a chain. The blockhash is a random key (nothing is sent). Import after
 * the test environment is set (the app's modules read it on first use).
 *
 * @param amountIn AI16Z base units; the row's `amountOut` is 6 × that (both mints have 9 decimals in the test env).
 */
import { randomUUID } from 'node:crypto';
import { Keypair } from '@solana/web3.js';

export async function insertBuiltMigration(holder: Keypair, amountIn: bigint): Promise<{ id: string; signed: string }> {
  const { getDb } = await import('@/lib/db');
  const { migrations } = await import('@/lib/db/schema');
  const { expectedMigration } = await import('@/lib/migration/build');
  const { buildMigrationTransaction } = await import('@/lib/solana/builder');
  const id = randomUUID();
  const blockhash = Keypair.generate().publicKey.toBase58();
  const transaction = buildMigrationTransaction({ ...expectedMigration(id, holder.publicKey, amountIn, amountIn * 6n), recentBlockhash: blockhash });
  await (await getDb()).insert(migrations).values({
    id,
    wallet: holder.publicKey.toBase58(),
    amountIn,
    amountOut: amountIn * 6n,
    state: 'built',
    recentBlockhash: blockhash,
    lastValidBlockHeight: 1_000n,
    unsignedTransaction: transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64'),
    expiresAt: new Date(Date.now() + 60_000),
  });
  transaction.partialSign(holder);
  return { id, signed: transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64') };
}

/**
 * Dry-runs the unsigned transaction through the RPC proxy and reads the holder's two token
 * balances before and after, and the rent moved into a new ELIZAOS account, so the preview shows
 * what the chain itself says will happen.
 */
import { getAssociatedTokenAddressSync, unpackAccount } from '@solana/spl-token';
import { type AccountInfo, type Connection, PublicKey, VersionedTransaction } from '@solana/web3.js';
import type { PublicMigrationParams } from '@/lib/migration/params';

export type BalanceChange = {
  token: 'AI16Z' | 'ELIZAOS';
  /** The holder's associated token account for this mint. */
  account: string;
  decimals: number;
  before: bigint;
  after: bigint;
  /** Whether the account exists before the transaction (ELIZAOS: created by it the first time). */
  existsBefore: boolean;
};

export type SimulationResult =
  | {
      ok: true;
      changes: BalanceChange[];
      unitsConsumed: number | null;
      /**
       * The rent the transaction moves into the holder's new ELIZAOS account: the lamports the dry
       * run leaves in it when it did not exist before; 0 when it exists (nothing is created).
       */
      rentLamports: bigint;
    }
  | { ok: false; reason: string; logs: string[] };

type MintParams = PublicMigrationParams['ai16z'];

/** The holder's associated token account of a mint, derived with the mint's own token program. */
export function holderTokenAccount(holder: PublicKey, mint: MintParams): PublicKey {
  return getAssociatedTokenAddressSync(new PublicKey(mint.mint), holder, false, new PublicKey(mint.programId));
}

/**
 * Simulates `transaction` (unsigned wire bytes) with signature checks off and a fresh blockhash,
 * returning the holder's AI16Z and ELIZAOS balances before → after.
 * @throws Error when the RPC proxy cannot be reached or answers an error (callers show the preview without it)
 */
export async function simulateBalanceChanges(
  connection: Connection,
  transaction: Uint8Array,
  holder: PublicKey,
  params: Pick<PublicMigrationParams, 'ai16z' | 'elizaos'>,
): Promise<SimulationResult> {
  const mints = [
    { token: 'AI16Z' as const, mint: params.ai16z, account: holderTokenAccount(holder, params.ai16z) },
    { token: 'ELIZAOS' as const, mint: params.elizaos, account: holderTokenAccount(holder, params.elizaos) },
  ];
  const [before, simulated] = await Promise.all([
    connection.getMultipleAccountsInfo(
      mints.map((m) => m.account),
      'confirmed',
    ),
    connection.simulateTransaction(VersionedTransaction.deserialize(transaction), {
      sigVerify: false,
      replaceRecentBlockhash: true,
      commitment: 'confirmed',
      accounts: { encoding: 'base64', addresses: mints.map((m) => m.account.toBase58()) },
    }),
  ]);

  const { err, logs, accounts, unitsConsumed } = simulated.value;
  if (err) return { ok: false, reason: typeof err === 'string' ? err : JSON.stringify(err), logs: logs ?? [] };

  const changes = mints.map((m, i): BalanceChange => {
    const programId = new PublicKey(m.mint.programId);
    const beforeInfo = before[i] ?? null;
    const afterRaw = accounts?.[i] ?? null;
    const afterInfo: AccountInfo<Buffer> | null = afterRaw
      ? {
          data: Buffer.from(afterRaw.data[0] ?? '', 'base64'),
          owner: new PublicKey(afterRaw.owner),
          lamports: afterRaw.lamports,
          executable: afterRaw.executable,
        }
      : null;
    return {
      token: m.token,
      account: m.account.toBase58(),
      decimals: m.mint.decimals,
      before: tokenAmount(m.account, beforeInfo, programId),
      after: tokenAmount(m.account, afterInfo, programId),
      existsBefore: beforeInfo !== null,
    };
  });
  const elizaosBefore = before[1] ?? null;
  const elizaosAfter = accounts?.[1] ?? null;
  const rentLamports = elizaosBefore === null && elizaosAfter ? BigInt(elizaosAfter.lamports) : 0n;
  return { ok: true, changes, unitsConsumed: unitsConsumed ?? null, rentLamports };
}

function tokenAmount(address: PublicKey, info: AccountInfo<Buffer> | null, programId: PublicKey): bigint {
  if (!info || info.data.length === 0) return 0n;
  return unpackAccount(address, info, programId).amount;
}

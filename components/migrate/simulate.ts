/**
 * Dry-runs the unsigned transaction through the RPC proxy and reads the holder's two token
 * balances before and after, so the preview shows what the chain itself says will happen.
 */
import { ExtensionType, getAccountLen, getAssociatedTokenAddressSync, TOKEN_2022_PROGRAM_ID, unpackAccount } from '@solana/spl-token';
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
  | { ok: true; changes: BalanceChange[]; unitsConsumed: number | null; elizaosAccountRentLamports: bigint }
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
  const elizaosProgram = new PublicKey(params.elizaos.programId);
  // Token-2022 associated token accounts always carry ImmutableOwner (170 bytes, not 165).
  const ataSize = elizaosProgram.equals(TOKEN_2022_PROGRAM_ID) ? getAccountLen([ExtensionType.ImmutableOwner]) : getAccountLen([]);

  const [before, simulated, rent] = await Promise.all([
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
    connection.getMinimumBalanceForRentExemption(ataSize, 'confirmed'),
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
  return { ok: true, changes, unitsConsumed: unitsConsumed ?? null, elizaosAccountRentLamports: BigInt(rent) };
}

function tokenAmount(address: PublicKey, info: AccountInfo<Buffer> | null, programId: PublicKey): bigint {
  if (!info || info.data.length === 0) return 0n;
  return unpackAccount(address, info, programId).amount;
}

import 'server-only';
import { ExtensionType, getAccountLen, TOKEN_2022_PROGRAM_ID, unpackAccount } from '@solana/spl-token';
import type { PublicKey } from '@solana/web3.js';
import { getConnection } from '@/lib/chain';
import { getConfig } from '@/lib/config';
import { holderTokenAccounts } from '@/lib/solana/builder';

/** What the build step needs to know about a holder, read in one `getMultipleAccounts` call. */
export type HolderAccounts = {
  /** SOL balance of the holder's wallet, lamports. */
  lamports: bigint;
  ai16zTokenAccount: PublicKey;
  /** AI16Z in the holder's AI16Z associated token account, base units (0 when it does not exist). */
  ai16zBalance: bigint;
  elizaosTokenAccount: PublicKey;
  /** Whether the holder's ELIZAOS associated token account exists already (else the transaction creates it). */
  elizaosAccountExists: boolean;
};

/**
 * Reads the holder's wallet and both associated token accounts (each derived with its mint's own
 * token program) in one `getMultipleAccounts`.
 *
 * @throws Error when the RPC cannot be reached (callers answer RPC_UNAVAILABLE).
 */
export async function readHolderAccounts(holder: PublicKey): Promise<HolderAccounts> {
  const { ai16z, elizaos } = getConfig().mints;
  const { ai16z: ai16zTokenAccount, elizaos: elizaosTokenAccount } = holderTokenAccounts({
    holder,
    ai16z: { mint: ai16z.address, programId: ai16z.programId },
    elizaos: { mint: elizaos.address, programId: elizaos.programId },
  });
  const [wallet, ai16zInfo, elizaosInfo] = await getConnection().getMultipleAccountsInfo([holder, ai16zTokenAccount, elizaosTokenAccount], 'confirmed');
  let ai16zBalance = 0n;
  if (ai16zInfo) {
    const account = unpackAccount(ai16zTokenAccount, ai16zInfo, ai16z.programId);
    ai16zBalance = account.isFrozen ? 0n : account.amount;
  }
  return {
    lamports: BigInt(wallet?.lamports ?? 0),
    ai16zTokenAccount,
    ai16zBalance,
    elizaosTokenAccount,
    elizaosAccountExists: elizaosInfo !== null,
  };
}

type Blockhash = { blockhash: string; lastValidBlockHeight: number };
const BLOCKHASH_TTL_MS = 2_000;
let blockhashCache: { value: Blockhash; fetchedAt: number } | undefined;
let pendingBlockhash: Promise<Blockhash> | undefined;

/**
 * A recent blockhash, cached for 2 s and shared by concurrent callers (one RPC call per window).
 * A blockhash stays valid for 150 blocks (~60 s), so a 2 s old one costs holders nothing.
 * `fresh`: skip the cache (a transaction the server signs and sends at once, one at a time, such
 * as a deposit payout, gets the whole 150-block life); the answer refreshes the cache.
 * @throws Error when the RPC is unreachable.
 */
export async function getRecentBlockhash(options: { fresh?: boolean } = {}): Promise<Blockhash> {
  if (!options.fresh && blockhashCache && Date.now() - blockhashCache.fetchedAt < BLOCKHASH_TTL_MS) return blockhashCache.value;
  pendingBlockhash ??= getConnection()
    .getLatestBlockhash('confirmed')
    .then((value) => {
      blockhashCache = { value, fetchedAt: Date.now() };
      return value;
    })
    .finally(() => {
      pendingBlockhash = undefined;
    });
  return pendingBlockhash;
}

const rentCache = new Map<number, bigint>();

/** Lamports to make the holder's new ELIZAOS associated token account rent-exempt (cached per size). */
export async function elizaosAccountRentLamports(): Promise<bigint> {
  const { programId } = getConfig().mints.elizaos;
  // Token-2022 associated token accounts always carry ImmutableOwner (170 bytes, not 165).
  const size = programId.equals(TOKEN_2022_PROGRAM_ID) ? getAccountLen([ExtensionType.ImmutableOwner]) : getAccountLen([]);
  let rent = rentCache.get(size);
  if (rent === undefined) {
    rent = BigInt(await getConnection().getMinimumBalanceForRentExemption(size, 'confirmed'));
    rentCache.set(size, rent);
  }
  return rent;
}

/** Rent-exempt minimum of a plain system account (0 data bytes), lamports; cached. */
export async function systemAccountRentLamports(): Promise<bigint> {
  let rent = rentCache.get(0);
  if (rent === undefined) {
    rent = BigInt(await getConnection().getMinimumBalanceForRentExemption(0, 'confirmed'));
    rentCache.set(0, rent);
  }
  return rent;
}

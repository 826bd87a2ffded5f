/**
 * The SOL a migration costs and the SOL a wallet needs to start one: one computation for the
 * build step's check (`INSUFFICIENT_SOL`), the page's notice before any prompt, the preview, and
 * the FAQ, so a holder reads one figure everywhere (DESIGN.md "The on-chain transaction", "What the
 * SOL check asks for"). Lamports, bigint. Runs in the browser and in Node: no `node:` imports.
 */
import { ExtensionType, getAccountLen, TOKEN_2022_PROGRAM_ID } from '@solana/spl-token';
import type { PublicKey } from '@solana/web3.js';
import { parseUiAmount } from '@/lib/solana/amounts';
import { PRIORITY_FEE_RESERVE_LAMPORTS } from '@/lib/solana/constants';

/** Solana's base fee per signature, lamports. */
export const LAMPORTS_PER_SIGNATURE = 5_000n;
/** The migration's signers: the holder (fee payer) and the treasury delegate. */
export const MIGRATION_SIGNATURES = 2n;

/** Bytes of a holder's associated token account under `programId` (Token-2022 ATAs carry ImmutableOwner: 170, not 165). */
export function associatedTokenAccountSize(programId: PublicKey): number {
  return programId.equals(TOKEN_2022_PROGRAM_ID) ? getAccountLen([ExtensionType.ImmutableOwner]) : getAccountLen([]);
}

/**
 * The rent-exempt minimum of an account of `dataLength` bytes under the default rent (3,480
 * lamports per byte-year, two years, 128 bytes of account overhead): what
 * `getMinimumBalanceForRentExemption` answers on mainnet, devnet and the local validator. For pages
 * that cannot ask the chain (the FAQ); the build step and the wallet page ask it.
 */
export function defaultRentExemptLamports(dataLength: number): bigint {
  return (BigInt(dataLength) + 128n) * 3_480n * 2n;
}

/** Every part of what a migration costs, and what the wallet must hold to start it, lamports. */
export type SolNeeded = {
  /** Two signatures (the holder pays both). */
  networkFee: bigint;
  /** Set aside for a priority fee the wallet may add (`PRIORITY_FEE_RESERVE_LAMPORTS`); not charged unless the wallet sets one. */
  priorityFeeReserve: bigint;
  /** Rent of the holder's new ELIZAOS account (0 when it exists): moved into that account, returned if it is closed. */
  ataRent: bigint;
  /** The rent-exempt minimum the wallet itself must keep (0 when the migration would empty it exactly). */
  walletMinimum: bigint;
  /** The least SOL the wallet must hold to start the migration: the sum of the four. */
  total: bigint;
  /** What the migration itself moves out of the wallet, at most: network fee + priority reserve + rent. */
  cost: bigint;
};

/**
 * What a wallet holding `lamports` needs for a migration (DESIGN.md "What the SOL check asks for").
 * @param input.lamports the wallet's SOL balance now (null when unknown: the wallet minimum is counted).
 * @param input.elizaosAccountExists whether the holder's ELIZAOS associated token account exists.
 * @param input.ataRentLamports rent-exempt minimum of that account (see {@link associatedTokenAccountSize}).
 * @param input.walletRentLamports rent-exempt minimum of a plain wallet (0 data bytes).
 */
export function solNeededForMigration(input: { lamports: bigint | null; elizaosAccountExists: boolean; ataRentLamports: bigint; walletRentLamports: bigint }): SolNeeded {
  const networkFee = LAMPORTS_PER_SIGNATURE * MIGRATION_SIGNATURES;
  const priorityFeeReserve = PRIORITY_FEE_RESERVE_LAMPORTS;
  const ataRent = input.elizaosAccountExists ? 0n : input.ataRentLamports;
  const cost = networkFee + priorityFeeReserve + ataRent;
  // The wallet must be left either empty or rent-exempt, or the runtime refuses the transaction.
  const walletMinimum = input.lamports === cost ? 0n : input.walletRentLamports;
  return { networkFee, priorityFeeReserve, ataRent, walletMinimum, total: cost + walletMinimum, cost };
}

/** The figure for a wallet that holds no SOL and has no ELIZAOS account yet, under the default rent (the FAQ's). */
export function solNeededForNewHolder(elizaosProgramId: PublicKey): SolNeeded {
  return solNeededForMigration({
    lamports: null,
    elizaosAccountExists: false,
    ataRentLamports: defaultRentExemptLamports(associatedTokenAccountSize(elizaosProgramId)),
    walletRentLamports: defaultRentExemptLamports(0),
  });
}

/**
 * What `lamports` are worth in ELIZAOS base units at a reference rate (rounded down): for the
 * dust warning, which compares what a migration costs in SOL with the ELIZAOS it brings.
 * @param lamports SOL, in lamports.
 * @param elizaosPerSol the rate, decimal text (config `DUST_REFERENCE_ELIZAOS_PER_SOL`, e.g. `"30000"`).
 * @param elizaosDecimals ELIZAOS decimals.
 * @throws AmountError when the rate is not a decimal number with at most `elizaosDecimals` decimals.
 */
export function solWorthInElizaos(lamports: bigint, elizaosPerSol: string, elizaosDecimals: number): bigint {
  const perSol = parseUiAmount(elizaosPerSol, elizaosDecimals);
  return (lamports * perSol) / LAMPORTS_PER_SOL;
}

const LAMPORTS_PER_SOL = 1_000_000_000n;

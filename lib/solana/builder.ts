/**
 * Builds the one official migration transaction (DESIGN.md "The on-chain transaction") and
 * carries its expectation (`MigrationExpected`) between server, database and browser as JSON.
 * The policy (`policy.ts`) accepts exactly what this file builds, plus the wallet additions it
 * allows; a change here needs the same change there.
 *
 * Runs in the browser and in Node: no `node:` imports, no secrets.
 */
import { createAssociatedTokenAccountIdempotentInstruction, createTransferCheckedInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { ComputeBudgetProgram, PublicKey, Transaction, TransactionInstruction } from '@solana/web3.js';
import { z } from 'zod';
import { isAddress } from '@/lib/solana/address';
import { U64_MAX } from '@/lib/solana/amounts';
import { UUID } from '@/lib/text/patterns';
import {
  DEFAULT_COMPUTE_UNIT_LIMIT,
  MAX_COMPUTE_UNIT_LIMIT,
  MAX_PRIORITY_FEE_LAMPORTS,
  MEMO_PREFIX,
  MEMO_PROGRAM_ID,
  POLICY_VERSION,
  isTokenProgram,
  priorityFeeLamports,
} from '@/lib/solana/constants';

/** A mint as the transaction uses it: its address, decimals and owning token program. */
export type MintRef = {
  mint: PublicKey;
  /** The mint's decimals, as on chain (0–255; AI16Z: 9). */
  decimals: number;
  /** The mint's token program: `TOKEN_PROGRAM_ID` or `TOKEN_2022_PROGRAM_ID`. */
  programId: PublicKey;
};

/**
 * What one migration transaction must do, independent of when it is built: the policy checks a
 * transaction against this. Amounts are base units.
 */
export type MigrationExpected = {
  /** The migration's UUID; the memo is `elizaos-migration:v1:<migrationId>`. */
  migrationId: string;
  /** The holder's wallet: fee payer, AI16Z authority, ATA rent payer, ELIZAOS recipient. */
  holder: PublicKey;
  ai16z: MintRef;
  elizaos: MintRef;
  /** The migration vault's AI16Z token account (receives the holder's AI16Z). */
  vaultTokenAccount: PublicKey;
  /** The treasury's ELIZAOS token account (pays the holder's ELIZAOS). */
  treasuryTokenAccount: PublicKey;
  /** The server key holding an SPL allowance on the treasury account; co-signs last. */
  treasuryDelegate: PublicKey;
  /** AI16Z base units the holder sends. */
  amountIn: bigint;
  /** ELIZAOS base units the holder receives (`convertAi16zToElizaos(amountIn, …)`). */
  amountOut: bigint;
};

/** Everything the builder needs: the expectation plus the per-build values. */
export type MigrationParams = MigrationExpected & {
  /** Base58 blockhash from `getLatestBlockhash`; the transaction expires with it. */
  recentBlockhash: string;
  /** Compute units to request; default `DEFAULT_COMPUTE_UNIT_LIMIT`, at most `MAX_COMPUTE_UNIT_LIMIT`. */
  computeUnitLimit?: number;
  /**
   * Priority fee price in micro-lamports per compute unit; omitted → no SetComputeUnitPrice. With
   * the limit it may cost at most `MAX_PRIORITY_FEE_LAMPORTS`.
   */
  computeUnitPriceMicroLamports?: bigint;
};

/** The builder was given values it must not put in a transaction. `field` names the culprit. */
export class MigrationParamsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'MigrationParamsError';
  }
}


/**
 * The memo of a migration: `elizaos-migration:v1:<migrationId>` (lower-case id).
 * @throws MigrationParamsError when `migrationId` is not a UUID.
 */
export function migrationMemo(migrationId: string): string {
  if (!UUID.test(migrationId)) throw new MigrationParamsError('migrationId', 'The migration id must be a UUID.');
  return `${MEMO_PREFIX}${migrationId.toLowerCase()}`;
}

/** How many holders' derived token accounts are kept (about 300 bytes each). */
const TOKEN_ACCOUNT_CACHE_SIZE = 10_000;
const tokenAccountCache = new Map<string, { ai16z: PublicKey; elizaos: PublicKey }>();
const hex = (key: PublicKey) => key.toBuffer().toString('hex');

/**
 * The holder's associated token accounts, each derived with its mint's own token program
 * (a Token-2022 mint's ATA differs from the classic one). A derivation costs about 0.4 ms of CPU
 * (a curve check of the owner, then SHA-256 and a curve check per bump tried), and one build or
 * submit needs it in several places, so the last {@link TOKEN_ACCOUNT_CACHE_SIZE} results are kept
 * (keyed by every input: it is a pure function).
 * @throws TokenOwnerOffCurveError (spl-token) when the holder is off the ed25519 curve (a PDA, not a wallet).
 * @see https://spl.solana.com/associated-token-account
 */
export function holderTokenAccounts(expected: {
  holder: PublicKey;
  ai16z: Pick<MintRef, 'mint' | 'programId'>;
  elizaos: Pick<MintRef, 'mint' | 'programId'>;
}): { ai16z: PublicKey; elizaos: PublicKey } {
  const { holder, ai16z, elizaos } = expected;
  const key = [holder, ai16z.mint, ai16z.programId, elizaos.mint, elizaos.programId].map(hex).join(':');
  let accounts = tokenAccountCache.get(key);
  if (accounts) {
    tokenAccountCache.delete(key); // re-inserted below: the least recently used goes first
  } else {
    accounts = {
      ai16z: getAssociatedTokenAddressSync(ai16z.mint, holder, false, ai16z.programId),
      elizaos: getAssociatedTokenAddressSync(elizaos.mint, holder, false, elizaos.programId),
    };
    if (tokenAccountCache.size >= TOKEN_ACCOUNT_CACHE_SIZE) tokenAccountCache.delete(tokenAccountCache.keys().next().value as string);
  }
  tokenAccountCache.set(key, accounts);
  return accounts;
}

/**
 * The migration's instructions, in order (DESIGN.md "The on-chain transaction"):
 * 1. ComputeBudget SetComputeUnitLimit (+ SetComputeUnitPrice when a price is given);
 * 2. ATA CreateIdempotent of the holder's ELIZAOS account, payer = holder;
 * 3. TransferChecked on AI16Z's program: holder's AI16Z ATA → vault, authority = holder, `amountIn`;
 * 4. TransferChecked on ELIZAOS's program: treasury → holder's ELIZAOS ATA, authority = treasury
 *    delegate, `amountOut`;
 * 5. Memo v2 `elizaos-migration:v1:<id>` with no signer accounts (so it adds no signature).
 *
 * @throws MigrationParamsError on a value outside what the policy accepts (see {@link buildMigrationTransaction}).
 */
export function buildMigrationInstructions(p: Omit<MigrationParams, 'recentBlockhash'>): TransactionInstruction[] {
  assertBuildable(p);
  const limit = p.computeUnitLimit ?? DEFAULT_COMPUTE_UNIT_LIMIT;
  const atas = holderTokenAccounts(p);
  const instructions: TransactionInstruction[] = [ComputeBudgetProgram.setComputeUnitLimit({ units: limit })];
  if (p.computeUnitPriceMicroLamports !== undefined) {
    instructions.push(ComputeBudgetProgram.setComputeUnitPrice({ microLamports: p.computeUnitPriceMicroLamports }));
  }
  instructions.push(
    createAssociatedTokenAccountIdempotentInstruction(p.holder, atas.elizaos, p.holder, p.elizaos.mint, p.elizaos.programId),
    createTransferCheckedInstruction(atas.ai16z, p.ai16z.mint, p.vaultTokenAccount, p.holder, p.amountIn, p.ai16z.decimals, [], p.ai16z.programId),
    createTransferCheckedInstruction(
      p.treasuryTokenAccount,
      p.elizaos.mint,
      atas.elizaos,
      p.treasuryDelegate,
      p.amountOut,
      p.elizaos.decimals,
      [],
      p.elizaos.programId,
    ),
    // No keys: a memo signer would add a required signature the holder did not expect.
    new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [], data: Buffer.from(new TextEncoder().encode(migrationMemo(p.migrationId))) }),
  );
  return instructions;
}

/**
 * Builds the unsigned migration transaction: a web3.js 1.x legacy `Transaction` (no lookup
 * tables, so Ledger and every wallet can read it), fee payer = holder, with the given blockhash.
 * Required signers: the holder (signs in the wallet) and the treasury delegate (co-signs on the
 * server after the policy has passed the holder-signed bytes).
 *
 * Serialise it with `serialize({ requireAllSignatures: false, verifySignatures: false })`.
 *
 * @param p the migration; amounts in base units.
 * @see DESIGN.md "The on-chain transaction"
 * @see https://spl.solana.com/token (TransferChecked), https://solana.com/docs/core/fees (compute budget)
 * @throws TokenOwnerOffCurveError (spl-token) when the holder is not a wallet key.
 * @throws MigrationParamsError when: the id is not a UUID; an amount is ≤ 0 or above u64 max;
 *   decimals are not 0–255; a token program is neither Token nor Token-2022; the compute unit
 *   limit is not 1–`MAX_COMPUTE_UNIT_LIMIT`; the price is negative or makes the priority fee
 *   (limit × price) more than `MAX_PRIORITY_FEE_LAMPORTS`; the blockhash is not a base58 32-byte
 *   hash; the holder is the treasury delegate.
 */
export function buildMigrationTransaction(p: MigrationParams): Transaction {
  if (!isBlockhash(p.recentBlockhash)) throw new MigrationParamsError('recentBlockhash', 'The recent blockhash must be a base58 32-byte hash.');
  const transaction = new Transaction();
  transaction.feePayer = p.holder;
  transaction.recentBlockhash = p.recentBlockhash;
  transaction.add(...buildMigrationInstructions(p));
  return transaction;
}

function assertBuildable(p: Omit<MigrationParams, 'recentBlockhash'>): void {
  migrationMemo(p.migrationId);
  for (const [field, amount] of [
    ['amountIn', p.amountIn],
    ['amountOut', p.amountOut],
  ] as const) {
    if (amount <= 0n || amount > U64_MAX) throw new MigrationParamsError(field, `${field} must be between 1 and u64 max base units.`);
  }
  for (const [name, ref] of [
    ['ai16z', p.ai16z],
    ['elizaos', p.elizaos],
  ] as const) {
    if (!Number.isInteger(ref.decimals) || ref.decimals < 0 || ref.decimals > 255) throw new MigrationParamsError(`${name}.decimals`, 'Decimals must be 0–255.');
    if (!isTokenProgram(ref.programId)) throw new MigrationParamsError(`${name}.programId`, 'The token program must be SPL Token or Token-2022.');
  }
  if (p.holder.equals(p.treasuryDelegate)) throw new MigrationParamsError('treasuryDelegate', 'The treasury delegate cannot be the holder.');
  const limit = p.computeUnitLimit ?? DEFAULT_COMPUTE_UNIT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_COMPUTE_UNIT_LIMIT) {
    throw new MigrationParamsError('computeUnitLimit', `The compute unit limit must be 1–${MAX_COMPUTE_UNIT_LIMIT}.`);
  }
  const price = p.computeUnitPriceMicroLamports;
  if (price !== undefined && (price < 0n || priorityFeeLamports(limit, price) > MAX_PRIORITY_FEE_LAMPORTS)) {
    throw new MigrationParamsError('computeUnitPriceMicroLamports', `The compute unit price must be 0 or more, and cost at most ${MAX_PRIORITY_FEE_LAMPORTS} lamports at ${limit} units.`);
  }
}

function isBlockhash(text: string): boolean {
  try {
    return new PublicKey(text).toBytes().some((b) => b !== 0);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// JSON: the API sends `expected` to the browser and the server stores it.

// Canonical base58 only: a string that decodes to the same key but spells it differently is refused.
const publicKeyText = z.string().min(32).max(44).refine(isAddress, 'a base58 public key');
const baseUnitsText = z
  .string()
  .regex(/^(0|[1-9]\d{0,19})$/, 'base units as a decimal string')
  .refine((text) => BigInt(text) <= U64_MAX, 'at most u64 max');
const mintRefJson = z.strictObject({
  mint: publicKeyText,
  decimals: z.number().int().min(0).max(255),
  programId: publicKeyText,
});

/** The JSON form of {@link MigrationExpected}: keys base58, amounts base-unit decimal strings. */
export const migrationExpectedJsonSchema = z.strictObject({
  policyVersion: z.literal(POLICY_VERSION),
  migrationId: z.string().regex(UUID, 'a UUID'),
  holder: publicKeyText,
  ai16z: mintRefJson,
  elizaos: mintRefJson,
  vaultTokenAccount: publicKeyText,
  treasuryTokenAccount: publicKeyText,
  treasuryDelegate: publicKeyText,
  amountIn: baseUnitsText,
  amountOut: baseUnitsText,
});
export type MigrationExpectedJson = z.infer<typeof migrationExpectedJsonSchema>;

/**
 * JSON-safe form of an expectation (for the build answer and the database): public keys as
 * base58, amounts as base-unit decimal strings, plus `policyVersion`.
 */
export function expectedToJson(e: MigrationExpected): MigrationExpectedJson {
  const mintRef = (m: MintRef) => ({ mint: m.mint.toBase58(), decimals: m.decimals, programId: m.programId.toBase58() });
  return {
    policyVersion: POLICY_VERSION,
    migrationId: e.migrationId,
    holder: e.holder.toBase58(),
    ai16z: mintRef(e.ai16z),
    elizaos: mintRef(e.elizaos),
    vaultTokenAccount: e.vaultTokenAccount.toBase58(),
    treasuryTokenAccount: e.treasuryTokenAccount.toBase58(),
    treasuryDelegate: e.treasuryDelegate.toBase58(),
    amountIn: e.amountIn.toString(),
    amountOut: e.amountOut.toString(),
  };
}

/**
 * Parses the JSON form back (strict: unknown keys, a different `policyVersion`, a non-canonical
 * key or an amount outside u64 are refused).
 * @param json anything (typically `JSON.parse` output).
 * @throws z.ZodError describing every problem.
 */
export function expectedFromJson(json: unknown): MigrationExpected {
  const j = migrationExpectedJsonSchema.parse(json);
  const mintRef = (m: z.infer<typeof mintRefJson>): MintRef => ({ mint: new PublicKey(m.mint), decimals: m.decimals, programId: new PublicKey(m.programId) });
  return {
    migrationId: j.migrationId,
    holder: new PublicKey(j.holder),
    ai16z: mintRef(j.ai16z),
    elizaos: mintRef(j.elizaos),
    vaultTokenAccount: new PublicKey(j.vaultTokenAccount),
    treasuryTokenAccount: new PublicKey(j.treasuryTokenAccount),
    treasuryDelegate: new PublicKey(j.treasuryDelegate),
    amountIn: BigInt(j.amountIn),
    amountOut: BigInt(j.amountOut),
  };
}

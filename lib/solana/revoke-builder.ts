/**
 * Builds the Revoke transaction (README "Stray delegations (Revoke)"): clears stray SPL delegates
 * from the holder's AI16Z and ELIZAOS token accounts. Built in the browser; `revoke-policy.ts`
 * accepts exactly what this file builds, plus the wallet additions it allows.
 *
 * Runs in the browser and in Node: no `node:` imports, no secrets.
 */
import { createRevokeInstruction } from '@solana/spl-token';
import { ComputeBudgetProgram, type PublicKey, Transaction } from '@solana/web3.js';
import { isTokenProgram } from '@/lib/solana/constants';
import { isNonZeroHash } from '@/lib/solana/envelope';
import type { RevokableAccount } from '@/lib/solana/revoke-policy';

/**
 * Compute units the builder asks per account. Measured on the local validator's real programs
 * (revoke-chain.test.ts): 1,122 units for a Token-2022 and a Token Revoke together; the margin
 * covers a wallet's guard instructions.
 */
export const REVOKE_COMPUTE_UNIT_LIMIT_PER_ACCOUNT = 10_000;

/** At most this many accounts in one Revoke transaction (two mints; room for a few non-ATA accounts). */
export const MAX_REVOKES = 8;

/** The builder was given something it must not put in a transaction. */
export class RevokeParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RevokeParamsError';
  }
}

/**
 * Builds the unsigned Revoke transaction: SetComputeUnitLimit, then one `Revoke` per account with
 * the account's own token program; fee payer = holder. Serialise with
 * `serialize({ requireAllSignatures: false, verifySignatures: false })`.
 *
 * @param holder the wallet owning every account.
 * @param accounts 1–{@link MAX_REVOKES} distinct token accounts, each with its program.
 * @param recentBlockhash base58 blockhash from `getLatestBlockhash`.
 * @throws RevokeParamsError on no/too many/duplicate accounts, a non-token program, or a bad blockhash.
 * @see https://spl.solana.com/token (Revoke)
 */
export function buildRevokeTransaction(holder: PublicKey, accounts: readonly RevokableAccount[], recentBlockhash: string): Transaction {
  if (accounts.length === 0 || accounts.length > MAX_REVOKES) throw new RevokeParamsError(`Between 1 and ${MAX_REVOKES} accounts can be revoked at once.`);
  const seen = new Set<string>();
  for (const a of accounts) {
    if (!isTokenProgram(a.programId)) throw new RevokeParamsError(`${a.address.toBase58()} is not under a token program.`);
    if (seen.has(a.address.toBase58())) throw new RevokeParamsError(`${a.address.toBase58()} is listed twice.`);
    seen.add(a.address.toBase58());
  }
  if (!isNonZeroHash(recentBlockhash)) throw new RevokeParamsError('The recent blockhash must be a base58 32-byte hash.');
  const transaction = new Transaction();
  transaction.feePayer = holder;
  transaction.recentBlockhash = recentBlockhash;
  transaction.add(ComputeBudgetProgram.setComputeUnitLimit({ units: REVOKE_COMPUTE_UNIT_LIMIT_PER_ACCOUNT * accounts.length }));
  for (const a of accounts) transaction.add(createRevokeInstruction(a.address, holder, [], a.programId));
  return transaction;
}

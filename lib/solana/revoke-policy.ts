/**
 * The Revoke transaction (issue 7, part 5): clears stray SPL delegates from the holder's AI16Z and
 * ELIZAOS token accounts. Built in the browser, checked by this module's own small policy there
 * (on the bytes handed to the wallet and on what the wallet hands back) and again by the RPC proxy
 * before it forwards the signed transaction (`lib/security/rpc-proxy.ts`).
 *
 * Shape (one legacy transaction, fee payer = holder, the holder the only signer):
 * 1. optional ComputeBudget SetComputeUnitLimit / SetComputeUnitPrice within the migration caps;
 * 2. one SPL `Revoke` per affected token account, each to that account's own token program
 *    (Token or Token-2022), owner = holder, no multisig signers;
 * plus what wallets add (Lighthouse guards, bounded; compute budget within caps), as the migration
 * policy allows. Everything else is a named violation — Approve, SetAuthority, CloseAccount, Burn,
 * transfers, any other program, another fee payer, an extra signer, an account not on the list.
 *
 * A close authority is NOT cleared by this transaction: only the close authority itself can change
 * it (SetAuthority on an account checks `close_authority.unwrap_or(owner)`), so the portal explains
 * it and offers nothing to sign for it (components/migrate/stray-delegations.tsx).
 *
 * Runs in the browser and in Node: no `node:` imports, no secrets. Never throws on input bytes.
 */
import { sha256 } from '@noble/hashes/sha2';
import { TokenInstruction, createRevokeInstruction, decodeRevokeInstruction } from '@solana/spl-token';
import { ComputeBudgetProgram, PublicKey, Transaction, TransactionInstruction, type VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import {
  COMPUTE_BUDGET_PROGRAM_ID,
  LIGHTHOUSE_PROGRAM_ID,
  MAX_COMPUTE_UNIT_LIMIT,
  MAX_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
  MAX_WALLET_ADDED_INSTRUCTIONS,
  PROGRAM_NAMES,
  SYSTEM_PROGRAM_ID,
  isTokenProgram,
} from '@/lib/solana/constants';
import {
  LIGHTHOUSE_MAX_ALLOWED_DISCRIMINATOR,
  checkStructure,
  decodeComputeBudget,
  drainerViolations,
  isNonZeroHash,
  keyAt,
  lighthouseKind,
  openTransaction,
  systemViolation,
  tokenViolation,
  type ViolationCode,
  type WalletAddedInstruction,
} from '@/lib/solana/policy';

/** Codes only the revoke policy uses; it also uses the migration policy's shared codes. */
export const REVOKE_ONLY_VIOLATION_CODES = [
  /** The transaction revokes nothing. */
  'NO_REVOKE',
  /** A Revoke targets an account that is not one of the holder's listed token accounts. */
  'WRONG_ACCOUNT',
  /** A Revoke is authorised by someone other than the holder. */
  'WRONG_OWNER',
  /** The same account is revoked twice. */
  'DUPLICATE_REVOKE',
  /** An account the portal meant to clear is not revoked (browser check only). */
  'MISSING_REVOKE',
  /** A program the portal knows (ATA, Memo…) but that has no place in a Revoke transaction. */
  'INSTRUCTION_NOT_ALLOWED',
] as const;
export type RevokeViolationCode = ViolationCode | (typeof REVOKE_ONLY_VIOLATION_CODES)[number];

/** One refusal: a stable code, a plain sentence, and the instruction (0-based) it is about. */
export type RevokeViolation = { code: RevokeViolationCode; message: string; instructionIndex?: number };

/** A token account that may be revoked, with the program that owns it (Token or Token-2022). */
export type RevokableAccount = { address: PublicKey; programId: PublicKey };

/** What a Revoke transaction may do. */
export type RevokeExpected = {
  /** The holder: fee payer, only signer, owner of every revoked account. */
  holder: PublicKey;
  /** The accounts that may be revoked (the holder's AI16Z and ELIZAOS token accounts). */
  accounts: readonly RevokableAccount[];
};

export type RevokePolicyOptions = {
  /** Addresses (base58) refused anywhere in the account keys. */
  knownDrainers?: ReadonlySet<string> | readonly string[];
  /** Wallet additions (Lighthouse, compute budget changes) accepted; default true. */
  allowWalletAdditions?: boolean;
  /**
   * Every listed account must be revoked (default true: the browser lists exactly what it built).
   * The proxy passes false: it lists all the holder's accounts of both mints and accepts a subset.
   */
  requireAll?: boolean;
};

/** One decoded Revoke. Addresses base58. */
export type DecodedRevoke = { index: number; account: string; owner: string; programId: string; programName: string };

/** The facts of an accepted Revoke transaction, decoded from its bytes. */
export type DecodedRevokeTransaction = {
  holder: string;
  feePayer: string;
  revokes: DecodedRevoke[];
  /** null when the transaction sets no limit (the runtime default applies). */
  computeUnitLimit: number | null;
  computeUnitPriceMicroLamports: bigint;
  /** ⌈limit × price / 10^6⌉ lamports; 0 without a price. */
  maxPriorityFeeLamports: bigint;
  walletAddedInstructions: WalletAddedInstruction[];
  programs: { programId: string; name: string }[];
  signers: string[];
  recentBlockhash: string;
  /** base58(sha256(message bytes)): what a Ledger shows when blind signing. */
  messageHash: string;
  instructionCount: number;
};

export type RevokePolicyResult = { ok: true; revoke: DecodedRevokeTransaction } | { ok: false; violations: RevokeViolation[] };

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

/**
 * Checks that `tx` is a Revoke transaction the portal would ask the holder to sign (see the module
 * comment for the accepted shape).
 *
 * @param tx wire bytes (signed or not), or a web3.js transaction.
 * @param expected the holder and the accounts that may be revoked.
 * @returns `{ok: true, revoke}` decoded from the bytes, or `{ok: false, violations}` naming every
 *   problem. Never throws: undecodable input is `MALFORMED_TRANSACTION`.
 * @see https://spl.solana.com/token (Revoke), DESIGN.md "The transaction policy" (shared refusals)
 */
export function verifyRevokeTransaction(tx: Uint8Array | Transaction | VersionedTransaction, expected: RevokeExpected, opts: RevokePolicyOptions = {}): RevokePolicyResult {
  try {
    return verify(tx, expected, opts);
  } catch (error) {
    return { ok: false, violations: [{ code: 'MALFORMED_TRANSACTION', message: `The transaction could not be decoded (${error instanceof Error ? error.message : 'unknown error'}).` }] };
  }
}

function verify(tx: Uint8Array | Transaction | VersionedTransaction, expected: RevokeExpected, opts: RevokePolicyOptions): RevokePolicyResult {
  const drainers = new Set<string>(opts.knownDrainers ?? []);
  const opened = openTransaction(tx, drainers);
  if ('violations' in opened) return { ok: false, violations: opened.violations.map((v) => (v.code === 'VERSIONED_TRANSACTION' ? { ...v, message: 'This is a versioned (v0) transaction; the Revoke transaction is a legacy transaction.' } : v)) };
  const { message } = opened;
  const structural = checkStructure(message);
  if (structural) return { ok: false, violations: [structural] };

  const violations: RevokeViolation[] = [];
  const add = (code: RevokeViolationCode, text: string, instructionIndex?: number) =>
    violations.push(instructionIndex === undefined ? { code, message: text } : { code, message: text, instructionIndex });
  const keys = message.accountKeys;

  if (!isNonZeroHash(message.recentBlockhash)) add('MISSING_RECENT_BLOCKHASH', 'The transaction has no valid recent blockhash.');
  const feePayer = keyAt(keys, 0);
  if (!feePayer.equals(expected.holder)) add('WRONG_FEE_PAYER', `The network fee would be paid by ${feePayer.toBase58()}, not by your wallet ${expected.holder.toBase58()}.`);
  const signers = keys.slice(0, message.header.numRequiredSignatures);
  for (const signer of signers) {
    if (!signer.equals(expected.holder)) add('EXTRA_SIGNER', `The transaction needs a signature from ${signer.toBase58()}, which is not your wallet.`);
  }
  if (!signers.some((s) => s.equals(expected.holder))) add('MISSING_SIGNER', `The transaction does not ask your wallet (${expected.holder.toBase58()}) to sign.`);
  for (const v of drainerViolations(keys, drainers)) violations.push(v);

  const allowed = new Map(expected.accounts.map((a) => [a.address.toBase58(), a.programId]));
  const revokes: DecodedRevoke[] = [];
  const walletAdded: WalletAddedInstruction[] = [];
  let computeUnitLimit: number | null = null;
  let computeUnitPrice: bigint | null = null;

  message.compiledInstructions.forEach((compiled, index) => {
    const ix = new TransactionInstruction({
      programId: keyAt(keys, compiled.programIdIndex),
      keys: compiled.accountKeyIndexes.map((i) => ({ pubkey: keyAt(keys, i), isSigner: message.isAccountSigner(i), isWritable: message.isAccountWritable(i) })),
      data: Buffer.from(compiled.data),
    });
    const pid = ix.programId;
    if (pid.equals(COMPUTE_BUDGET_PROGRAM_ID)) {
      const decoded = decodeComputeBudget(ix);
      if (decoded === null) add('COMPUTE_BUDGET_INSTRUCTION_NOT_ALLOWED', 'A compute budget instruction other than a unit limit or a unit price is not allowed.', index);
      else if (decoded.kind === 'limit') {
        if (computeUnitLimit !== null) add('DUPLICATE_COMPUTE_BUDGET', 'The compute unit limit is set more than once.', index);
        else computeUnitLimit = decoded.units;
        if (decoded.units > MAX_COMPUTE_UNIT_LIMIT) add('COMPUTE_UNIT_LIMIT_ABOVE_CAP', `The compute unit limit ${decoded.units} is above the cap of ${MAX_COMPUTE_UNIT_LIMIT}.`, index);
      } else {
        if (computeUnitPrice !== null) add('DUPLICATE_COMPUTE_BUDGET', 'The compute unit price is set more than once.', index);
        else computeUnitPrice = decoded.microLamports;
        if (decoded.microLamports > MAX_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS) {
          add('COMPUTE_UNIT_PRICE_ABOVE_CAP', `The priority fee price of ${decoded.microLamports} micro-lamports per compute unit is above the cap of ${MAX_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS}.`, index);
        }
      }
      return;
    }
    if (pid.equals(LIGHTHOUSE_PROGRAM_ID)) {
      const discriminator = ix.data[0];
      walletAdded.push({ index, programId: pid.toBase58(), kind: lighthouseKind(discriminator) });
      if (discriminator === undefined || discriminator > LIGHTHOUSE_MAX_ALLOWED_DISCRIMINATOR) {
        add('LIGHTHOUSE_INSTRUCTION_NOT_ALLOWED', `The wallet guard instruction ${lighthouseKind(discriminator)} is not one this portal accepts.`, index);
      }
      for (const meta of ix.keys) {
        if (meta.isSigner && !meta.pubkey.equals(expected.holder)) add('LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', `A wallet guard instruction asks ${meta.pubkey.toBase58()} to sign.`, index);
      }
      return;
    }
    if (pid.equals(SYSTEM_PROGRAM_ID)) {
      systemViolation(ix, index, add);
      return;
    }
    if (isTokenProgram(pid)) {
      if (ix.data[0] !== TokenInstruction.Revoke) {
        tokenViolation(ix, index, add);
        return;
      }
      let decoded: ReturnType<typeof decodeRevokeInstruction>;
      try {
        decoded = decodeRevokeInstruction(ix, pid);
      } catch {
        add('MALFORMED_INSTRUCTION', 'A Revoke instruction is not well formed.', index);
        return;
      }
      const { account, owner, multiSigners } = decoded.keys;
      const address = account.pubkey.toBase58();
      if (multiSigners.length > 0) add('UNEXPECTED_ACCOUNTS', `A Revoke carries ${multiSigners.length} extra signer account(s).`, index);
      if (!owner.pubkey.equals(expected.holder)) add('WRONG_OWNER', `A Revoke is authorised by ${owner.pubkey.toBase58()}, not by your wallet.`, index);
      const program = allowed.get(address);
      if (!program) add('WRONG_ACCOUNT', `A Revoke targets ${address}, which is not one of your AI16Z or ELIZAOS token accounts.`, index);
      else if (!program.equals(pid)) add('WRONG_TOKEN_PROGRAM', `The Revoke of ${address} goes to ${PROGRAM_NAMES.get(pid.toBase58()) ?? pid.toBase58()}, not to the program that owns that account.`, index);
      if (revokes.some((r) => r.account === address)) add('DUPLICATE_REVOKE', `${address} is revoked twice.`, index);
      revokes.push({ index, account: address, owner: owner.pubkey.toBase58(), programId: pid.toBase58(), programName: PROGRAM_NAMES.get(pid.toBase58()) ?? pid.toBase58() });
      return;
    }
    const name = PROGRAM_NAMES.get(pid.toBase58());
    if (name) add('INSTRUCTION_NOT_ALLOWED', `The transaction calls ${name}, which has no place in a Revoke transaction.`, index);
    else add('UNKNOWN_PROGRAM', `The transaction calls a program that is not part of a Revoke: ${pid.toBase58()}.`, index);
  });

  if (walletAdded.length > MAX_WALLET_ADDED_INSTRUCTIONS) add('TOO_MANY_WALLET_INSTRUCTIONS', `Your wallet added ${walletAdded.length} guard instructions; at most ${MAX_WALLET_ADDED_INSTRUCTIONS} are accepted.`);
  if (opts.allowWalletAdditions === false && walletAdded.length > 0) add('WALLET_INSTRUCTIONS_NOT_ALLOWED', 'The unsigned transaction already carries wallet guard instructions, which only a wallet adds.');
  if (computeUnitPrice !== null && computeUnitLimit === null) add('MISSING_COMPUTE_UNIT_LIMIT', 'The transaction sets a priority fee price without a compute unit limit, so the fee has no bound.');
  if (revokes.length === 0) add('NO_REVOKE', 'The transaction revokes nothing.');
  if (opts.requireAll !== false) {
    for (const a of expected.accounts) {
      if (!revokes.some((r) => r.account === a.address.toBase58())) add('MISSING_REVOKE', `The transaction does not revoke the delegate of ${a.address.toBase58()}.`);
    }
  }
  if (violations.length > 0) return { ok: false, violations };

  const price = computeUnitPrice ?? 0n;
  const programs: { programId: string; name: string }[] = [];
  for (const compiled of message.compiledInstructions) {
    const id = keyAt(keys, compiled.programIdIndex).toBase58();
    if (!programs.some((p) => p.programId === id)) programs.push({ programId: id, name: PROGRAM_NAMES.get(id) ?? id });
  }
  return {
    ok: true,
    revoke: {
      holder: expected.holder.toBase58(),
      feePayer: feePayer.toBase58(),
      revokes,
      computeUnitLimit,
      computeUnitPriceMicroLamports: price,
      maxPriorityFeeLamports: (BigInt(computeUnitLimit ?? 0) * price + 999_999n) / 1_000_000n,
      walletAddedInstructions: walletAdded,
      programs,
      signers: signers.map((s) => s.toBase58()),
      recentBlockhash: message.recentBlockhash,
      messageHash: bs58.encode(sha256(message.serialize())),
      instructionCount: message.compiledInstructions.length,
    },
  };
}

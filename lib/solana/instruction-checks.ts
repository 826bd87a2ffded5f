/**
 * The instruction checks the policies share (DESIGN.md "The transaction policy"): a
 * `TransferChecked` against its expected mint, decimals, amount, source, destination and
 * authority; an ATA `CreateIdempotent` against its payer, owner, mint and address; a memo against
 * its exact text. The migration policy (`policy.ts`), the payout policy (`payout-policy.ts`) and the
 * refund policy (`refund-policy.ts`) word each refusal the same way, naming the parties as each
 * transaction calls them.
 *
 * Runs in the browser and in Node: no `node:` imports, no secrets. Never throws on input bytes.
 */
import { decodeTransferCheckedInstruction } from '@solana/spl-token';
import type { PublicKey, TransactionInstruction } from '@solana/web3.js';
import { formatBaseUnits } from '@/lib/solana/amounts';
import type { MintRef } from '@/lib/solana/builder';
import { SYSTEM_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@/lib/solana/constants';
import { type Add, SHARED_VIOLATION_CODES, type SharedViolationCode } from '@/lib/solana/envelope';

/**
 * The codes every transfer policy (migration, payout, refund) starts its list with: the envelope's
 * shared ones, those these checks add, and the instruction layout's (extra, missing, out of order).
 */
export const TRANSFER_POLICY_CODES = [
  ...SHARED_VIOLATION_CODES,
  'ATA_INSTRUCTION_MISMATCH',
  'WRONG_MINT',
  'WRONG_DECIMALS',
  'WRONG_AMOUNT',
  'WRONG_SOURCE',
  'WRONG_DESTINATION',
  'WRONG_AUTHORITY',
  'EXTRA_INSTRUCTION',
  'MISSING_INSTRUCTION',
  'INSTRUCTION_ORDER',
  'MEMO_MISMATCH',
] as const;

/** Codes these checks add besides the shared ones; every policy that uses them lists them. */
export type InstructionCheckCode = SharedViolationCode | 'ATA_INSTRUCTION_MISMATCH' | 'WRONG_MINT' | 'WRONG_DECIMALS' | 'WRONG_AMOUNT' | 'WRONG_SOURCE' | 'WRONG_DESTINATION' | 'WRONG_AUTHORITY' | 'MEMO_MISMATCH';

/** One token movement as decoded from the bytes. Addresses base58; `amount` in base units. */
export type TokenMovement = {
  mint: string;
  amount: bigint;
  decimals: number;
  /** The token program the instruction goes to. */
  programId: string;
  source: string;
  destination: string;
  authority: string;
};

/** What a `TransferChecked` must move; `amount` in base units. */
export type TransferExpectation = { source: PublicKey; destination: PublicKey; authority: PublicKey; amount: bigint };
/** How the sentences name the transfer's accounts ("your AI16Z account", "the migration vault"). */
export type TransferNames = { source: string; destination: string; authority: string };

/**
 * Checks one `TransferChecked` of `token` (its display name) against `mint` and `leg`, decoded with
 * spl-token's own decoder: program, mint, decimals, amount, source, destination, authority, no
 * multisig signers.
 * @returns the decoded movement (also when a field differs: the caller reports the violations), or
 *   null when it is not a well-formed TransferChecked.
 * @see https://spl.solana.com/token (TransferChecked)
 */
export function checkTransferChecked(
  ix: TransactionInstruction,
  index: number,
  token: string,
  mint: MintRef,
  leg: TransferExpectation,
  add: Add<InstructionCheckCode>,
  names: TransferNames,
): TokenMovement | null {
  if (!ix.programId.equals(mint.programId)) {
    add('WRONG_TOKEN_PROGRAM', `The ${token} transfer goes to ${programName(ix.programId)}, but ${token} belongs to ${programName(mint.programId)}.`, index);
  }
  let decoded: ReturnType<typeof decodeTransferCheckedInstruction>;
  try {
    decoded = decodeTransferCheckedInstruction(ix, ix.programId);
  } catch {
    add('MALFORMED_INSTRUCTION', `The ${token} transfer is not a well-formed TransferChecked.`, index);
    return null;
  }
  const { source, mint: mintKey, destination, owner, multiSigners } = decoded.keys;
  if (multiSigners.length > 0) add('UNEXPECTED_ACCOUNTS', `The ${token} transfer carries ${multiSigners.length} extra account(s).`, index);
  if (!mintKey.pubkey.equals(mint.mint)) add('WRONG_MINT', `The ${token} transfer moves the token ${mintKey.pubkey.toBase58()}, not ${token} (${mint.mint.toBase58()}).`, index);
  if (decoded.data.decimals !== mint.decimals) {
    add('WRONG_DECIMALS', `The ${token} transfer states ${decoded.data.decimals} decimals; ${token} has ${mint.decimals}.`, index);
  }
  if (decoded.data.amount !== leg.amount) {
    add('WRONG_AMOUNT', `The ${token} transfer moves ${formatBaseUnits(decoded.data.amount, mint.decimals)} ${token}, not ${formatBaseUnits(leg.amount, mint.decimals)} ${token}.`, index);
  }
  if (!source.pubkey.equals(leg.source)) add('WRONG_SOURCE', `The ${token} transfer takes from ${source.pubkey.toBase58()}, not from ${names.source} (${leg.source.toBase58()}).`, index);
  if (!destination.pubkey.equals(leg.destination)) {
    add('WRONG_DESTINATION', `The ${token} transfer sends to ${destination.pubkey.toBase58()}, not to ${names.destination} (${leg.destination.toBase58()}).`, index);
  }
  if (!owner.pubkey.equals(leg.authority)) {
    add('WRONG_AUTHORITY', `The ${token} transfer is authorised by ${owner.pubkey.toBase58()}, not by ${names.authority} (${leg.authority.toBase58()}).`, index);
  }
  return {
    mint: mintKey.pubkey.toBase58(),
    amount: decoded.data.amount,
    decimals: decoded.data.decimals,
    programId: ix.programId.toBase58(),
    source: source.pubkey.toBase58(),
    destination: destination.pubkey.toBase58(),
    authority: owner.pubkey.toBase58(),
  };
}

/** What an ATA `CreateIdempotent` must create, and how the sentences name its parties. */
export type AtaExpectation = {
  /** Pays the rent: `payerName` in sentences ("your wallet"). */
  payer: PublicKey;
  payerName: string;
  /** The account's owner: `ownerName` ("your wallet", "the depositor's wallet"). */
  owner: PublicKey;
  ownerName: string;
  /** The token whose account it is (`token` names it, e.g. "ELIZAOS"). */
  mint: MintRef;
  token: string;
  /** The derived address (owner, mint, the mint's program): `accountName` ("your ELIZAOS account"). */
  address: PublicKey;
  accountName: string;
};

/** The facts of a checked CreateIdempotent, base58. */
export type AtaCreated = { address: string; owner: string; mint: string; rentPayer: string };

/**
 * ATA CreateIdempotent: spl-token has no decoder for it, so the fixed form is compared: data = [1]
 * and accounts [payer, ata, owner, mint, System Program, token program]
 * (https://github.com/solana-program/associated-token-account, `CreateIdempotent`).
 * @returns the accounts it names, or null when it is not a CreateIdempotent of six accounts.
 */
export function checkCreateIdempotent(ix: TransactionInstruction, index: number, expected: AtaExpectation, add: Add<InstructionCheckCode>): AtaCreated | null {
  const { token, accountName } = expected;
  if (ix.data.length !== 1 || ix.data[0] !== 1) {
    add('ATA_INSTRUCTION_MISMATCH', `The Associated Token Account instruction is not the idempotent creation of ${accountName}.`, index);
    return null;
  }
  if (ix.keys.length !== 6) {
    add('UNEXPECTED_ACCOUNTS', `The ${token} account creation has ${ix.keys.length} accounts instead of 6.`, index);
    return null;
  }
  const [payer, address, owner, mint, system, tokenProgram] = ix.keys.map((k) => k.pubkey);
  if (!payer || !address || !owner || !mint || !system || !tokenProgram) return null;
  if (!payer.equals(expected.payer)) add('ATA_INSTRUCTION_MISMATCH', `The ${token} account rent would be paid by ${payer.toBase58()}, not by ${expected.payerName}.`, index);
  if (!owner.equals(expected.owner)) add('ATA_INSTRUCTION_MISMATCH', `The ${token} account would belong to ${owner.toBase58()}, not to ${expected.ownerName}.`, index);
  if (!mint.equals(expected.mint.mint)) add('WRONG_MINT', `The account created is for the token ${mint.toBase58()}, not ${token}.`, index);
  if (!tokenProgram.equals(expected.mint.programId)) {
    add('WRONG_TOKEN_PROGRAM', `The ${token} account would be created under ${programName(tokenProgram)}, but ${token} belongs to ${programName(expected.mint.programId)}.`, index);
  }
  if (!address.equals(expected.address)) add('ATA_INSTRUCTION_MISMATCH', `The account created (${address.toBase58()}) is not ${accountName} (${expected.address.toBase58()}).`, index);
  if (!system.equals(SYSTEM_PROGRAM_ID)) add('ATA_INSTRUCTION_MISMATCH', `The ${token} account creation names another program in place of the System Program.`, index);
  return { address: address.toBase58(), owner: owner.toBase58(), mint: mint.toBase58(), rentPayer: payer.toBase58() };
}

/**
 * A memo (SPL Memo v2) that must read exactly `wanted` and name no account (a memo signer would add
 * a required signature). `memoName` names it in sentences ("the migration memo").
 * @returns its text when it is exactly `wanted`, else null.
 */
export function checkMemoText(ix: TransactionInstruction, index: number, wanted: string, memoName: string, add: Add<InstructionCheckCode>): string | null {
  if (ix.keys.length > 0) add('UNEXPECTED_ACCOUNTS', `The memo names ${ix.keys.length} account(s); ${memoName} names none.`, index);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(ix.data);
  } catch {
    add('MEMO_MISMATCH', 'The memo is not valid text.', index);
    return null;
  }
  if (text !== wanted) {
    add('MEMO_MISMATCH', `The memo reads "${text.slice(0, 80)}" instead of "${wanted}".`, index);
    return null;
  }
  return text;
}

/** A token program as the sentences name it. */
export function programName(id: PublicKey): string {
  if (id.equals(TOKEN_PROGRAM_ID)) return 'the SPL Token program';
  if (id.equals(TOKEN_2022_PROGRAM_ID)) return 'the Token-2022 program';
  return id.toBase58();
}

/** Byte-wise equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

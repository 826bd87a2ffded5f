/**
 * The migration transaction policy (DESIGN.md "The transaction policy"): run by the browser on
 * the bytes it hands to the wallet and on what the wallet hands back, and by the server before it
 * co-signs. It decodes a transaction with the SPL and web3.js decoders and answers either the
 * decoded, human-readable migration or every violation it found, each with a stable code and a
 * sentence a holder can read.
 *
 * Accepted: exactly the builder's transaction (`builder.ts`), in order, with the expectation's
 * mints, decimals, token programs, accounts, authorities and amounts; plus what wallets add —
 * Lighthouse guards (bounded in count) and a compute budget whose priority fee stays within the
 * cap (`constants.ts`). The envelope (fee payer, signers, flags, compute budget, guards, program
 * allowlist, message hash) is checked by `envelope.ts`, shared with the Revoke policy; this module
 * checks the migration's own instructions. Everything else is a named violation.
 *
 * Never throws: garbage in gives `MALFORMED_TRANSACTION`.
 */
import { TokenInstruction } from '@solana/spl-token';
import { PublicKey, type Transaction, type TransactionInstruction, type VersionedTransaction } from '@solana/web3.js';
import { holderTokenAccounts, migrationMemo, type MigrationExpected, type MintRef } from '@/lib/solana/builder';
import {
  ASSOCIATED_TOKEN_PROGRAM_ID,
  MEMO_PROGRAM_ID,
  MEMO_V1_PROGRAM_ID,
  POLICY_VERSION,
  SYSTEM_PROGRAM_ID,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  isTokenProgram,
} from '@/lib/solana/constants';
import { TRANSFER_POLICY_CODES, checkCreateIdempotent, checkMemoText, checkTransferChecked, sameBytes, type TokenMovement } from '@/lib/solana/instruction-checks';
import {
  neverThrows,
  openEnvelope,
  tokenViolation,
  type Add as AnyAdd,
  type EnvelopeFacts,
  type EnvelopeSpec,
  type Party,
  type PolicyInstruction,
  type PolicyViolation,
} from '@/lib/solana/envelope';

/** Every reason the policy refuses a transaction. Stable: tests, API answers and support rely on them. */
export const VIOLATION_CODES = TRANSFER_POLICY_CODES;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/** One refusal: a stable code, one plain-English sentence, and the instruction (0-based) it is about. */
export type Violation = PolicyViolation<ViolationCode>;

export type { TokenMovement } from '@/lib/solana/instruction-checks';

/**
 * The facts of an accepted migration transaction, decoded from its bytes (never from text a
 * server sent): what the browser previews and the server logs. Addresses base58; token amounts in
 * base units; fees in lamports. The envelope's facts (fee payer, signers in message order with the
 * holder first, compute budget and priority fee, wallet guards, programs, blockhash, message
 * hash) are {@link EnvelopeFacts}, with the compute unit limit always set.
 */
export type DecodedMigration = Omit<EnvelopeFacts, 'computeUnitLimit'> & {
  policyVersion: typeof POLICY_VERSION;
  migrationId: string;
  holder: string;
  /** AI16Z the holder sends to the vault. */
  sends: TokenMovement;
  /** ELIZAOS the holder receives from the treasury. */
  receives: TokenMovement;
  /**
   * The holder's ELIZAOS token account, created by CreateIdempotent if it does not exist yet
   * (whether it exists is a chain fact, not in the bytes) with rent paid by `rentPayer`.
   */
  ataCreated: { address: string; owner: string; mint: string; rentPayer: string };
  memo: string;
  computeUnitLimit: number;
};

export type PolicyResult = { ok: true; migration: DecodedMigration } | { ok: false; violations: Violation[] };

export type PolicyOptions = {
  /** Addresses (base58) refused anywhere in the transaction's account keys. */
  knownDrainers?: ReadonlySet<string> | readonly string[];
  /**
   * Whether wallet additions (Lighthouse guards) are accepted; default true. Pass false for the
   * server's unsigned build, to which no wallet has added anything yet.
   */
  allowWalletAdditions?: boolean;
};

type Add = AnyAdd<ViolationCode>;
const SUBJECT = 'the migration transaction';

/**
 * Checks that `tx` is the official migration transaction for `expected`
 * (DESIGN.md "The transaction policy").
 *
 * @param tx wire bytes (legacy or versioned, signed or not), a web3.js `Transaction`, or a
 *   `VersionedTransaction`.
 * @param expected what the transaction must do (amounts in base units).
 * @param opts known-drainer addresses; whether wallet additions are allowed.
 * @returns `{ ok: true, migration }` with the facts decoded from the bytes, or
 *   `{ ok: false, violations }` listing every problem found. Never throws (an expectation whose
 *   holder is off the ed25519 curve, which no wallet is, comes back as `MALFORMED_TRANSACTION`).
 * @see DESIGN.md "The transaction policy"
 * @see https://solana.com/docs/core/transactions (legacy message: header, account keys, flags)
 * @see https://spl.solana.com/token (TransferChecked and the instructions named in violations)
 */
export function verifyMigrationTransaction(tx: Uint8Array | Transaction | VersionedTransaction, expected: MigrationExpected, opts: PolicyOptions = {}): PolicyResult {
  return neverThrows(() => verify(tx, expected, opts), refuse);
}

/**
 * True when `code` is one of {@link VIOLATION_CODES} (e.g. a code read back from an API answer).
 */
export function isViolationCode(code: string): code is ViolationCode {
  return (VIOLATION_CODES as readonly string[]).includes(code);
}

function refuse(violations: Violation[]): PolicyResult {
  return { ok: false, violations };
}

function verify(tx: Uint8Array | Transaction | VersionedTransaction, expected: MigrationExpected, opts: PolicyOptions): PolicyResult {
  const atas = tokenAccountsOf(expected);
  if (!atas) return refuse([{ code: 'MALFORMED_TRANSACTION', message: `The holder ${expected.holder.toBase58()} is not a wallet key (it is off the ed25519 curve), so it has no token accounts to migrate from.` }]);
  const envelope = openEnvelope<ViolationCode>(tx, migrationEnvelope(expected, atas, opts));
  if (!envelope.opened) return refuse(envelope.violations);
  const { facts, violations, add } = envelope;
  const parts = checkInstructions(envelope.instructions, expected, atas, add);
  const limit = facts.computeUnitLimit;
  if (violations.length > 0 || !parts || limit === null) {
    // Every path that leaves a part undecoded names why; this only guards against a refusal without a reason.
    return refuse(violations.length > 0 ? violations : [{ code: 'MALFORMED_TRANSACTION', message: 'The transaction could not be fully decoded.' }]);
  }
  return { ok: true, migration: { policyVersion: POLICY_VERSION, migrationId: expected.migrationId, holder: expected.holder.toBase58(), ...facts, computeUnitLimit: limit, ...parts } };
}

type Atas = { ai16z: PublicKey; elizaos: PublicKey };

function tokenAccountsOf(expected: MigrationExpected): Atas | null {
  // Only a key on the curve has associated token accounts (`getAssociatedTokenAddressSync` throws otherwise).
  if (!PublicKey.isOnCurve(expected.holder.toBytes())) return null;
  return holderTokenAccounts(expected);
}

/**
 * The migration's envelope: fee payer = the holder, signers = the holder (through the wallet) and
 * the treasury delegate (co-signs on the server); the accounts the builder writes and reads.
 */
function migrationEnvelope(expected: MigrationExpected, atas: Atas, opts: PolicyOptions): EnvelopeSpec<ViolationCode> {
  const holder: Party = { key: expected.holder, name: 'your wallet' };
  return {
    subject: SUBJECT,
    feePayer: holder,
    signers: [holder, { key: expected.treasuryDelegate, name: "the migration treasury's delegate" }],
    wallet: expected.holder,
    allowWalletAdditions: opts.allowWalletAdditions !== false,
    requireComputeUnitLimit: true,
    knownDrainers: opts.knownDrainers,
    // Writable and read-only as the builder compiles them: the four token accounts that move and
    // the holder (fee and rent payer) writable; the mints, the delegate and the System Program
    // read-only. Accounts only wallet guards reference are free (signers are checked separately).
    accountFlags: {
      writable: [
        holder,
        { key: atas.ai16z, name: 'your AI16Z account' },
        { key: expected.vaultTokenAccount, name: 'the migration vault' },
        { key: expected.treasuryTokenAccount, name: 'the migration treasury' },
        { key: atas.elizaos, name: 'your ELIZAOS account' },
      ],
      readonly: [
        { key: expected.ai16z.mint, name: 'the AI16Z mint' },
        { key: expected.elizaos.mint, name: 'the ELIZAOS mint' },
        { key: expected.treasuryDelegate, name: "the treasury's delegate" },
        { key: SYSTEM_PROGRAM_ID, name: 'the System Program' },
      ],
    },
    programs: [ASSOCIATED_TOKEN_PROGRAM_ID, TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, MEMO_PROGRAM_ID],
    refuseProgram: (programId) =>
      programId.equals(MEMO_V1_PROGRAM_ID) ? { code: 'UNKNOWN_PROGRAM', message: 'The transaction uses the old Memo v1 program; the migration uses Memo v2.' } : null,
  };
}

type Core = { kind: 'ata' | 'transfer' | 'memo'; index: number; ix: TransactionInstruction };
type Parts = Pick<DecodedMigration, 'sends' | 'receives' | 'ataCreated' | 'memo'>;

/**
 * The core sequence: CreateIdempotent, TransferChecked (AI16Z), TransferChecked (ELIZAOS), Memo.
 * Each role is matched to the instruction that best fits it, so an attacker's extra or missing
 * instruction is reported as such instead of shifting every later check by one.
 */
function checkInstructions(instructions: readonly PolicyInstruction[], expected: MigrationExpected, atas: Atas, add: Add): Parts | null {
  const core: Core[] = [];
  for (const { ix, index } of instructions) {
    if (ix.programId.equals(ASSOCIATED_TOKEN_PROGRAM_ID)) core.push({ kind: 'ata', index, ix });
    else if (ix.programId.equals(MEMO_PROGRAM_ID)) core.push({ kind: 'memo', index, ix });
    else if (isTokenProgram(ix.programId) && ix.data[0] === TokenInstruction.TransferChecked) core.push({ kind: 'transfer', index, ix });
    else tokenViolation(ix, index, add, SUBJECT);
  }
  const ataCandidates = core.filter((c) => c.kind === 'ata');
  const memoCandidates = core.filter((c) => c.kind === 'memo');
  const transfers = core.filter((c) => c.kind === 'transfer');
  const ata = ataCandidates.find((c) => c.ix.keys[1]?.pubkey.equals(atas.elizaos)) ?? ataCandidates[0];
  const memo = memoCandidates.find((c) => sameBytes(c.ix.data, new TextEncoder().encode(expectedMemo(expected)))) ?? memoCandidates[0];
  let inLeg = transfers.find((c) => looksLikeLeg(c.ix, expected.ai16z, atas.ai16z));
  let outLeg = transfers.find((c) => c !== inLeg && looksLikeLeg(c.ix, expected.elizaos, expected.treasuryTokenAccount));
  // A leg too altered to recognise is still checked, field by field, in its position.
  const unplaced = transfers.filter((c) => c !== inLeg && c !== outLeg);
  inLeg ??= unplaced.shift();
  outLeg ??= unplaced.shift();

  if (!ata) add('MISSING_INSTRUCTION', 'The transaction does not create (or check) your ELIZAOS account.');
  if (!inLeg) add('MISSING_INSTRUCTION', 'The transaction does not transfer AI16Z from your wallet to the migration vault.');
  if (!outLeg) add('MISSING_INSTRUCTION', 'The transaction does not transfer ELIZAOS to you.');
  if (!memo) add('MISSING_INSTRUCTION', 'The transaction is missing the migration memo.');
  const placed = [ata, inLeg, outLeg, memo];
  for (const extra of core.filter((c) => !placed.includes(c))) {
    const what = { ata: 'a second token account creation', transfer: 'a further token transfer', memo: 'a second memo' }[extra.kind];
    add('EXTRA_INSTRUCTION', `The transaction has an extra instruction: ${what}.`, extra.index);
  }
  const order = placed.filter((c): c is Core => c !== undefined).map((c) => c.index);
  if (order.some((index, i) => i > 0 && index < (order[i - 1] ?? -1))) {
    add('INSTRUCTION_ORDER', inLeg && outLeg && outLeg.index < inLeg.index ? 'The two token transfers are in the wrong order.' : 'The migration instructions are not in the official order.');
  }

  const sends = inLeg
    ? checkTransferChecked(inLeg.ix, inLeg.index, 'AI16Z', expected.ai16z, { source: atas.ai16z, destination: expected.vaultTokenAccount, authority: expected.holder, amount: expected.amountIn }, add, {
        source: 'your AI16Z account',
        destination: 'the migration vault',
        authority: 'your wallet',
      })
    : null;
  const receives = outLeg
    ? checkTransferChecked(
        outLeg.ix,
        outLeg.index,
        'ELIZAOS',
        expected.elizaos,
        { source: expected.treasuryTokenAccount, destination: atas.elizaos, authority: expected.treasuryDelegate, amount: expected.amountOut },
        add,
        { source: 'the migration treasury', destination: 'your ELIZAOS account', authority: "the treasury's delegate" },
      )
    : null;
  const ataCreated = ata ? checkAta(ata.ix, ata.index, expected, atas.elizaos, add) : null;
  const memoText = memo ? checkMemo(memo.ix, memo.index, expected, add) : null;
  return sends && receives && ataCreated && memoText !== null ? { sends, receives, ataCreated, memo: memoText } : null;
}

/** True when `ix` (a TransferChecked) takes from `source` or moves `mint`: which leg it is meant to be. */
function looksLikeLeg(ix: TransactionInstruction, mint: MintRef, source: PublicKey): boolean {
  const [src, mintKey] = ix.keys;
  return !!src?.pubkey.equals(source) || !!mintKey?.pubkey.equals(mint.mint);
}

function expectedMemo(expected: MigrationExpected): string {
  try {
    return migrationMemo(expected.migrationId);
  } catch {
    return '';
  }
}

/**
 * The holder's ELIZAOS account creation: payer and owner = the holder
 * (lib/solana/instruction-checks.ts `checkCreateIdempotent`).
 */
function checkAta(ix: TransactionInstruction, index: number, expected: MigrationExpected, ata: PublicKey, add: Add): DecodedMigration['ataCreated'] | null {
  return checkCreateIdempotent(
    ix,
    index,
    { payer: expected.holder, payerName: 'your wallet', owner: expected.holder, ownerName: 'your wallet', mint: expected.elizaos, token: 'ELIZAOS', address: ata, accountName: 'your ELIZAOS account' },
    add,
  );
}

function checkMemo(ix: TransactionInstruction, index: number, expected: MigrationExpected, add: Add): string | null {
  let wanted: string;
  try {
    wanted = migrationMemo(expected.migrationId);
  } catch {
    if (ix.keys.length > 0) add('UNEXPECTED_ACCOUNTS', `The memo names ${ix.keys.length} account(s); the migration memo names none.`, index);
    add('MEMO_MISMATCH', 'The expected migration id is not a UUID.', index);
    return null;
  }
  return checkMemoText(ix, index, wanted, 'the migration memo', add);
}

/**
 * The payout policy and the refund policy (DESIGN.md "Deposit and receive"): the server runs them
 * on every payout and refund transaction before any key signs it, and the ops refund flow again on
 * what an offline deposit owner signed. Both use the one envelope check (`envelope.ts`) with a
 * server-side signer set — no wallet takes part, so no wallet additions are accepted — and the
 * instruction checks shared with the migration policy (`instruction-checks.ts`).
 *
 * A payout is accepted only as exactly `payout.ts`'s build for one deposit: CreateIdempotent of the
 * sender's own ELIZAOS ATA (owner = the sender, payer = the payout fee payer), one TransferChecked
 * from the treasury by the delegate of exactly the amount, never more than the allocation's or the
 * allowance's worth, and the memo naming the deposit; fee payer = the payout fee payer, signers =
 * the fee payer and the delegate. A refund only as the deposit owner's TransferChecked of exactly
 * the refund amount from the deposit account back to the source token account, with its memo.
 * Everything else is a named violation.
 *
 * Never throws: garbage in gives `MALFORMED_TRANSACTION`.
 */
import { TokenInstruction } from '@solana/spl-token';
import type { PublicKey, Transaction, VersionedTransaction } from '@solana/web3.js';
import { formatBaseUnits } from '@/lib/solana/amounts';
import { ASSOCIATED_TOKEN_PROGRAM_ID, MEMO_PROGRAM_ID, SYSTEM_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, isTokenProgram } from '@/lib/solana/constants';
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
import { TRANSFER_POLICY_CODES, checkCreateIdempotent, checkMemoText, checkTransferChecked, type AtaCreated, type TokenMovement } from '@/lib/solana/instruction-checks';
import { type PayoutExpected, type RefundExpected, payoutMemo, payoutTokenAccount, refundMemo } from '@/lib/solana/payout';

/** Every reason the payout and refund policies refuse a transaction. Stable: tests and ops rely on them. */
export const PAYOUT_VIOLATION_CODES = [
  ...TRANSFER_POLICY_CODES,
  /** The payout is worth more than what remains of the sender's allocation. */
  'ABOVE_ALLOCATION',
  /** The payout is more than the delegate's allowance on the treasury. */
  'ABOVE_ALLOWANCE',
] as const;
export type PayoutViolationCode = (typeof PAYOUT_VIOLATION_CODES)[number];
export type PayoutViolation = PolicyViolation<PayoutViolationCode>;

/** The bounds a payout must stay within, besides its own expectation; ELIZAOS base units. */
export type PayoutLimits = {
  /** What remains of the sender's allocation, in ELIZAOS (remaining AI16Z × ratio × 10^(dE − dA)). */
  maxAmountOut: bigint;
  /** The delegate's allowance on the treasury as last read; omitted when unknown. */
  allowance?: bigint;
  knownDrainers?: ReadonlySet<string> | readonly string[];
};

/** An accepted payout, decoded from its bytes. */
export type DecodedPayout = EnvelopeFacts & { recipient: string; ataCreated: AtaCreated; pays: TokenMovement; memo: string };
export type PayoutPolicyResult = { ok: true; payout: DecodedPayout } | { ok: false; violations: PayoutViolation[] };

/** An accepted refund, decoded from its bytes. */
export type DecodedRefund = EnvelopeFacts & { refunds: TokenMovement; memo: string };
export type RefundPolicyResult = { ok: true; refund: DecodedRefund } | { ok: false; violations: PayoutViolation[] };

type Add = AnyAdd<PayoutViolationCode>;
const PAYOUT = 'the payout transaction';
const REFUND = 'the refund transaction';

/**
 * Checks that `tx` is exactly the payout of `expected`, within `limits`.
 * @returns the decoded payout, or every violation found. Never throws.
 * @see DESIGN.md "Deposit and receive"
 */
export function verifyPayoutTransaction(tx: Uint8Array | Transaction | VersionedTransaction, expected: PayoutExpected, limits: PayoutLimits): PayoutPolicyResult {
  return neverThrows(() => verifyPayout(tx, expected, limits), (violations) => ({ ok: false, violations }));
}

/**
 * Checks that `tx` is exactly the refund of `expected`: back to the source token account only.
 * @returns the decoded refund, or every violation found. Never throws.
 */
export function verifyRefundTransaction(tx: Uint8Array | Transaction | VersionedTransaction, expected: RefundExpected, opts: { knownDrainers?: ReadonlySet<string> | readonly string[] } = {}): RefundPolicyResult {
  return neverThrows(() => verifyRefund(tx, expected, opts), (violations) => ({ ok: false, violations }));
}

/** True when `code` is one of {@link PAYOUT_VIOLATION_CODES}. */
export function isPayoutViolationCode(code: string): code is PayoutViolationCode {
  return (PAYOUT_VIOLATION_CODES as readonly string[]).includes(code);
}

function signerParties(...parties: Party[]): Party[] {
  return parties.filter((p, i) => parties.findIndex((q) => q.key.equals(p.key)) === i);
}

function payoutEnvelope(expected: PayoutExpected, ata: PublicKey, limits: PayoutLimits): EnvelopeSpec<PayoutViolationCode> {
  const feePayer: Party = { key: expected.feePayer, name: 'the portal’s payout fee payer' };
  const delegate: Party = { key: expected.treasuryDelegate, name: "the migration treasury's delegate" };
  const signers = signerParties(feePayer, delegate);
  return {
    subject: PAYOUT,
    feePayer,
    signers,
    wallet: null,
    allowWalletAdditions: false,
    requireComputeUnitLimit: true,
    knownDrainers: limits.knownDrainers,
    accountFlags: {
      writable: [feePayer, { key: expected.treasuryTokenAccount, name: 'the migration treasury' }, { key: ata, name: "the sender's ELIZAOS account" }],
      readonly: [
        { key: expected.elizaos.mint, name: 'the ELIZAOS mint' },
        { key: expected.recipient, name: "the sender's wallet" },
        ...(expected.treasuryDelegate.equals(expected.feePayer) ? [] : [delegate]),
        { key: SYSTEM_PROGRAM_ID, name: 'the System Program' },
      ],
    },
    programs: [ASSOCIATED_TOKEN_PROGRAM_ID, TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, MEMO_PROGRAM_ID],
  };
}

type Core = { kind: 'ata' | 'transfer' | 'memo'; index: number; ix: PolicyInstruction['ix'] };

/** Sorts the policy's instructions into the roles a payout or refund has, naming any other token instruction. */
function sortCore(instructions: readonly PolicyInstruction[], add: Add, subject: string, allowAta: boolean): Core[] {
  const core: Core[] = [];
  for (const { ix, index } of instructions) {
    if (ix.programId.equals(ASSOCIATED_TOKEN_PROGRAM_ID)) {
      if (allowAta) core.push({ kind: 'ata', index, ix });
      else add('EXTRA_INSTRUCTION', `The transaction has an extra instruction: a token account creation, which ${subject} never has.`, index);
    } else if (ix.programId.equals(MEMO_PROGRAM_ID)) core.push({ kind: 'memo', index, ix });
    else if (isTokenProgram(ix.programId) && ix.data[0] === TokenInstruction.TransferChecked) core.push({ kind: 'transfer', index, ix });
    else tokenViolation(ix, index, add, subject);
  }
  return core;
}

/** One instruction per role, in the given order; extras, absences and the order are violations. */
function placeCore(core: Core[], roles: readonly { kind: Core['kind']; missing: string }[], add: Add): (Core | undefined)[] {
  const placed = roles.map((role) => core.find((c) => c.kind === role.kind));
  roles.forEach((role, i) => {
    if (!placed[i]) add('MISSING_INSTRUCTION', role.missing);
  });
  const what = { ata: 'a second token account creation', transfer: 'a further token transfer', memo: 'a second memo' };
  for (const extra of core.filter((c) => !placed.includes(c))) add('EXTRA_INSTRUCTION', `The transaction has an extra instruction: ${what[extra.kind]}.`, extra.index);
  const order = placed.filter((c): c is Core => c !== undefined).map((c) => c.index);
  if (order.some((index, i) => i > 0 && index < (order[i - 1] ?? -1))) add('INSTRUCTION_ORDER', 'The instructions are not in the official order.');
  return placed;
}

function verifyPayout(tx: Uint8Array | Transaction | VersionedTransaction, expected: PayoutExpected, limits: PayoutLimits): PayoutPolicyResult {
  const ata = payoutTokenAccount(expected.recipient, expected.elizaos);
  const wantedMemo = payoutMemo(expected);
  const envelope = openEnvelope<PayoutViolationCode>(tx, payoutEnvelope(expected, ata, limits));
  if (!envelope.opened) return { ok: false, violations: envelope.violations };
  const { facts, violations, add } = envelope;
  const [ataIx, transferIx, memoIx] = placeCore(
    sortCore(envelope.instructions, add, PAYOUT, true),
    [
      { kind: 'ata', missing: "The payout does not create (or check) the sender's ELIZAOS account." },
      { kind: 'transfer', missing: 'The payout does not transfer ELIZAOS from the treasury.' },
      { kind: 'memo', missing: 'The payout is missing its memo.' },
    ],
    add,
  );
  const ataCreated = ataIx
    ? checkCreateIdempotent(
        ataIx.ix,
        ataIx.index,
        { payer: expected.feePayer, payerName: 'the portal’s payout fee payer', owner: expected.recipient, ownerName: "the sender's wallet", mint: expected.elizaos, token: 'ELIZAOS', address: ata, accountName: "the sender's ELIZAOS account" },
        add,
      )
    : null;
  const pays = transferIx
    ? checkTransferChecked(
        transferIx.ix,
        transferIx.index,
        'ELIZAOS',
        expected.elizaos,
        { source: expected.treasuryTokenAccount, destination: ata, authority: expected.treasuryDelegate, amount: expected.amountOut },
        add,
        { source: 'the migration treasury', destination: "the sender's ELIZAOS account", authority: "the treasury's delegate" },
      )
    : null;
  if (pays && transferIx) {
    const elizaos = (n: bigint) => `${formatBaseUnits(n, expected.elizaos.decimals)} ELIZAOS`;
    if (pays.amount > limits.maxAmountOut) add('ABOVE_ALLOCATION', `The payout of ${elizaos(pays.amount)} is more than the ${elizaos(limits.maxAmountOut)} the sender's remaining allocation is worth.`, transferIx.index);
    if (limits.allowance !== undefined && pays.amount > limits.allowance) add('ABOVE_ALLOWANCE', `The payout of ${elizaos(pays.amount)} is more than the delegate's allowance of ${elizaos(limits.allowance)}.`, transferIx.index);
  }
  const memo = memoIx ? checkMemoText(memoIx.ix, memoIx.index, wantedMemo, 'the payout memo', add) : null;
  if (violations.length > 0 || !ataCreated || !pays || memo === null) {
    return { ok: false, violations: violations.length > 0 ? violations : [{ code: 'MALFORMED_TRANSACTION', message: 'The transaction could not be fully decoded.' }] };
  }
  return { ok: true, payout: { ...facts, recipient: expected.recipient.toBase58(), ataCreated, pays, memo } };
}

function verifyRefund(tx: Uint8Array | Transaction | VersionedTransaction, expected: RefundExpected, opts: { knownDrainers?: ReadonlySet<string> | readonly string[] }): RefundPolicyResult {
  const wantedMemo = refundMemo(expected);
  const owner: Party = { key: expected.owner, name: 'the deposit address’s owner' };
  const envelope = openEnvelope<PayoutViolationCode>(tx, {
    subject: REFUND,
    feePayer: owner,
    signers: [owner],
    wallet: null,
    allowWalletAdditions: false,
    requireComputeUnitLimit: false,
    knownDrainers: opts.knownDrainers,
    accountFlags: {
      writable: [owner, { key: expected.from, name: 'the deposit account' }, { key: expected.to, name: 'the source token account' }],
      readonly: [{ key: expected.mint.mint, name: `the ${expected.token} mint` }],
    },
    programs: [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, MEMO_PROGRAM_ID, ASSOCIATED_TOKEN_PROGRAM_ID],
  });
  if (!envelope.opened) return { ok: false, violations: envelope.violations };
  const { facts, violations, add } = envelope;
  const [transferIx, memoIx] = placeCore(
    sortCore(envelope.instructions, add, REFUND, false),
    [
      { kind: 'transfer', missing: `The refund does not transfer ${expected.token} back.` },
      { kind: 'memo', missing: 'The refund is missing its memo.' },
    ],
    add,
  );
  const refunds = transferIx
    ? checkTransferChecked(transferIx.ix, transferIx.index, expected.token, expected.mint, { source: expected.from, destination: expected.to, authority: expected.owner, amount: expected.amount }, add, {
        source: 'the deposit account',
        destination: 'the source token account the deposit came from',
        authority: 'the deposit address’s owner',
      })
    : null;
  const memo = memoIx ? checkMemoText(memoIx.ix, memoIx.index, wantedMemo, 'the refund memo', add) : null;
  if (violations.length > 0 || !refunds || memo === null) {
    return { ok: false, violations: violations.length > 0 ? violations : [{ code: 'MALFORMED_TRANSACTION', message: 'The transaction could not be fully decoded.' }] };
  }
  return { ok: true, refund: { ...facts, refunds, memo } };
}

/**
 * The payout and refund policies against a corpus of malicious variants (each refused with its
 * named code, as in the migration policy's corpus) and legitimate ones, plus properties: the
 * builder's output always passes, and no input makes a policy throw or reach its catch-all.
 */
import {
  AuthorityType,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  createApproveCheckedInstruction,
  createAssociatedTokenAccountIdempotentInstruction,
  createBurnCheckedInstruction,
  createCloseAccountInstruction,
  createSetAuthorityInstruction,
  createTransferCheckedInstruction,
  createTransferInstruction,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { ComputeBudgetProgram, Keypair, PublicKey, SystemProgram, Transaction, TransactionInstruction, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIGHTHOUSE_PROGRAM_ID, MAX_PRIORITY_FEE_LAMPORTS, MEMO_PROGRAM_ID, MEMO_V1_PROGRAM_ID } from '@/lib/solana/constants';
import { refusedByCatchAll } from '@/lib/solana/envelope';
import {
  type PayoutExpected,
  type RefundExpected,
  buildPayoutInstructions,
  buildPayoutTransaction,
  buildRefundInstructions,
  buildRefundTransaction,
  depositKeyInMemo,
  payoutMemo,
  payoutTokenAccount,
  refundMemo,
} from '@/lib/solana/payout';
import { PAYOUT_VIOLATION_CODES, type PayoutLimits, type PayoutViolationCode, verifyPayoutTransaction, verifyRefundTransaction } from '@/lib/solana/payout-policy';

const key = () => Keypair.generate().publicKey;
const signature = () => bs58.encode(Keypair.generate().secretKey);

type Fixture = { expected: PayoutExpected; feePayer: Keypair; delegate: Keypair; blockhash: string; ata: PublicKey; limits: PayoutLimits };

function fixture(options: { offCurve?: boolean; samePayer?: boolean; program?: PublicKey } = {}): Fixture {
  const feePayer = Keypair.generate();
  const delegate = options.samePayer ? feePayer : Keypair.generate();
  // An off-curve recipient: a program-derived address, as a Squads vault is.
  const recipient = options.offCurve ? PublicKey.findProgramAddressSync([Buffer.from('vault'), key().toBuffer()], key())[0] : key();
  const expected: PayoutExpected = {
    signature: signature(),
    instructionIndex: 2,
    recipient,
    elizaos: { mint: key(), decimals: 9, programId: options.program ?? TOKEN_PROGRAM_ID },
    treasuryTokenAccount: key(),
    treasuryDelegate: delegate.publicKey,
    feePayer: feePayer.publicKey,
    amountOut: 60_000_000_000n,
  };
  return { expected, feePayer, delegate, blockhash: key().toBase58(), ata: payoutTokenAccount(recipient, expected.elizaos), limits: { maxAmountOut: 60_000_000_000n, allowance: 1_000_000_000_000n } };
}

function wire(f: Fixture, instructions: TransactionInstruction[], feePayer: PublicKey = f.expected.feePayer): Uint8Array {
  return new Transaction({ feePayer, recentBlockhash: f.blockhash }).add(...instructions).serialize({ requireAllSignatures: false, verifySignatures: false });
}
const core = (f: Fixture) => buildPayoutInstructions(f.expected);
const IX = { limit: 0, ata: 1, transfer: 2, memo: 3 } as const;
function replaced(list: TransactionInstruction[], index: number, ix: TransactionInstruction): TransactionInstruction[] {
  return list.map((x, i) => (i === index ? ix : x));
}
const memo = (text: string) => new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [], data: Buffer.from(text) });
const transfer = (f: Fixture, over: Partial<{ source: PublicKey; mint: PublicKey; destination: PublicKey; authority: PublicKey; amount: bigint; decimals: number; program: PublicKey }> = {}) =>
  createTransferCheckedInstruction(
    over.source ?? f.expected.treasuryTokenAccount,
    over.mint ?? f.expected.elizaos.mint,
    over.destination ?? f.ata,
    over.authority ?? f.expected.treasuryDelegate,
    over.amount ?? f.expected.amountOut,
    over.decimals ?? f.expected.elizaos.decimals,
    [],
    over.program ?? f.expected.elizaos.programId,
  );

type Case = { name: string; codes: PayoutViolationCode[]; tx: (f: Fixture) => Uint8Array | Transaction | VersionedTransaction; limits?: (f: Fixture) => PayoutLimits; fixture?: () => Fixture };

const attacker = key();
const malicious: Case[] = [
  { name: 'pays an attacker’s ELIZAOS account instead of the sender’s', codes: ['WRONG_DESTINATION'], tx: (f) => wire(f, replaced(core(f), IX.transfer, transfer(f, { destination: getAssociatedTokenAddressSync(f.expected.elizaos.mint, attacker) }))) },
  { name: 'pays the sender’s wallet address itself (not its ATA)', codes: ['WRONG_DESTINATION', 'WRITABLE_FLAGS_CHANGED'], tx: (f) => wire(f, replaced(core(f), IX.transfer, transfer(f, { destination: f.expected.recipient }))) },
  { name: 'pays more than the expected amount', codes: ['WRONG_AMOUNT', 'ABOVE_ALLOCATION'], tx: (f) => wire(f, replaced(core(f), IX.transfer, transfer(f, { amount: f.expected.amountOut + 1n }))) },
  { name: 'pays less than the expected amount', codes: ['WRONG_AMOUNT'], tx: (f) => wire(f, replaced(core(f), IX.transfer, transfer(f, { amount: f.expected.amountOut - 1n }))) },
  { name: 'the expected amount is beyond the remaining allocation', codes: ['ABOVE_ALLOCATION'], tx: (f) => wire(f, core(f)), limits: (f) => ({ ...f.limits, maxAmountOut: f.expected.amountOut - 1n }) },
  { name: 'the expected amount is beyond the delegate’s allowance', codes: ['ABOVE_ALLOWANCE'], tx: (f) => wire(f, core(f)), limits: (f) => ({ ...f.limits, allowance: f.expected.amountOut - 1n }) },
  { name: 'wrong decimals', codes: ['WRONG_DECIMALS'], tx: (f) => wire(f, replaced(core(f), IX.transfer, transfer(f, { decimals: 6 }))) },
  { name: 'another mint', codes: ['WRONG_MINT'], tx: (f) => wire(f, replaced(core(f), IX.transfer, transfer(f, { mint: key() }))) },
  { name: 'another source than the treasury', codes: ['WRONG_SOURCE'], tx: (f) => wire(f, replaced(core(f), IX.transfer, transfer(f, { source: key() }))) },
  { name: 'another authority than the delegate', codes: ['WRONG_AUTHORITY', 'EXTRA_SIGNER', 'MISSING_SIGNER'], tx: (f) => wire(f, replaced(core(f), IX.transfer, transfer(f, { authority: attacker }))) },
  { name: 'the transfer to the other token program', codes: ['WRONG_TOKEN_PROGRAM'], tx: (f) => wire(f, replaced(core(f), IX.transfer, transfer(f, { program: TOKEN_2022_PROGRAM_ID }))) },
  { name: 'a second transfer to an attacker', codes: ['EXTRA_INSTRUCTION'], tx: (f) => wire(f, [...core(f).slice(0, 3), transfer(f, { destination: key(), amount: 1n }), core(f)[IX.memo] as TransactionInstruction]) },
  { name: 'no transfer at all', codes: ['MISSING_INSTRUCTION', 'MISSING_SIGNER'], tx: (f) => wire(f, core(f).filter((_, i) => i !== IX.transfer)) },
  { name: 'no ATA creation', codes: ['MISSING_INSTRUCTION'], tx: (f) => wire(f, core(f).filter((_, i) => i !== IX.ata)) },
  { name: 'no memo', codes: ['MISSING_INSTRUCTION'], tx: (f) => wire(f, core(f).filter((_, i) => i !== IX.memo)) },
  { name: 'memo naming another deposit', codes: ['MEMO_MISMATCH'], tx: (f) => wire(f, replaced(core(f), IX.memo, memo(payoutMemo({ signature: signature(), instructionIndex: 2 })))) },
  { name: 'memo naming another instruction of the same deposit', codes: ['MEMO_MISMATCH'], tx: (f) => wire(f, replaced(core(f), IX.memo, memo(payoutMemo({ ...f.expected, instructionIndex: 3 })))) },
  { name: 'memo through Memo v1', codes: ['UNKNOWN_PROGRAM', 'MISSING_INSTRUCTION'], tx: (f) => wire(f, replaced(core(f), IX.memo, new TransactionInstruction({ programId: MEMO_V1_PROGRAM_ID, keys: [], data: Buffer.from(payoutMemo(f.expected)) }))) },
  { name: 'a second memo', codes: ['EXTRA_INSTRUCTION'], tx: (f) => wire(f, [...core(f), memo('hello')]) },
  { name: 'transfer before the ATA creation', codes: ['INSTRUCTION_ORDER'], tx: (f) => wire(f, [core(f)[0], core(f)[2], core(f)[1], core(f)[3]] as TransactionInstruction[]) },
  { name: 'ATA created for an attacker', codes: ['ATA_INSTRUCTION_MISMATCH'], tx: (f) => wire(f, replaced(core(f), IX.ata, createAssociatedTokenAccountIdempotentInstruction(f.expected.feePayer, getAssociatedTokenAddressSync(f.expected.elizaos.mint, attacker), attacker, f.expected.elizaos.mint, f.expected.elizaos.programId))) },
  { name: 'ATA rent paid by someone else', codes: ['ATA_INSTRUCTION_MISMATCH', 'EXTRA_SIGNER'], tx: (f) => wire(f, replaced(core(f), IX.ata, createAssociatedTokenAccountIdempotentInstruction(attacker, f.ata, f.expected.recipient, f.expected.elizaos.mint, f.expected.elizaos.programId))) },
  { name: 'ATA of another mint', codes: ['WRONG_MINT'], tx: (f) => { const mint = key(); return wire(f, replaced(core(f), IX.ata, createAssociatedTokenAccountIdempotentInstruction(f.expected.feePayer, f.ata, f.expected.recipient, mint, f.expected.elizaos.programId))); } },
  { name: 'a non-idempotent Create (fails when the account exists)', codes: ['ATA_INSTRUCTION_MISMATCH'], tx: (f) => { const ix = createAssociatedTokenAccountIdempotentInstruction(f.expected.feePayer, f.ata, f.expected.recipient, f.expected.elizaos.mint, f.expected.elizaos.programId); ix.data = Buffer.from([0]); return wire(f, replaced(core(f), IX.ata, ix)); } },
  { name: 'an Approve of the treasury to an attacker', codes: ['TOKEN_APPROVE', 'EXTRA_SIGNER'], tx: (f) => wire(f, [...core(f), createApproveCheckedInstruction(f.expected.treasuryTokenAccount, f.expected.elizaos.mint, attacker, key(), 1n, 9)]) },
  { name: 'a SetAuthority', codes: ['TOKEN_SET_AUTHORITY'], tx: (f) => wire(f, [...core(f), createSetAuthorityInstruction(f.ata, f.expected.treasuryDelegate, AuthorityType.AccountOwner, attacker)]) },
  { name: 'a CloseAccount', codes: ['TOKEN_CLOSE_ACCOUNT'], tx: (f) => wire(f, [...core(f), createCloseAccountInstruction(f.ata, attacker, f.expected.treasuryDelegate)]) },
  { name: 'a Burn', codes: ['TOKEN_BURN', 'WRITABLE_FLAGS_CHANGED'], tx: (f) => wire(f, [...core(f), createBurnCheckedInstruction(f.expected.treasuryTokenAccount, f.expected.elizaos.mint, f.expected.treasuryDelegate, 1n, 9)]) },
  { name: 'a plain Transfer', codes: ['TOKEN_TRANSFER_UNCHECKED', 'MISSING_INSTRUCTION'], tx: (f) => wire(f, replaced(core(f), IX.transfer, createTransferInstruction(f.expected.treasuryTokenAccount, f.ata, f.expected.treasuryDelegate, f.expected.amountOut))) },
  { name: 'a SOL transfer from the fee payer', codes: ['SYSTEM_TRANSFER'], tx: (f) => wire(f, [...core(f), SystemProgram.transfer({ fromPubkey: f.expected.feePayer, toPubkey: attacker, lamports: 1_000_000 })]) },
  { name: 'another program', codes: ['UNKNOWN_PROGRAM'], tx: (f) => wire(f, [...core(f), new TransactionInstruction({ programId: key(), keys: [], data: Buffer.from([1]) })]) },
  { name: 'a wallet guard (no wallet takes part in a payout)', codes: ['WALLET_INSTRUCTIONS_NOT_ALLOWED'], tx: (f) => wire(f, [...core(f), new TransactionInstruction({ programId: LIGHTHOUSE_PROGRAM_ID, keys: [{ pubkey: f.ata, isSigner: false, isWritable: false }], data: Buffer.from([9, 0]) })]) },
  { name: 'the sender as fee payer', codes: ['WRONG_FEE_PAYER', 'EXTRA_SIGNER', 'WRITABLE_FLAGS_CHANGED'], fixture: () => fixture(), tx: (f) => wire(f, core(f), f.expected.recipient) },
  { name: 'an attacker as fee payer', codes: ['WRONG_FEE_PAYER', 'EXTRA_SIGNER'], tx: (f) => wire(f, core(f), attacker) },
  { name: 'no compute unit limit', codes: ['MISSING_COMPUTE_UNIT_LIMIT'], tx: (f) => wire(f, core(f).slice(1)) },
  { name: 'a priority fee above the cap', codes: ['PRIORITY_FEE_ABOVE_CAP'], tx: (f) => wire(f, [...core(f), ComputeBudgetProgram.setComputeUnitPrice({ microLamports: (MAX_PRIORITY_FEE_LAMPORTS * 1_000_000n) / 60_000n + 10n })]) },
  { name: 'a known drainer named anywhere', codes: ['KNOWN_DRAINER'], tx: (f) => wire(f, core(f)), limits: (f) => ({ ...f.limits, knownDrainers: [f.expected.treasuryTokenAccount.toBase58()] }) },
  {
    name: 'a versioned transaction',
    codes: ['VERSIONED_TRANSACTION'],
    tx: (f) => new VersionedTransaction(new TransactionMessage({ payerKey: f.expected.feePayer, recentBlockhash: f.blockhash, instructions: core(f) }).compileToV0Message()),
  },
  { name: 'garbage bytes', codes: ['MALFORMED_TRANSACTION'], tx: () => new Uint8Array([1, 2, 3, 4, 5]) },
  { name: 'trailing bytes', codes: ['MALFORMED_TRANSACTION'], tx: (f) => new Uint8Array([...wire(f, core(f)), 0]) },
];

describe(`payout policy: malicious variants (${malicious.length})`, () => {
  it.each(malicious.map((c) => [c.name, c] as const))('refuses %s', (_name, c) => {
    const f = c.fixture?.() ?? fixture();
    const result = verifyPayoutTransaction(c.tx(f), f.expected, c.limits?.(f) ?? f.limits);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(refusedByCatchAll(result)).toBe(false);
    const codes = [...new Set(result.violations.map((v) => v.code))].sort();
    expect(codes).toEqual([...new Set(c.codes)].sort());
  });

  it('names the payout-only codes at least once', () => {
    const named = new Set(malicious.flatMap((c) => c.codes));
    for (const code of ['ABOVE_ALLOCATION', 'ABOVE_ALLOWANCE', 'WRONG_DESTINATION', 'MEMO_MISMATCH', 'ATA_INSTRUCTION_MISMATCH', 'EXTRA_INSTRUCTION', 'MISSING_INSTRUCTION', 'INSTRUCTION_ORDER'] as const) {
      expect(named.has(code), code).toBe(true);
      expect(PAYOUT_VIOLATION_CODES).toContain(code);
    }
  });
});

describe('payout policy: legitimate variants', () => {
  const legit: { name: string; fixture: () => Fixture }[] = [
    { name: 'a wallet sender (ELIZAOS under SPL Token)', fixture: () => fixture() },
    { name: 'an off-curve sender (a multisig vault): paid to its own ATA', fixture: () => fixture({ offCurve: true }) },
    { name: 'ELIZAOS under Token-2022', fixture: () => fixture({ program: TOKEN_2022_PROGRAM_ID }) },
    { name: 'the delegate is also the fee payer (one signer)', fixture: () => fixture({ samePayer: true }) },
  ];
  it.each(legit.map((c) => [c.name, c] as const))('accepts %s, decoding what it pays', (_name, c) => {
    const f = c.fixture();
    const result = verifyPayoutTransaction(wire(f, core(f)), f.expected, f.limits);
    expect(result.ok, JSON.stringify(!result.ok && result.violations)).toBe(true);
    if (!result.ok) return;
    expect(result.payout.pays).toMatchObject({ amount: f.expected.amountOut, destination: f.ata.toBase58(), source: f.expected.treasuryTokenAccount.toBase58(), authority: f.expected.treasuryDelegate.toBase58() });
    expect(result.payout.ataCreated).toEqual({ address: f.ata.toBase58(), owner: f.expected.recipient.toBase58(), mint: f.expected.elizaos.mint.toBase58(), rentPayer: f.expected.feePayer.toBase58() });
    expect(result.payout.memo).toBe(`elizaos-migration:v1:deposit:${f.expected.signature}:2`);
    expect(result.payout.signers).toEqual(f.feePayer === f.delegate ? [f.feePayer.publicKey.toBase58()] : [f.feePayer.publicKey.toBase58(), f.delegate.publicKey.toBase58()]);
  });

  it('accepts the fully signed transaction as sent', () => {
    const f = fixture();
    const tx = buildPayoutTransaction({ ...f.expected, recentBlockhash: f.blockhash });
    tx.sign(f.feePayer, f.delegate);
    expect(verifyPayoutTransaction(tx.serialize(), f.expected, f.limits).ok).toBe(true);
  });

  it('a payout exactly at the remaining allocation passes; one base unit over does not', () => {
    const f = fixture();
    expect(verifyPayoutTransaction(wire(f, core(f)), f.expected, { maxAmountOut: f.expected.amountOut }).ok).toBe(true);
    expect(verifyPayoutTransaction(wire(f, core(f)), f.expected, { maxAmountOut: f.expected.amountOut - 1n }).ok).toBe(false);
  });
});

describe('the builder refuses what the policy would', () => {
  it('refuses a recipient that is a server key, a zero amount, a bad signature', () => {
    const f = fixture();
    expect(() => buildPayoutInstructions({ ...f.expected, recipient: f.expected.feePayer })).toThrow(/own keys/);
    expect(() => buildPayoutInstructions({ ...f.expected, amountOut: 0n })).toThrow(/amountOut/);
    expect(() => buildPayoutInstructions({ ...f.expected, signature: 'abc' })).toThrow(/signature/);
  });

  it('memos carry the key, and the key is read back from an RPC history memo', () => {
    const f = fixture();
    expect(depositKeyInMemo(`[121] ${payoutMemo(f.expected)}`, 'deposit')).toEqual({ signature: f.expected.signature, instructionIndex: 2 });
    expect(depositKeyInMemo(payoutMemo(f.expected), 'refund')).toBeNull();
    expect(depositKeyInMemo(refundMemo(f.expected), 'refund')).toEqual({ signature: f.expected.signature, instructionIndex: 2 });
    expect(depositKeyInMemo('elizaos-migration:v1:deposit:notasignature:1', 'deposit')).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Refunds

type RefundFixture = { expected: RefundExpected; owner: Keypair; blockhash: string };
function refundFixture(): RefundFixture {
  const owner = Keypair.generate();
  return {
    owner,
    blockhash: key().toBase58(),
    expected: { signature: signature(), instructionIndex: 1, owner: owner.publicKey, mint: { mint: key(), decimals: 9, programId: TOKEN_2022_PROGRAM_ID }, token: 'AI16Z', from: key(), to: key(), amount: 5_000_000_000n },
  };
}
const refundWire = (f: RefundFixture, ixs: TransactionInstruction[], feePayer = f.expected.owner) =>
  new Transaction({ feePayer, recentBlockhash: f.blockhash }).add(...ixs).serialize({ requireAllSignatures: false, verifySignatures: false });
const refundCore = (f: RefundFixture) => buildRefundInstructions(f.expected);
const refundTransfer = (f: RefundFixture, over: Partial<{ to: PublicKey; amount: bigint; authority: PublicKey }>) =>
  createTransferCheckedInstruction(f.expected.from, f.expected.mint.mint, over.to ?? f.expected.to, over.authority ?? f.expected.owner, over.amount ?? f.expected.amount, 9, [], TOKEN_2022_PROGRAM_ID);

describe('refund policy', () => {
  it('accepts exactly the refund back to the source token account', () => {
    const f = refundFixture();
    const tx = buildRefundTransaction({ ...f.expected, recentBlockhash: f.blockhash });
    tx.sign(f.owner);
    const result = verifyRefundTransaction(tx.serialize(), f.expected);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.refund.refunds).toMatchObject({ destination: f.expected.to.toBase58(), amount: f.expected.amount });
  });

  const refusals: { name: string; codes: PayoutViolationCode[]; tx: (f: RefundFixture) => Uint8Array }[] = [
    { name: 'a refund to another account than the source', codes: ['WRONG_DESTINATION'], tx: (f) => refundWire(f, replaced(refundCore(f), 1, refundTransfer(f, { to: attacker }))) },
    { name: 'more than the refund amount', codes: ['WRONG_AMOUNT'], tx: (f) => refundWire(f, replaced(refundCore(f), 1, refundTransfer(f, { amount: f.expected.amount + 1n }))) },
    { name: 'a second transfer', codes: ['EXTRA_INSTRUCTION'], tx: (f) => refundWire(f, [...refundCore(f), refundTransfer(f, { to: attacker, amount: 1n })]) },
    { name: 'another fee payer', codes: ['WRONG_FEE_PAYER', 'EXTRA_SIGNER', 'WRITABLE_FLAGS_CHANGED'], tx: (f) => refundWire(f, refundCore(f), attacker) },
    { name: 'a memo naming another deposit', codes: ['MEMO_MISMATCH'], tx: (f) => refundWire(f, replaced(refundCore(f), 2, memo(refundMemo({ signature: signature(), instructionIndex: 1 })))) },
    { name: 'the payout memo instead of the refund memo', codes: ['MEMO_MISMATCH'], tx: (f) => refundWire(f, replaced(refundCore(f), 2, memo(payoutMemo(f.expected)))) },
    { name: 'an ATA creation', codes: ['EXTRA_INSTRUCTION'], tx: (f) => refundWire(f, [createAssociatedTokenAccountIdempotentInstruction(f.expected.owner, key(), attacker, f.expected.mint.mint, TOKEN_2022_PROGRAM_ID), ...refundCore(f)]) },
    { name: 'a CloseAccount of the deposit account', codes: ['TOKEN_CLOSE_ACCOUNT'], tx: (f) => refundWire(f, [...refundCore(f), createCloseAccountInstruction(f.expected.from, attacker, f.expected.owner, [], TOKEN_2022_PROGRAM_ID)]) },
  ];
  it.each(refusals.map((c) => [c.name, c] as const))('refuses %s', (_name, c) => {
    const f = refundFixture();
    const result = verifyRefundTransaction(c.tx(f), f.expected);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(refusedByCatchAll(result)).toBe(false);
    expect([...new Set(result.violations.map((v) => v.code))].sort()).toEqual([...new Set(c.codes)].sort());
  });
});

describe('properties', () => {
  it('the builder’s output always passes (amounts, decimals, programs, on- and off-curve senders, index)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 18_446_744_073_709_551_615n }),
        fc.integer({ min: 0, max: 9 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 65_535 }),
        (amountOut, decimals, offCurve, token2022, instructionIndex) => {
          const f = fixture({ offCurve, program: token2022 ? TOKEN_2022_PROGRAM_ID : TOKEN_PROGRAM_ID });
          const expected = { ...f.expected, amountOut, instructionIndex, elizaos: { ...f.expected.elizaos, decimals } };
          const result = verifyPayoutTransaction(wire(f, buildPayoutInstructions(expected)), expected, { maxAmountOut: amountOut });
          expect(result.ok).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws and never reaches the catch-all on arbitrary bytes or corrupted payouts', () => {
    const f = fixture();
    const real = wire(f, core(f));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 1300 }), fc.tuple(fc.nat(real.length - 1), fc.integer({ min: 0, max: 255 })).map(([i, b]) => Uint8Array.from(real, (x, j) => (j === i ? b : x)))), (bytes) => {
        const result = verifyPayoutTransaction(bytes, f.expected, f.limits);
        expect(refusedByCatchAll(result)).toBe(false);
        if (result.ok) expect(result.payout.pays.amount).toBe(f.expected.amountOut);
      }),
      { numRuns: 2_000 },
    );
  });
});

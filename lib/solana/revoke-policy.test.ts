/**
 * The revoke policy against a corpus of malicious variants (each refused with its named code) and
 * legitimate ones (each accepted), plus: the builder's output passes, the builder refuses bad input,
 * and no byte string makes the policy throw.
 */
import {
  AuthorityType,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  createApproveCheckedInstruction,
  createApproveInstruction,
  createCloseAccountInstruction,
  createRevokeInstruction,
  createSetAuthorityInstruction,
  createTransferCheckedInstruction,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { type AccountMeta, ComputeBudgetProgram, Keypair, PublicKey, SystemProgram, Transaction, TransactionInstruction, TransactionMessage, VersionedTransaction } from '@solana/web3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
  LIGHTHOUSE_PROGRAM_ID,
  MAX_COMPUTE_UNIT_LIMIT,
  MAX_PRIORITY_FEE_LAMPORTS,
  MEMO_PROGRAM_ID,
  MEMO_V1_PROGRAM_ID,
  SYSTEM_PROGRAM_ID,
} from '@/lib/solana/constants';
import { refusedByCatchAll } from '@/lib/solana/envelope';
import { REVOKE_COMPUTE_UNIT_LIMIT_PER_ACCOUNT, buildRevokeTransaction } from '@/lib/solana/revoke-builder';
import { type RevokeExpected, type RevokePolicyOptions, type RevokeViolationCode, verifyRevokeTransaction } from '@/lib/solana/revoke-policy';

const key = () => Keypair.generate().publicKey;
const holder = Keypair.generate();
const ai16zMint = key();
const elizaosMint = key();
const ai16zAccount = getAssociatedTokenAddressSync(ai16zMint, holder.publicKey, false, TOKEN_2022_PROGRAM_ID);
const elizaosAccount = getAssociatedTokenAddressSync(elizaosMint, holder.publicKey, false, TOKEN_PROGRAM_ID);
const blockhash = key().toBase58();
const drainer = key();

const both: RevokeExpected = {
  holder: holder.publicKey,
  accounts: [
    { address: ai16zAccount, programId: TOKEN_2022_PROGRAM_ID },
    { address: elizaosAccount, programId: TOKEN_PROGRAM_ID },
  ],
};
const limit = (units = 2 * REVOKE_COMPUTE_UNIT_LIMIT_PER_ACCOUNT) => ComputeBudgetProgram.setComputeUnitLimit({ units });
const revokeAi16z = () => createRevokeInstruction(ai16zAccount, holder.publicKey, [], TOKEN_2022_PROGRAM_ID);
const revokeElizaos = () => createRevokeInstruction(elizaosAccount, holder.publicKey, [], TOKEN_PROGRAM_ID);
const core = () => [limit(), revokeAi16z(), revokeElizaos()];
const ro = (pubkey: PublicKey): AccountMeta => ({ pubkey, isSigner: false, isWritable: false });
const lighthouse = (discriminator: number, keys: AccountMeta[]) => new TransactionInstruction({ programId: LIGHTHOUSE_PROGRAM_ID, keys, data: Buffer.from([discriminator, 1, 2, 3]) });
const price = (microLamports: bigint) => ComputeBudgetProgram.setComputeUnitPrice({ microLamports });
/** Lighthouse MemoryWrite: program, System Program, payer (signer, writable), memory (writable), recorded account. */
const memoryWrite = (payer: PublicKey, memory: PublicKey, source: PublicKey) =>
  lighthouse(0, [ro(LIGHTHOUSE_PROGRAM_ID), ro(SYSTEM_PROGRAM_ID), { pubkey: payer, isSigner: true, isWritable: true }, { pubkey: memory, isSigner: false, isWritable: true }, ro(source)]);
/** Phantom during congestion (NOTES.md "Wallets in the wild"): its own limit and price, three guards before, one after. */
function phantomCongested(units = 6_000, microLamports = CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS): TransactionInstruction[] {
  const memory = key();
  return [
    limit(units),
    price(microLamports),
    memoryWrite(holder.publicKey, memory, holder.publicKey),
    lighthouse(5, [ro(holder.publicKey)]),
    lighthouse(9, [ro(ai16zAccount)]),
    revokeAi16z(),
    revokeElizaos(),
    lighthouse(4, [ro(memory), ro(holder.publicKey)]),
  ];
}

function bytesOf(instructions: TransactionInstruction[], feePayer: PublicKey = holder.publicKey): Uint8Array {
  const tx = new Transaction({ feePayer, recentBlockhash: blockhash }).add(...instructions);
  return tx.serialize({ requireAllSignatures: false, verifySignatures: false });
}

type Case = { name: string; codes: RevokeViolationCode[]; tx: () => Uint8Array; expected?: RevokeExpected; opts?: RevokePolicyOptions };

const MALICIOUS: Case[] = [
  { name: 'Revoke sent to another program', codes: ['UNKNOWN_PROGRAM', 'MISSING_REVOKE'], tx: () => bytesOf([limit(), createRevokeInstruction(ai16zAccount, holder.publicKey, [], key()), revokeElizaos()]) },
  { name: 'Revoke of the AI16Z account under the classic Token program', codes: ['WRONG_TOKEN_PROGRAM'], tx: () => bytesOf([limit(), createRevokeInstruction(ai16zAccount, holder.publicKey, [], TOKEN_PROGRAM_ID), revokeElizaos()]) },
  { name: 'Revoke of somebody else’s account', codes: ['WRONG_ACCOUNT', 'MISSING_REVOKE'], tx: () => bytesOf([limit(), createRevokeInstruction(key(), holder.publicKey, [], TOKEN_2022_PROGRAM_ID), revokeElizaos()]) },
  { name: 'Revoke authorised by another owner', codes: ['WRONG_OWNER', 'EXTRA_SIGNER'], tx: () => bytesOf([limit(), createRevokeInstruction(ai16zAccount, key(), [], TOKEN_2022_PROGRAM_ID), revokeElizaos()]) },
  { name: 'Revoke with multisig signers', codes: ['UNEXPECTED_ACCOUNTS', 'EXTRA_SIGNER'], tx: () => bytesOf([limit(), createRevokeInstruction(ai16zAccount, holder.publicKey, [key()], TOKEN_2022_PROGRAM_ID), revokeElizaos()]) },
  { name: 'Approve instead of Revoke', codes: ['TOKEN_APPROVE', 'MISSING_REVOKE'], tx: () => bytesOf([limit(), createApproveInstruction(ai16zAccount, drainer, holder.publicKey, 1n, [], TOKEN_2022_PROGRAM_ID), revokeElizaos()]) },
  {
    name: 'ApproveChecked appended',
    codes: ['TOKEN_APPROVE'],
    tx: () => bytesOf([...core(), createApproveCheckedInstruction(ai16zAccount, ai16zMint, drainer, holder.publicKey, 10n ** 18n, 9, [], TOKEN_2022_PROGRAM_ID)]),
  },
  { name: 'SetAuthority (account owner) appended', codes: ['TOKEN_SET_AUTHORITY'], tx: () => bytesOf([...core(), createSetAuthorityInstruction(elizaosAccount, holder.publicKey, AuthorityType.AccountOwner, drainer, [], TOKEN_PROGRAM_ID)]) },
  { name: 'CloseAccount appended', codes: ['TOKEN_CLOSE_ACCOUNT'], tx: () => bytesOf([...core(), createCloseAccountInstruction(elizaosAccount, drainer, holder.publicKey, [], TOKEN_PROGRAM_ID)]) },
  { name: 'a token transfer appended', codes: ['TOKEN_INSTRUCTION_NOT_ALLOWED'], tx: () => bytesOf([...core(), createTransferCheckedInstruction(ai16zAccount, ai16zMint, key(), holder.publicKey, 5n, 9, [], TOKEN_2022_PROGRAM_ID)]) },
  { name: 'a SOL transfer appended', codes: ['SYSTEM_TRANSFER'], tx: () => bytesOf([...core(), SystemProgram.transfer({ fromPubkey: holder.publicKey, toPubkey: drainer, lamports: 1 })]) },
  { name: 'a memo appended (extra instruction of a known program)', codes: ['INSTRUCTION_NOT_ALLOWED'], tx: () => bytesOf([...core(), new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [], data: Buffer.from('hi') })]) },
  { name: 'an unknown program appended', codes: ['UNKNOWN_PROGRAM'], tx: () => bytesOf([...core(), new TransactionInstruction({ programId: key(), keys: [], data: Buffer.from([1]) })]) },
  { name: 'another fee payer', codes: ['WRONG_FEE_PAYER', 'EXTRA_SIGNER'], tx: () => bytesOf(core(), key()) },
  {
    name: 'an extra signer (carried by a guard instruction)',
    codes: ['EXTRA_SIGNER', 'LIGHTHOUSE_ACCOUNT_NOT_ALLOWED'],
    tx: () => bytesOf([...core(), new TransactionInstruction({ programId: LIGHTHOUSE_PROGRAM_ID, keys: [{ pubkey: key(), isSigner: true, isWritable: false }], data: Buffer.from([5]) })]),
  },
  { name: 'the same account revoked twice', codes: ['DUPLICATE_REVOKE'], tx: () => bytesOf([...core(), revokeAi16z()]) },
  { name: 'one of the two accounts left out', codes: ['MISSING_REVOKE'], tx: () => bytesOf([limit(), revokeAi16z()]) },
  { name: 'nothing revoked', codes: ['NO_REVOKE', 'MISSING_REVOKE'], tx: () => bytesOf([limit()]) },
  { name: 'compute unit limit above the cap', codes: ['COMPUTE_UNIT_LIMIT_ABOVE_CAP'], tx: () => bytesOf([limit(MAX_COMPUTE_UNIT_LIMIT + 1), revokeAi16z(), revokeElizaos()]) },
  {
    name: 'a priority fee above the 0.01 SOL cap',
    codes: ['PRIORITY_FEE_ABOVE_CAP'],
    // 20,000 units × 500,000,001 micro-lamports = 10,000,000.02 lamports, rounded up.
    tx: () => bytesOf([...core(), price((MAX_PRIORITY_FEE_LAMPORTS * 1_000_000n) / 20_000n + 1n)]),
  },
  { name: 'Phantom-like layout with a priority fee above the cap', codes: ['PRIORITY_FEE_ABOVE_CAP'], tx: () => bytesOf(phantomCongested(1_000_000, 10_000_001n)) },
  { name: 'a memory write paid by a stranger', codes: ['LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', 'EXTRA_SIGNER'], tx: () => bytesOf([memoryWrite(key(), key(), holder.publicKey), ...core()]) },
  { name: 'Memo v1 appended', codes: ['INSTRUCTION_NOT_ALLOWED'], tx: () => bytesOf([...core(), new TransactionInstruction({ programId: MEMO_V1_PROGRAM_ID, keys: [], data: Buffer.from('hi') })]) },
  { name: 'a price without a limit', codes: ['MISSING_COMPUTE_UNIT_LIMIT'], tx: () => bytesOf([ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 1n }), revokeAi16z(), revokeElizaos()]) },
  { name: 'limit set twice', codes: ['DUPLICATE_COMPUTE_BUDGET'], tx: () => bytesOf([...core(), limit(5_000)]) },
  { name: 'a known drainer anywhere', codes: ['KNOWN_DRAINER'], tx: () => bytesOf([...core(), lighthouse(5, [ro(drainer)])]), opts: { knownDrainers: [drainer.toBase58()] } },
  { name: 'Lighthouse kind that calls other programs', codes: ['LIGHTHOUSE_INSTRUCTION_NOT_ALLOWED'], tx: () => bytesOf([...core(), lighthouse(16, [ro(ai16zAccount)])]) },
  { name: 'five guard instructions', codes: ['TOO_MANY_WALLET_INSTRUCTIONS'], tx: () => bytesOf([...core(), ...[1, 2, 3, 4, 5].map(() => lighthouse(9, [ro(ai16zAccount)]))]) },
  { name: 'guard instructions in an unsigned build', codes: ['WALLET_INSTRUCTIONS_NOT_ALLOWED'], tx: () => bytesOf([...core(), lighthouse(9, [ro(ai16zAccount)])]), opts: { allowWalletAdditions: false } },
  {
    name: 'a versioned transaction',
    codes: ['VERSIONED_TRANSACTION'],
    tx: () => new VersionedTransaction(new TransactionMessage({ payerKey: holder.publicKey, recentBlockhash: blockhash, instructions: core() }).compileToV0Message()).serialize(),
  },
  { name: 'no recent blockhash', codes: ['MISSING_RECENT_BLOCKHASH'], tx: () => new Transaction({ feePayer: holder.publicKey, recentBlockhash: PublicKey.default.toBase58() }).add(...core()).serialize({ requireAllSignatures: false, verifySignatures: false }) },
  { name: 'garbage bytes', codes: ['MALFORMED_TRANSACTION'], tx: () => Uint8Array.from([1, 2, 3, 4, 5]) },
];

describe(`revoke policy: malicious corpus (${MALICIOUS.length} cases)`, () => {
  for (const c of MALICIOUS) {
    it(`refuses ${c.name}`, () => {
      const result = verifyRevokeTransaction(c.tx(), c.expected ?? both, c.opts);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const codes = [...new Set(result.violations.map((v) => v.code))].sort();
      expect(codes).toEqual([...new Set(c.codes)].sort());
      for (const v of result.violations) expect(v.message.length).toBeGreaterThan(10);
    });
  }
});

describe('revoke policy: legitimate variants', () => {
  it('accepts the builder’s transaction, decoded from its bytes', () => {
    const tx = buildRevokeTransaction(holder.publicKey, both.accounts, blockhash);
    const result = verifyRevokeTransaction(tx.serialize({ requireAllSignatures: false, verifySignatures: false }), both, { allowWalletAdditions: false });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.revoke.revokes.map((r) => [r.account, r.programId, r.owner])).toEqual([
      [ai16zAccount.toBase58(), TOKEN_2022_PROGRAM_ID.toBase58(), holder.publicKey.toBase58()],
      [elizaosAccount.toBase58(), TOKEN_PROGRAM_ID.toBase58(), holder.publicKey.toBase58()],
    ]);
    expect(result.revoke.computeUnitLimit).toBe(2 * REVOKE_COMPUTE_UNIT_LIMIT_PER_ACCOUNT);
    expect(result.revoke.signers).toEqual([holder.publicKey.toBase58()]);
    expect(result.revoke.maxPriorityFeeLamports).toBe(0n);
  });

  it('accepts Phantom’s and Solflare’s guard instructions and a priority fee at the cap', () => {
    const phantom = bytesOf([...core(), lighthouse(9, [ro(ai16zAccount)])]);
    const solflare = bytesOf([...core(), lighthouse(5, [ro(holder.publicKey)]), lighthouse(10, [ro(elizaosAccount), ro(LIGHTHOUSE_PROGRAM_ID)])]);
    const priced = bytesOf([...core(), price((MAX_PRIORITY_FEE_LAMPORTS * 1_000_000n) / 20_000n)]);
    for (const bytes of [phantom, solflare, priced]) expect(verifyRevokeTransaction(bytes, both).ok).toBe(true);
    const result = verifyRevokeTransaction(priced, both);
    expect(result.ok && result.revoke.maxPriorityFeeLamports).toBe(MAX_PRIORITY_FEE_LAMPORTS);
  });

  it('accepts Phantom under congestion: compute budget rewritten (2,000,000 micro-lamports per unit), guards before and after the Revokes', () => {
    const result = verifyRevokeTransaction(bytesOf(phantomCongested()), both);
    expect(result.ok ? [] : result.violations.map((v) => v.code)).toEqual([]);
    if (!result.ok) return;
    expect(result.revoke.computeUnitLimit).toBe(6_000);
    expect(result.revoke.computeUnitPriceMicroLamports).toBe(CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS);
    expect(result.revoke.maxPriorityFeeLamports).toBe(12_000n);
    expect(result.revoke.walletAddedInstructions.map((w) => w.kind)).toEqual(['MemoryWrite', 'AssertAccountInfo', 'AssertTokenAccount', 'AssertAccountDelta']);
    expect(result.revoke.revokes.map((r) => r.index)).toEqual([5, 6]);
  });

  it('accepts a priority fee at the runtime’s highest compute unit limit while the fee stays under the cap', () => {
    expect(verifyRevokeTransaction(bytesOf([limit(MAX_COMPUTE_UNIT_LIMIT), price(7_000_000n), revokeAi16z(), revokeElizaos()]), both).ok).toBe(true);
  });

  it('accepts a transaction without any compute budget instruction', () => {
    expect(verifyRevokeTransaction(bytesOf([revokeAi16z(), revokeElizaos()]), both).ok).toBe(true);
  });

  it('accepts a subset of the listed accounts when requireAll is false (the proxy gate)', () => {
    expect(verifyRevokeTransaction(bytesOf([limit(), revokeAi16z()]), both, { requireAll: false }).ok).toBe(true);
  });

  it('accepts the holder-signed transaction', () => {
    const tx = buildRevokeTransaction(holder.publicKey, both.accounts, blockhash);
    tx.sign(holder);
    expect(verifyRevokeTransaction(tx.serialize(), both).ok).toBe(true);
  });
});

describe('revoke policy never throws', () => {
  it('answers any byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 1300 }), (bytes) => {
        const result = verifyRevokeTransaction(bytes, both);
        expect(result.ok).toBe(false);
        // Refused by the policy's own checks, not by the catch-all that turns a crash into a refusal.
        expect(refusedByCatchAll(result)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('revoke policy never throws on corrupted Revokes', () => {
  it('answers every few-byte corruption of a guarded Revoke by its own checks, and accepts one only with the same Revokes', () => {
    const original = bytesOf(phantomCongested());
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const bytes = Uint8Array.from(original);
        for (const [at, xor] of flips) bytes[at] = (bytes[at] ?? 0) ^ xor;
        const result = verifyRevokeTransaction(bytes, both);
        if (!result.ok) return result.violations.length > 0 && !refusedByCatchAll(result);
        return result.revoke.feePayer === holder.publicKey.toBase58() && result.revoke.revokes.map((r) => r.account).join() === [ai16zAccount, elizaosAccount].map((a) => a.toBase58()).join();
      }),
      { numRuns: 500 },
    );
  });
});

describe('revoke policy wording', () => {
  it('never speaks of the migration in a Revoke’s refusals', () => {
    const cases = [
      bytesOf([...core(), SystemProgram.transfer({ fromPubkey: holder.publicKey, toPubkey: drainer, lamports: 1 })]),
      bytesOf([...core(), SystemProgram.nonceAdvance({ noncePubkey: key(), authorizedPubkey: holder.publicKey })]),
      bytesOf([...core(), createTransferCheckedInstruction(ai16zAccount, ai16zMint, key(), holder.publicKey, 5n, 9, [], TOKEN_2022_PROGRAM_ID)]),
      bytesOf([...core(), new TransactionInstruction({ programId: key(), keys: [], data: Buffer.from([1]) })]),
    ];
    const sentences = cases.flatMap((bytes) => {
      const result = verifyRevokeTransaction(bytes, both);
      return result.ok ? ['accepted'] : result.violations.map((v) => v.message);
    });
    expect(sentences.filter((m) => /migration/i.test(m) || m === 'accepted')).toEqual([]);
  });
});

/**
 * The policy against a corpus of malicious variants (each must be refused with its named code)
 * and of legitimate variants (each must pass), plus property tests: the builder's output always
 * passes, and no input makes the policy throw. The describe titles carry the corpus sizes.
 */
import {
  AuthorityType,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  createApproveCheckedInstruction,
  createApproveInstruction,
  createAssociatedTokenAccountInstruction,
  createAssociatedTokenAccountIdempotentInstruction,
  createBurnCheckedInstruction,
  createBurnInstruction,
  createCloseAccountInstruction,
  createRevokeInstruction,
  createSetAuthorityInstruction,
  createTransferCheckedInstruction,
  createTransferInstruction,
} from '@solana/spl-token';
import {
  type AccountMeta,
  AddressLookupTableAccount,
  ComputeBudgetProgram,
  Keypair,
  Message,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionInstruction,
  TransactionMessage,
  VersionedTransaction,
} from '@solana/web3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { U64_MAX } from '@/lib/solana/amounts';
import { buildMigrationInstructions, buildMigrationTransaction, holderTokenAccounts, type MigrationExpected } from '@/lib/solana/builder';
import {
  CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
  DEFAULT_COMPUTE_UNIT_LIMIT,
  LIGHTHOUSE_PROGRAM_ID,
  MAX_COMPUTE_UNIT_LIMIT,
  MAX_PRIORITY_FEE_LAMPORTS,
  MAX_WALLET_ADDED_INSTRUCTIONS,
  MEMO_PROGRAM_ID,
  MEMO_V1_PROGRAM_ID,
  SYSTEM_PROGRAM_ID,
} from '@/lib/solana/constants';
import { refusedByCatchAll } from '@/lib/solana/envelope';
import { type PolicyOptions, type PolicyResult, VIOLATION_CODES, type ViolationCode, verifyMigrationTransaction } from '@/lib/solana/policy';

// ---------------------------------------------------------------------------------------------
// Fixtures

type Programs = { ai16z: PublicKey; elizaos: PublicKey };
const MAINNET_LIKE: Programs = { ai16z: TOKEN_2022_PROGRAM_ID, elizaos: TOKEN_PROGRAM_ID };

type Fixture = {
  expected: MigrationExpected;
  holder: Keypair;
  delegate: Keypair;
  blockhash: string;
  atas: { ai16z: PublicKey; elizaos: PublicKey };
};

const key = () => Keypair.generate().publicKey;

function fixture(programs: Programs = MAINNET_LIKE, decimals = { ai16z: 9, elizaos: 9 }): Fixture {
  const holder = Keypair.generate();
  const delegate = Keypair.generate();
  const expected: MigrationExpected = {
    migrationId: crypto.randomUUID(),
    holder: holder.publicKey,
    ai16z: { mint: key(), decimals: decimals.ai16z, programId: programs.ai16z },
    elizaos: { mint: key(), decimals: decimals.elizaos, programId: programs.elizaos },
    vaultTokenAccount: key(),
    treasuryTokenAccount: key(),
    treasuryDelegate: delegate.publicKey,
    amountIn: 1_500_000_000n,
    amountOut: 9_000_000_000n,
  };
  return { expected, holder, delegate, blockhash: key().toBase58(), atas: holderTokenAccounts(expected) };
}

/** The builder's instructions without a price: [0] limit, [1] ATA, [2] AI16Z leg, [3] ELIZAOS leg, [4] memo. */
const IX = { limit: 0, ata: 1, legIn: 2, legOut: 3, memo: 4 } as const;
const core = (f: Fixture) => buildMigrationInstructions(f.expected);

/** A legacy transaction of these instructions, as a wallet or attacker would compile it. */
function legacy(f: Fixture, instructions: TransactionInstruction[], feePayer: PublicKey = f.expected.holder, blockhash = f.blockhash): Transaction {
  const tx = new Transaction();
  tx.feePayer = feePayer;
  tx.recentBlockhash = blockhash;
  tx.add(...instructions);
  return tx;
}

function wire(tx: Transaction): Uint8Array {
  return tx.serialize({ requireAllSignatures: false, verifySignatures: false });
}

function bytesOf(f: Fixture, instructions: TransactionInstruction[], feePayer?: PublicKey): Uint8Array {
  return wire(legacy(f, instructions, feePayer));
}

/** `instructions` with element `index` replaced (or removed when `by` is omitted). */
function replaced(instructions: TransactionInstruction[], index: number, ...by: TransactionInstruction[]): TransactionInstruction[] {
  return [...instructions.slice(0, index), ...by, ...instructions.slice(index + 1)];
}

function inserted(instructions: TransactionInstruction[], index: number, ...add: TransactionInstruction[]): TransactionInstruction[] {
  return [...instructions.slice(0, index), ...add, ...instructions.slice(index)];
}

function legIn(f: Fixture, o: Partial<{ source: PublicKey; mint: PublicKey; destination: PublicKey; owner: PublicKey; amount: bigint; decimals: number; programId: PublicKey; multiSigners: PublicKey[] }> = {}) {
  const e = f.expected;
  return createTransferCheckedInstruction(
    o.source ?? f.atas.ai16z,
    o.mint ?? e.ai16z.mint,
    o.destination ?? e.vaultTokenAccount,
    o.owner ?? e.holder,
    o.amount ?? e.amountIn,
    o.decimals ?? e.ai16z.decimals,
    o.multiSigners ?? [],
    o.programId ?? e.ai16z.programId,
  );
}

function legOut(f: Fixture, o: Partial<{ source: PublicKey; mint: PublicKey; destination: PublicKey; owner: PublicKey; amount: bigint; decimals: number; programId: PublicKey }> = {}) {
  const e = f.expected;
  return createTransferCheckedInstruction(
    o.source ?? e.treasuryTokenAccount,
    o.mint ?? e.elizaos.mint,
    o.destination ?? f.atas.elizaos,
    o.owner ?? e.treasuryDelegate,
    o.amount ?? e.amountOut,
    o.decimals ?? e.elizaos.decimals,
    [],
    o.programId ?? e.elizaos.programId,
  );
}

function memo(text: string | Uint8Array, keys: AccountMeta[] = [], programId = MEMO_PROGRAM_ID): TransactionInstruction {
  return new TransactionInstruction({ programId, keys, data: Buffer.from(typeof text === 'string' ? new TextEncoder().encode(text) : text) });
}

/** A Lighthouse instruction as a wallet appends it: a discriminator, some assertion bytes, read-only accounts. */
function lighthouse(discriminator: number, keys: AccountMeta[]): TransactionInstruction {
  return new TransactionInstruction({ programId: LIGHTHOUSE_PROGRAM_ID, keys, data: Buffer.from([discriminator, 0, 7, 1, 0, 0, 0, 0, 0, 0, 0, 0]) });
}
const ro = (pubkey: PublicKey): AccountMeta => ({ pubkey, isSigner: false, isWritable: false });
/** Phantom-like guard: AssertTokenAccount (9) on the holder's AI16Z account. */
const phantomGuard = (f: Fixture) => lighthouse(9, [ro(f.atas.ai16z)]);
/** Solflare-like guards: AssertAccountInfo (5) on the holder, AssertTokenAccountMulti (10) on the ELIZAOS account. */
const solflareGuards = (f: Fixture) => [lighthouse(5, [ro(f.expected.holder)]), lighthouse(10, [ro(f.atas.elizaos), ro(LIGHTHOUSE_PROGRAM_ID)])];
/**
 * Lighthouse MemoryWrite (0) with its accounts as the program lists them (github.com/Jac0xb/lighthouse,
 * `MemoryWrite`): the program, the System Program, the payer (signer, writable), the memory
 * account (writable) and the account whose state is recorded.
 */
const memoryWrite = (payer: PublicKey, memory: PublicKey, source: PublicKey) =>
  lighthouse(0, [ro(LIGHTHOUSE_PROGRAM_ID), ro(SYSTEM_PROGRAM_ID), { pubkey: payer, isSigner: true, isWritable: true }, { pubkey: memory, isSigner: false, isWritable: true }, ro(source)]);
/** AssertAccountDelta (4) between a memory account and the account it recorded. */
const accountDelta = (memory: PublicKey, account: PublicKey) => lighthouse(4, [ro(memory), ro(account)]);
const limitOf = (units: number) => ComputeBudgetProgram.setComputeUnitLimit({ units });
const priceOf = (microLamports: bigint) => ComputeBudgetProgram.setComputeUnitPrice({ microLamports });
/** The core without the builder's compute unit limit: [0] ATA, [1] AI16Z leg, [2] ELIZAOS leg, [3] memo. */
const legs = (f: Fixture) => replaced(core(f), IX.limit);
/**
 * Phantom on a real origin during congestion (NOTES.md "Wallets in the wild"): the compute budget
 * rewritten (its own limit, 2,000,000 micro-lamports per unit), three guards before the
 * transfers — one recording and one asserting the fee payer's SOL, one on the holder's AI16Z
 * account — and one after, asserting the fee payer's SOL delta.
 */
function phantomCongested(f: Fixture, units = 80_000, price = CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS): TransactionInstruction[] {
  const memory = key();
  return [
    limitOf(units),
    priceOf(price),
    memoryWrite(f.expected.holder, memory, f.expected.holder),
    lighthouse(5, [ro(f.expected.holder)]),
    lighthouse(9, [ro(f.atas.ai16z)]),
    ...legs(f),
    accountDelta(memory, f.expected.holder),
  ];
}
/** A price whose priority fee at `units` is exactly the cap (units divides the cap × 10^6). */
const priceAtCap = (units: number) => (MAX_PRIORITY_FEE_LAMPORTS * 1_000_000n) / BigInt(units);

function v0(f: Fixture, lookups: AddressLookupTableAccount[]): Uint8Array {
  const message = new TransactionMessage({ payerKey: f.expected.holder, recentBlockhash: f.blockhash, instructions: core(f) }).compileToV0Message(lookups);
  return new VersionedTransaction(message).serialize();
}

/** The builder's message with its header edited (flags live in the header, not in instructions). */
function withHeader(f: Fixture, edit: (h: Message['header']) => Message['header']): Uint8Array {
  const message = buildMigrationTransaction({ ...f.expected, recentBlockhash: f.blockhash }).compileMessage();
  const tampered = new Message({ header: edit({ ...message.header }), accountKeys: message.accountKeys, recentBlockhash: message.recentBlockhash, instructions: message.instructions });
  return new VersionedTransaction(tampered).serialize();
}

function codes(result: PolicyResult): ViolationCode[] {
  return result.ok ? [] : result.violations.map((v) => v.code);
}

// ---------------------------------------------------------------------------------------------
// Malicious corpus: each entry names the violation code(s) it must produce.

type Variant = { name: string; codes: ViolationCode[]; tx: (f: Fixture) => Uint8Array | Transaction | VersionedTransaction; opts?: (f: Fixture) => PolicyOptions; programs?: Programs };

const drainer = key();

const malicious: Variant[] = [
  // AI16Z leg, field by field.
  { name: 'AI16Z leg: wrong mint', codes: ['WRONG_MINT'], tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, legIn(f, { mint: key() }))) },
  { name: 'AI16Z leg: wrong decimals', codes: ['WRONG_DECIMALS'], tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, legIn(f, { decimals: 6 }))) },
  { name: 'AI16Z leg: more than expected', codes: ['WRONG_AMOUNT'], tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, legIn(f, { amount: f.expected.amountIn + 1n }))) },
  { name: 'AI16Z leg: the whole u64', codes: ['WRONG_AMOUNT'], tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, legIn(f, { amount: U64_MAX }))) },
  { name: 'AI16Z leg: wrong source', codes: ['WRONG_SOURCE'], tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, legIn(f, { source: key() }))) },
  { name: 'AI16Z leg: to an attacker', codes: ['WRONG_DESTINATION'], tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, legIn(f, { destination: key() }))) },
  { name: 'AI16Z leg: another authority', codes: ['WRONG_AUTHORITY', 'EXTRA_SIGNER'], tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, legIn(f, { owner: key() }))) },
  { name: 'AI16Z leg: multisig signer accounts appended', codes: ['UNEXPECTED_ACCOUNTS', 'EXTRA_SIGNER'], tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, legIn(f, { multiSigners: [key()] }))) },
  { name: 'AI16Z leg: sent to classic Token (mint is Token-2022)', codes: ['WRONG_TOKEN_PROGRAM'], tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, legIn(f, { programId: TOKEN_PROGRAM_ID }))) },
  {
    name: 'AI16Z leg: TransferChecked with trailing data',
    codes: ['MALFORMED_INSTRUCTION'],
    tx: (f) => {
      const ix = legIn(f);
      return bytesOf(f, replaced(core(f), IX.legIn, new TransactionInstruction({ programId: ix.programId, keys: ix.keys, data: Buffer.concat([ix.data, Buffer.from([0])]) })));
    },
  },
  // ELIZAOS leg, field by field.
  { name: 'ELIZAOS leg: wrong mint', codes: ['WRONG_MINT'], tx: (f) => bytesOf(f, replaced(core(f), IX.legOut, legOut(f, { mint: key() }))) },
  { name: 'ELIZAOS leg: wrong decimals', codes: ['WRONG_DECIMALS'], tx: (f) => bytesOf(f, replaced(core(f), IX.legOut, legOut(f, { decimals: 0 }))) },
  { name: 'ELIZAOS leg: wrong amount', codes: ['WRONG_AMOUNT'], tx: (f) => bytesOf(f, replaced(core(f), IX.legOut, legOut(f, { amount: f.expected.amountOut * 2n }))) },
  { name: 'ELIZAOS leg: wrong source', codes: ['WRONG_SOURCE'], tx: (f) => bytesOf(f, replaced(core(f), IX.legOut, legOut(f, { source: key() }))) },
  { name: 'ELIZAOS leg: to an attacker', codes: ['WRONG_DESTINATION'], tx: (f) => bytesOf(f, replaced(core(f), IX.legOut, legOut(f, { destination: key() }))) },
  {
    name: 'ELIZAOS leg: authorised by the holder, not the delegate',
    codes: ['WRONG_AUTHORITY', 'MISSING_SIGNER'],
    tx: (f) => bytesOf(f, replaced(core(f), IX.legOut, legOut(f, { owner: f.expected.holder }))),
  },
  { name: 'ELIZAOS leg: sent to Token-2022 (mint is classic Token)', codes: ['WRONG_TOKEN_PROGRAM'], tx: (f) => bytesOf(f, replaced(core(f), IX.legOut, legOut(f, { programId: TOKEN_2022_PROGRAM_ID }))) },
  // ATA creation.
  {
    name: 'ATA: created under the wrong token program',
    codes: ['WRONG_TOKEN_PROGRAM'],
    tx: (f) => bytesOf(f, replaced(core(f), IX.ata, createAssociatedTokenAccountIdempotentInstruction(f.expected.holder, f.atas.elizaos, f.expected.holder, f.expected.elizaos.mint, TOKEN_2022_PROGRAM_ID))),
  },
  {
    name: 'ATA: rent paid by someone else',
    codes: ['ATA_INSTRUCTION_MISMATCH', 'EXTRA_SIGNER'],
    tx: (f) => bytesOf(f, replaced(core(f), IX.ata, createAssociatedTokenAccountIdempotentInstruction(key(), f.atas.elizaos, f.expected.holder, f.expected.elizaos.mint, f.expected.elizaos.programId))),
  },
  {
    name: 'ATA: non-idempotent Create',
    codes: ['ATA_INSTRUCTION_MISMATCH'],
    tx: (f) => bytesOf(f, replaced(core(f), IX.ata, createAssociatedTokenAccountInstruction(f.expected.holder, f.atas.elizaos, f.expected.holder, f.expected.elizaos.mint, f.expected.elizaos.programId))),
  },
  {
    name: 'ATA: for another owner',
    codes: ['ATA_INSTRUCTION_MISMATCH'],
    tx: (f) => bytesOf(f, replaced(core(f), IX.ata, createAssociatedTokenAccountIdempotentInstruction(f.expected.holder, f.atas.elizaos, key(), f.expected.elizaos.mint, f.expected.elizaos.programId))),
  },
  {
    name: 'ATA: for another mint',
    codes: ['WRONG_MINT'],
    tx: (f) => bytesOf(f, replaced(core(f), IX.ata, createAssociatedTokenAccountIdempotentInstruction(f.expected.holder, f.atas.elizaos, f.expected.holder, key(), f.expected.elizaos.programId))),
  },
  // Token instructions that are never part of a migration.
  { name: 'SPL Approve of the holder’s AI16Z', codes: ['TOKEN_APPROVE'], tx: (f) => bytesOf(f, [...core(f), createApproveInstruction(f.atas.ai16z, drainer, f.expected.holder, U64_MAX, [], f.expected.ai16z.programId)]) },
  {
    name: 'SPL ApproveChecked of the holder’s AI16Z',
    codes: ['TOKEN_APPROVE'],
    tx: (f) => bytesOf(f, inserted(core(f), IX.memo, createApproveCheckedInstruction(f.atas.ai16z, f.expected.ai16z.mint, drainer, f.expected.holder, U64_MAX, 9, [], f.expected.ai16z.programId))),
  },
  {
    name: 'SPL SetAuthority: holder’s ELIZAOS account owner → attacker',
    codes: ['TOKEN_SET_AUTHORITY'],
    tx: (f) => bytesOf(f, [...core(f), createSetAuthorityInstruction(f.atas.elizaos, f.expected.holder, AuthorityType.AccountOwner, drainer, [], f.expected.elizaos.programId)]),
  },
  { name: 'SPL CloseAccount of the holder’s AI16Z account', codes: ['TOKEN_CLOSE_ACCOUNT'], tx: (f) => bytesOf(f, [...core(f), createCloseAccountInstruction(f.atas.ai16z, drainer, f.expected.holder, [], f.expected.ai16z.programId)]) },
  { name: 'SPL Burn', codes: ['TOKEN_BURN'], tx: (f) => bytesOf(f, [...core(f), createBurnInstruction(f.atas.ai16z, f.expected.ai16z.mint, f.expected.holder, 1n, [], f.expected.ai16z.programId)]) },
  { name: 'SPL BurnChecked', codes: ['TOKEN_BURN'], tx: (f) => bytesOf(f, [...core(f), createBurnCheckedInstruction(f.atas.ai16z, f.expected.ai16z.mint, f.expected.holder, 1n, 9, [], f.expected.ai16z.programId)]) },
  {
    name: 'SPL plain Transfer in place of the AI16Z TransferChecked',
    codes: ['TOKEN_TRANSFER_UNCHECKED', 'MISSING_INSTRUCTION'],
    tx: (f) => bytesOf(f, replaced(core(f), IX.legIn, createTransferInstruction(f.atas.ai16z, f.expected.vaultTokenAccount, f.expected.holder, f.expected.amountIn, [], f.expected.ai16z.programId))),
  },
  { name: 'SPL Revoke (any other token instruction)', codes: ['TOKEN_INSTRUCTION_NOT_ALLOWED'], tx: (f) => bytesOf(f, [...core(f), createRevokeInstruction(f.atas.ai16z, f.expected.holder, [], f.expected.ai16z.programId)]) },
  {
    name: 'Token-2022 extension instruction (transfer-fee tag 26)',
    codes: ['TOKEN_INSTRUCTION_NOT_ALLOWED'],
    tx: (f) => bytesOf(f, [...core(f), new TransactionInstruction({ programId: TOKEN_2022_PROGRAM_ID, keys: [{ pubkey: f.atas.ai16z, isSigner: false, isWritable: true }], data: Buffer.from([26, 1]) })]),
  },
  // System Program.
  { name: 'System transfer of SOL to an attacker', codes: ['SYSTEM_TRANSFER'], tx: (f) => bytesOf(f, [...core(f), SystemProgram.transfer({ fromPubkey: f.expected.holder, toPubkey: drainer, lamports: 1_000_000_000 })]) },
  { name: 'System assign of the holder’s wallet', codes: ['SYSTEM_ASSIGN'], tx: (f) => bytesOf(f, [...core(f), SystemProgram.assign({ accountPubkey: f.expected.holder, programId: key() })]) },
  {
    name: 'System AdvanceNonceAccount (durable nonce)',
    codes: ['SYSTEM_ADVANCE_NONCE'],
    tx: (f) => bytesOf(f, [SystemProgram.nonceAdvance({ noncePubkey: key(), authorizedPubkey: f.expected.holder }), ...core(f)]),
  },
  {
    name: 'System createAccount',
    codes: ['SYSTEM_INSTRUCTION', 'EXTRA_SIGNER'],
    tx: (f) => bytesOf(f, [...core(f), SystemProgram.createAccount({ fromPubkey: f.expected.holder, newAccountPubkey: key(), lamports: 1, space: 0, programId: key() })]),
  },
  // Programs and message formats.
  { name: 'an unknown program', codes: ['UNKNOWN_PROGRAM'], tx: (f) => bytesOf(f, [...core(f), new TransactionInstruction({ programId: key(), keys: [ro(f.atas.ai16z)], data: Buffer.from([1]) })]) },
  { name: 'Memo v1 instead of v2', codes: ['UNKNOWN_PROGRAM', 'MISSING_INSTRUCTION'], tx: (f) => bytesOf(f, replaced(core(f), IX.memo, memo(`elizaos-migration:v1:${f.expected.migrationId}`, [], MEMO_V1_PROGRAM_ID))) },
  {
    name: 'v0 message with an address lookup table',
    codes: ['VERSIONED_TRANSACTION', 'ADDRESS_LOOKUP_TABLE'],
    tx: (f) =>
      v0(f, [
        new AddressLookupTableAccount({
          key: key(),
          state: { deactivationSlot: 2n ** 64n - 1n, lastExtendedSlot: 0, lastExtendedSlotStartIndex: 0, addresses: [f.expected.vaultTokenAccount, f.expected.treasuryTokenAccount] },
        }),
      ]),
  },
  { name: 'v0 message without lookup tables', codes: ['VERSIONED_TRANSACTION'], tx: (f) => v0(f, []) },
  { name: 'v0 message as a VersionedTransaction object', codes: ['VERSIONED_TRANSACTION'], tx: (f) => VersionedTransaction.deserialize(v0(f, [])) },
  // Structure: extra, missing, reordered.
  { name: 'extra: the AI16Z leg twice', codes: ['EXTRA_INSTRUCTION'], tx: (f) => bytesOf(f, inserted(core(f), IX.legOut, legIn(f))) },
  { name: 'extra: a third TransferChecked paying the attacker ELIZAOS', codes: ['EXTRA_INSTRUCTION'], tx: (f) => bytesOf(f, inserted(core(f), IX.memo, legOut(f, { destination: drainer }))) },
  { name: 'extra: a second memo', codes: ['EXTRA_INSTRUCTION'], tx: (f) => bytesOf(f, [...core(f), memo('hello')]) },
  { name: 'extra: a second ATA creation', codes: ['EXTRA_INSTRUCTION'], tx: (f) => bytesOf(f, inserted(core(f), IX.ata, createAssociatedTokenAccountIdempotentInstruction(f.expected.holder, key(), f.expected.holder, f.expected.elizaos.mint, f.expected.elizaos.programId))) },
  { name: 'missing: no memo', codes: ['MISSING_INSTRUCTION'], tx: (f) => bytesOf(f, replaced(core(f), IX.memo)) },
  { name: 'missing: no ATA creation', codes: ['MISSING_INSTRUCTION'], tx: (f) => bytesOf(f, replaced(core(f), IX.ata)) },
  { name: 'missing: no ELIZAOS leg (holder pays, gets nothing)', codes: ['MISSING_INSTRUCTION'], tx: (f) => bytesOf(f, replaced(core(f), IX.legOut)) },
  { name: 'missing: no compute unit limit', codes: ['MISSING_COMPUTE_UNIT_LIMIT'], tx: (f) => bytesOf(f, replaced(core(f), IX.limit)) },
  {
    name: 'reordered: memo first',
    codes: ['INSTRUCTION_ORDER'],
    tx: (f) => {
      const ixs = core(f);
      return bytesOf(f, [ixs[IX.memo], ...replaced(ixs, IX.memo)].filter((ix): ix is TransactionInstruction => ix !== undefined));
    },
  },
  {
    name: 'reordered: ELIZAOS leg before AI16Z leg',
    codes: ['INSTRUCTION_ORDER'],
    tx: (f) => bytesOf(f, [core(f)[IX.limit], core(f)[IX.ata], legOut(f), legIn(f), core(f)[IX.memo]].filter((ix): ix is TransactionInstruction => ix !== undefined)),
  },
  // Fee payer and signers.
  { name: 'fee paid by another wallet', codes: ['WRONG_FEE_PAYER', 'EXTRA_SIGNER'], tx: (f) => bytesOf(f, core(f), key()) },
  { name: 'fee paid by the treasury delegate', codes: ['WRONG_FEE_PAYER'], tx: (f) => bytesOf(f, core(f), f.expected.treasuryDelegate) },
  { name: 'extra signer on a memo', codes: ['EXTRA_SIGNER', 'UNEXPECTED_ACCOUNTS'], tx: (f) => bytesOf(f, replaced(core(f), IX.memo, memo(`elizaos-migration:v1:${f.expected.migrationId}`, [{ pubkey: key(), isSigner: true, isWritable: false }]))) },
  {
    name: 'extra signer on a Lighthouse instruction',
    codes: ['EXTRA_SIGNER', 'LIGHTHOUSE_ACCOUNT_NOT_ALLOWED'],
    tx: (f) => bytesOf(f, [...core(f), lighthouse(9, [{ pubkey: key(), isSigner: true, isWritable: true }])]),
  },
  // Flags.
  { name: 'a token account marked read-only in the header', codes: ['WRITABLE_FLAGS_CHANGED'], tx: (f) => withHeader(f, (h) => ({ ...h, numReadonlyUnsignedAccounts: h.numReadonlyUnsignedAccounts + 1 })) },
  { name: 'the treasury delegate marked writable', codes: ['WRITABLE_FLAGS_CHANGED'], tx: (f) => withHeader(f, (h) => ({ ...h, numReadonlySignedAccounts: 0 })) },
  { name: 'the AI16Z mint made writable by a guard instruction', codes: ['WRITABLE_FLAGS_CHANGED'], tx: (f) => bytesOf(f, [...core(f), lighthouse(7, [{ pubkey: f.expected.ai16z.mint, isSigner: false, isWritable: true }])]) },
  // Known drainers.
  { name: 'known drainer referenced by a guard instruction', codes: ['KNOWN_DRAINER'], tx: (f) => bytesOf(f, [...core(f), lighthouse(5, [ro(drainer)])]), opts: () => ({ knownDrainers: [drainer.toBase58()] }) },
  {
    name: 'known drainer as the ELIZAOS destination',
    codes: ['KNOWN_DRAINER', 'WRONG_DESTINATION'],
    tx: (f) => bytesOf(f, replaced(core(f), IX.legOut, legOut(f, { destination: drainer }))),
    opts: () => ({ knownDrainers: new Set([drainer.toBase58()]) }),
  },
  { name: 'known drainer in a v0 message', codes: ['KNOWN_DRAINER', 'VERSIONED_TRANSACTION'], tx: (f) => v0(f, []), opts: (f) => ({ knownDrainers: [f.expected.vaultTokenAccount.toBase58()] }) },
  // Memo.
  { name: 'memo of another migration', codes: ['MEMO_MISMATCH'], tx: (f) => bytesOf(f, replaced(core(f), IX.memo, memo(`elizaos-migration:v1:${crypto.randomUUID()}`))) },
  { name: 'memo with another prefix', codes: ['MEMO_MISMATCH'], tx: (f) => bytesOf(f, replaced(core(f), IX.memo, memo(`elizaos-migration:v2:${f.expected.migrationId}`))) },
  { name: 'memo that is not UTF-8', codes: ['MEMO_MISMATCH'], tx: (f) => bytesOf(f, replaced(core(f), IX.memo, memo(new Uint8Array([0xff, 0xfe, 0xfd])))) },
  // Compute budget: the priority fee (limit × price, in lamports) is what is capped.
  {
    name: 'priority fee one lamport above the cap, at the builder’s limit',
    codes: ['PRIORITY_FEE_ABOVE_CAP'],
    tx: (f) => bytesOf(f, inserted(core(f), 1, priceOf(priceAtCap(DEFAULT_COMPUTE_UNIT_LIMIT) + 10n))),
  },
  {
    name: 'priority fee above the cap from a modest price at the highest limit',
    codes: ['PRIORITY_FEE_ABOVE_CAP'],
    tx: (f) => bytesOf(f, [limitOf(MAX_COMPUTE_UNIT_LIMIT), priceOf(7_200_000n), ...legs(f)]),
  },
  {
    name: 'priority fee above the cap from a huge price at a tiny limit',
    codes: ['PRIORITY_FEE_ABOVE_CAP'],
    tx: (f) => bytesOf(f, [limitOf(1_000), priceOf(2n ** 64n - 1n), ...legs(f)]),
  },
  {
    name: 'Phantom-like layout with a priority fee above the cap',
    codes: ['PRIORITY_FEE_ABOVE_CAP'],
    tx: (f) => bytesOf(f, phantomCongested(f, 200_000, priceAtCap(200_000) + 1n)),
  },
  { name: 'compute unit limit above cap', codes: ['COMPUTE_UNIT_LIMIT_ABOVE_CAP'], tx: (f) => bytesOf(f, replaced(core(f), IX.limit, ComputeBudgetProgram.setComputeUnitLimit({ units: MAX_COMPUTE_UNIT_LIMIT + 1 }))) },
  { name: 'compute unit limit set twice', codes: ['DUPLICATE_COMPUTE_BUDGET'], tx: (f) => bytesOf(f, [...core(f), ComputeBudgetProgram.setComputeUnitLimit({ units: 50_000 })]) },
  {
    name: 'compute unit price set twice',
    codes: ['DUPLICATE_COMPUTE_BUDGET'],
    tx: (f) => bytesOf(f, inserted(core(f), 1, ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 1n }), ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 2n }))),
  },
  { name: 'compute budget RequestHeapFrame', codes: ['COMPUTE_BUDGET_INSTRUCTION_NOT_ALLOWED'], tx: (f) => bytesOf(f, inserted(core(f), 1, ComputeBudgetProgram.requestHeapFrame({ bytes: 64 * 1024 }))) },
  // Wallet additions.
  {
    name: 'too many wallet guard instructions',
    codes: ['TOO_MANY_WALLET_INSTRUCTIONS'],
    tx: (f) => bytesOf(f, [...core(f), ...Array.from({ length: MAX_WALLET_ADDED_INSTRUCTIONS + 1 }, () => phantomGuard(f))]),
  },
  { name: 'guard instruction naming the treasury delegate', codes: ['LIGHTHOUSE_ACCOUNT_NOT_ALLOWED'], tx: (f) => bytesOf(f, [...core(f), lighthouse(5, [ro(f.expected.treasuryDelegate)])]) },
  {
    name: 'Lighthouse memory write whose rent payer is the treasury delegate',
    codes: ['LIGHTHOUSE_ACCOUNT_NOT_ALLOWED'],
    tx: (f) => bytesOf(f, [memoryWrite(f.expected.treasuryDelegate, key(), f.expected.holder), ...core(f)]),
  },
  {
    name: 'Lighthouse memory write paid by a stranger',
    codes: ['LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', 'EXTRA_SIGNER'],
    tx: (f) => bytesOf(f, [memoryWrite(key(), key(), f.expected.holder), ...core(f)]),
  },
  { name: 'Lighthouse instruction outside the accepted kinds', codes: ['LIGHTHOUSE_INSTRUCTION_NOT_ALLOWED'], tx: (f) => bytesOf(f, [...core(f), lighthouse(16, [ro(f.atas.ai16z)])]) },
  { name: 'guard instructions in the server’s unsigned build', codes: ['WALLET_INSTRUCTIONS_NOT_ALLOWED'], tx: (f) => bytesOf(f, [...core(f), phantomGuard(f)]), opts: () => ({ allowWalletAdditions: false }) },
  // Blockhash.
  { name: 'an all-zero recent blockhash', codes: ['MISSING_RECENT_BLOCKHASH'], tx: (f) => wire(legacy(f, core(f), f.expected.holder, PublicKey.default.toBase58())) },
  {
    name: 'a Transaction object without a blockhash',
    codes: ['MISSING_RECENT_BLOCKHASH'],
    tx: (f) => {
      const tx = new Transaction();
      tx.feePayer = f.expected.holder;
      return tx.add(...core(f));
    },
  },
  // Bytes that are not a transaction.
  { name: 'garbage bytes', codes: ['MALFORMED_TRANSACTION'], tx: () => Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256) },
  { name: 'empty bytes', codes: ['MALFORMED_TRANSACTION'], tx: () => new Uint8Array(0) },
  { name: 'oversized bytes', codes: ['MALFORMED_TRANSACTION'], tx: () => new Uint8Array(2000) },
  { name: 'truncated transaction', codes: ['MALFORMED_TRANSACTION'], tx: (f) => bytesOf(f, core(f)).slice(0, 200) },
  { name: 'trailing bytes after the transaction', codes: ['MALFORMED_TRANSACTION'], tx: (f) => Uint8Array.from([...bytesOf(f, core(f)), 0]) },
  { name: 'header claiming every signer read-only', codes: ['MALFORMED_TRANSACTION'], tx: (f) => withHeader(f, (h) => ({ ...h, numReadonlySignedAccounts: h.numRequiredSignatures })) },
];

describe(`malicious variants (${malicious.length})`, () => {
  it.each(malicious.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    const f = fixture(variant.programs);
    const result = verifyMigrationTransaction(variant.tx(f), f.expected, variant.opts?.(f));
    expect(result.ok).toBe(false);
    for (const code of variant.codes) expect(codes(result)).toContain(code);
    if (!result.ok) {
      for (const v of result.violations) {
        expect(VIOLATION_CODES).toContain(v.code);
        expect(v.message.length).toBeGreaterThan(10);
      }
    }
  });

  it('covers every violation code at least once', () => {
    const covered = new Set(malicious.flatMap((v) => v.codes));
    expect(VIOLATION_CODES.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('points at the offending instruction', () => {
    const f = fixture();
    const result = verifyMigrationTransaction(bytesOf(f, replaced(core(f), IX.legOut, legOut(f, { destination: drainer }))), f.expected);
    expect(result.ok ? [] : result.violations).toEqual([expect.objectContaining({ code: 'WRONG_DESTINATION', instructionIndex: IX.legOut })]);
  });
});

// ---------------------------------------------------------------------------------------------
// Legitimate corpus: each must pass, and the decoded facts must be the expected ones.

type Legit = { name: string; programs?: Programs; decimals?: { ai16z: number; elizaos: number }; tx: (f: Fixture) => Uint8Array | Transaction | VersionedTransaction; opts?: PolicyOptions; walletAdded?: number; limit?: number; price?: bigint };

const built = (f: Fixture, extra: Partial<{ computeUnitLimit: number; computeUnitPriceMicroLamports: bigint }> = {}) => buildMigrationTransaction({ ...f.expected, recentBlockhash: f.blockhash, ...extra });

const legit: Legit[] = [
  { name: 'as built: AI16Z on Token-2022, ELIZAOS on classic Token', tx: (f) => wire(built(f)) },
  { name: 'as built: both on classic Token', programs: { ai16z: TOKEN_PROGRAM_ID, elizaos: TOKEN_PROGRAM_ID }, tx: (f) => wire(built(f)) },
  { name: 'as built: both on Token-2022', programs: { ai16z: TOKEN_2022_PROGRAM_ID, elizaos: TOKEN_2022_PROGRAM_ID }, tx: (f) => wire(built(f)) },
  { name: 'as built: ELIZAOS with 6 decimals', decimals: { ai16z: 9, elizaos: 6 }, tx: (f) => wire(built(f)) },
  { name: 'as built, as the Transaction object', tx: (f) => built(f) },
  { name: 'as built with a compute unit price (builder option)', tx: (f) => wire(built(f, { computeUnitPriceMicroLamports: 5_000n })), price: 5_000n },
  { name: 'Phantom: one Lighthouse assertion appended', tx: (f) => bytesOf(f, [...core(f), phantomGuard(f)]), walletAdded: 1 },
  { name: 'Solflare: two Lighthouse assertions appended', tx: (f) => bytesOf(f, [...core(f), ...solflareGuards(f)]), walletAdded: 2 },
  {
    name: 'Lighthouse memory write (holder pays) + delta assertion',
    tx: (f) => bytesOf(f, [lighthouse(0, [{ pubkey: f.expected.holder, isSigner: true, isWritable: true }, { pubkey: key(), isSigner: false, isWritable: true }, ro(f.atas.ai16z)]), ...core(f), lighthouse(4, [ro(f.atas.ai16z)])]),
    walletAdded: 2,
  },
  { name: 'wallet raised the compute unit limit to the cap', tx: (f) => bytesOf(f, replaced(core(f), IX.limit, ComputeBudgetProgram.setComputeUnitLimit({ units: MAX_COMPUTE_UNIT_LIMIT }))), limit: MAX_COMPUTE_UNIT_LIMIT },
  { name: 'wallet lowered the compute unit limit', tx: (f) => bytesOf(f, replaced(core(f), IX.limit, ComputeBudgetProgram.setComputeUnitLimit({ units: 60_000 }))), limit: 60_000 },
  {
    name: 'wallet added a price whose priority fee is exactly the cap',
    tx: (f) => bytesOf(f, inserted(core(f), 1, priceOf(priceAtCap(DEFAULT_COMPUTE_UNIT_LIMIT)))),
    price: priceAtCap(DEFAULT_COMPUTE_UNIT_LIMIT),
  },
  {
    name: 'wallet added Phantom’s congestion price (2,000,000 micro-lamports per unit) at the builder’s limit',
    tx: (f) => bytesOf(f, inserted(core(f), 1, priceOf(CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS))),
    price: CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
  },
  {
    name: 'Phantom under congestion: compute budget rewritten, three guards before the transfers and one after',
    tx: (f) => bytesOf(f, phantomCongested(f)),
    limit: 80_000,
    price: CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
    walletAdded: 4,
  },
  {
    name: 'Phantom under congestion, holder-signed, as bytes',
    tx: (f) => {
      const tx = Transaction.from(bytesOf(f, phantomCongested(f)));
      tx.partialSign(f.holder);
      return wire(tx);
    },
    limit: 80_000,
    price: CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
    walletAdded: 4,
  },
  {
    name: 'Phantom-like guards between the transfers, on the holder’s ELIZAOS and AI16Z accounts and the fee payer',
    tx: (f) => {
      const [ata, inLeg, outLeg, memoIx] = legs(f);
      if (!ata || !inLeg || !outLeg || !memoIx) throw new Error('core changed');
      return bytesOf(f, [
        limitOf(120_000),
        priceOf(CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS),
        lighthouse(9, [ro(f.atas.elizaos)]),
        ata,
        lighthouse(10, [ro(f.atas.ai16z)]),
        inLeg,
        lighthouse(5, [ro(f.expected.holder)]),
        outLeg,
        memoIx,
        lighthouse(10, [ro(f.atas.elizaos)]),
      ]);
    },
    limit: 120_000,
    price: CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
    walletAdded: 4,
  },
  {
    name: 'wallet raised the limit to the runtime’s maximum with a price that keeps the fee under the cap',
    tx: (f) => bytesOf(f, [limitOf(MAX_COMPUTE_UNIT_LIMIT), priceOf(7_000_000n), ...legs(f), phantomGuard(f)]),
    limit: MAX_COMPUTE_UNIT_LIMIT,
    price: 7_000_000n,
    walletAdded: 1,
  },
  {
    name: 'wallet put its price before its limit, after the memo',
    tx: (f) => bytesOf(f, [...legs(f), priceOf(CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS), limitOf(64_000), phantomGuard(f)]),
    limit: 64_000,
    price: CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
    walletAdded: 1,
  },
  {
    name: 'Solflare: two guards and a congestion price on a rewritten limit',
    tx: (f) => bytesOf(f, [limitOf(70_000), priceOf(CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS), ...legs(f), ...solflareGuards(f)]),
    limit: 70_000,
    price: CONGESTED_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
    walletAdded: 2,
  },
  {
    name: 'as many guards as accepted, all before the transfers, with a zero price',
    tx: (f) => bytesOf(f, [limitOf(90_000), priceOf(0n), ...Array.from({ length: MAX_WALLET_ADDED_INSTRUCTIONS }, () => lighthouse(10, [ro(f.atas.ai16z), ro(f.atas.elizaos)])), ...legs(f)]),
    limit: 90_000,
    walletAdded: MAX_WALLET_ADDED_INSTRUCTIONS,
  },
  {
    name: 'wallet added a price at the end and a guard',
    tx: (f) => bytesOf(f, [...core(f), ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 10_000n }), phantomGuard(f)]),
    price: 10_000n,
    walletAdded: 1,
  },
  { name: 'round trip: serialize(requireAllSignatures: false) → Transaction.from', tx: (f) => Transaction.from(wire(built(f))) },
  { name: 'round trip: bytes → VersionedTransaction.deserialize (legacy)', tx: (f) => VersionedTransaction.deserialize(wire(built(f))) },
  {
    name: 'holder partialSign, as bytes',
    tx: (f) => {
      const tx = Transaction.from(wire(built(f)));
      tx.partialSign(f.holder);
      return wire(tx);
    },
  },
  {
    name: 'holder partialSign after a Phantom guard, as a Transaction',
    tx: (f) => {
      const tx = Transaction.from(bytesOf(f, [...core(f), phantomGuard(f)]));
      tx.partialSign(f.holder);
      return tx;
    },
    walletAdded: 1,
  },
  {
    name: 'fully signed (holder, then delegate)',
    tx: (f) => {
      const tx = Transaction.from(wire(built(f)));
      tx.partialSign(f.holder);
      tx.partialSign(f.delegate);
      return tx.serialize();
    },
  },
  { name: 'drainer list given, none present', tx: (f) => wire(built(f)), opts: { knownDrainers: [drainer.toBase58(), key().toBase58()] } },
  { name: 'server build checked with wallet additions off', tx: (f) => wire(built(f)), opts: { allowWalletAdditions: false } },
];

describe(`legitimate variants (${legit.length})`, () => {
  it.each(legit.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    const f = fixture(variant.programs, variant.decimals);
    const result = verifyMigrationTransaction(variant.tx(f), f.expected, variant.opts);
    expect(codes(result)).toEqual([]);
    if (!result.ok) return;
    const m = result.migration;
    const e = f.expected;
    expect(m.sends).toEqual({
      mint: e.ai16z.mint.toBase58(),
      amount: e.amountIn,
      decimals: e.ai16z.decimals,
      programId: e.ai16z.programId.toBase58(),
      source: f.atas.ai16z.toBase58(),
      destination: e.vaultTokenAccount.toBase58(),
      authority: e.holder.toBase58(),
    });
    expect(m.receives).toEqual({
      mint: e.elizaos.mint.toBase58(),
      amount: e.amountOut,
      decimals: e.elizaos.decimals,
      programId: e.elizaos.programId.toBase58(),
      source: e.treasuryTokenAccount.toBase58(),
      destination: f.atas.elizaos.toBase58(),
      authority: e.treasuryDelegate.toBase58(),
    });
    expect(m.ataCreated).toEqual({ address: f.atas.elizaos.toBase58(), owner: e.holder.toBase58(), mint: e.elizaos.mint.toBase58(), rentPayer: e.holder.toBase58() });
    expect(m.memo).toBe(`elizaos-migration:v1:${e.migrationId}`);
    expect(m.feePayer).toBe(e.holder.toBase58());
    expect(m.signers).toEqual([e.holder.toBase58(), e.treasuryDelegate.toBase58()]);
    expect(m.recentBlockhash).toBe(f.blockhash);
    expect(m.walletAddedInstructions).toHaveLength(variant.walletAdded ?? 0);
    expect(m.computeUnitLimit).toBe(variant.limit ?? 100_000);
    expect(m.computeUnitPriceMicroLamports).toBe(variant.price ?? 0n);
    expect(m.maxPriorityFeeLamports).toBe((BigInt(m.computeUnitLimit) * m.computeUnitPriceMicroLamports + 999_999n) / 1_000_000n);
    expect(m.messageHash).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    expect(m.programs.map((p) => p.name)).not.toContain('System Program');
  });

  it('the message hash is the same for the unsigned and the holder-signed bytes', () => {
    const f = fixture();
    const unsigned = wire(built(f));
    const signed = Transaction.from(unsigned);
    signed.partialSign(f.holder);
    const a = verifyMigrationTransaction(unsigned, f.expected);
    const b = verifyMigrationTransaction(wire(signed), f.expected);
    expect(a.ok && b.ok && a.migration.messageHash === b.migration.messageHash).toBe(true);
  });

  it('decodes the priority fee the wallet set, in lamports: Phantom’s congestion price costs 0.00016 SOL at its limit', () => {
    const f = fixture();
    const result = verifyMigrationTransaction(bytesOf(f, phantomCongested(f)), f.expected);
    expect(result.ok && result.migration.maxPriorityFeeLamports).toBe(160_000n);
  });

});

// ---------------------------------------------------------------------------------------------
// Properties.

const seed32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const tokenProgram = fc.constantFrom(TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID);
const amount = fc.bigInt({ min: 1n, max: U64_MAX });

describe('properties', () => {
  it('the builder’s output always passes (amounts, decimals, programs, keys, compute budget)', () => {
    fc.assert(
      fc.property(
        fc.record({
          holder: seed32,
          delegate: seed32,
          keys: fc.array(seed32, { minLength: 5, maxLength: 5 }),
          amountIn: amount,
          amountOut: amount,
          decIn: fc.integer({ min: 0, max: 9 }),
          decOut: fc.integer({ min: 0, max: 9 }),
          progIn: tokenProgram,
          progOut: tokenProgram,
          limit: fc.option(fc.integer({ min: 1, max: MAX_COMPUTE_UNIT_LIMIT }), { nil: undefined }),
          priceShare: fc.option(fc.bigInt({ min: 0n, max: 1_000_000n }), { nil: undefined }),
          id: fc.uuid(),
        }),
        (r) => {
          const holder = Keypair.fromSeed(r.holder).publicKey;
          const delegate = Keypair.fromSeed(r.delegate).publicKey;
          const [ai16zMint, elizaosMint, vault, treasury, blockhash] = r.keys.map((b) => new PublicKey(b));
          fc.pre(!!ai16zMint && !!elizaosMint && !!vault && !!treasury && !!blockhash);
          if (!ai16zMint || !elizaosMint || !vault || !treasury || !blockhash) return;
          const all = [holder, delegate, ai16zMint, elizaosMint, vault, treasury].map((k) => k.toBase58());
          // Distinct, non-zero keys (all-zero bytes would be the System Program itself).
          fc.pre(new Set(all).size === all.length && r.keys.every((b) => b.some((x) => x !== 0)));
          const expected: MigrationExpected = {
            migrationId: r.id,
            holder,
            ai16z: { mint: ai16zMint, decimals: r.decIn, programId: r.progIn },
            elizaos: { mint: elizaosMint, decimals: r.decOut, programId: r.progOut },
            vaultTokenAccount: vault,
            treasuryTokenAccount: treasury,
            treasuryDelegate: delegate,
            amountIn: r.amountIn,
            amountOut: r.amountOut,
          };
          // A price up to the one whose fee is the cap at this limit (in millionths of it).
          const price = r.priceShare === undefined ? undefined : (priceAtCap(r.limit ?? DEFAULT_COMPUTE_UNIT_LIMIT) * r.priceShare) / 1_000_000n;
          const tx = buildMigrationTransaction({ ...expected, recentBlockhash: blockhash.toBase58(), computeUnitLimit: r.limit, computeUnitPriceMicroLamports: price });
          const result = verifyMigrationTransaction(wire(tx), expected);
          if (!result.ok) throw new Error(JSON.stringify(result.violations));
          return result.migration.sends.amount === r.amountIn && result.migration.receives.amount === r.amountOut && result.migration.computeUnitLimit === (r.limit ?? 100_000);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts a compute budget exactly when its priority fee (limit × price) is within the cap, and decodes that fee', () => {
    const f = fixture();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_COMPUTE_UNIT_LIMIT }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (units, price) => {
        const result = verifyMigrationTransaction(bytesOf(f, [limitOf(units), priceOf(price), ...legs(f)]), f.expected);
        const fee = (BigInt(units) * price + 999_999n) / 1_000_000n;
        if (fee <= MAX_PRIORITY_FEE_LAMPORTS) return result.ok && result.migration.maxPriorityFeeLamports === fee;
        return !result.ok && codes(result).join() === 'PRIORITY_FEE_ABOVE_CAP';
      }),
      { numRuns: 500 },
    );
  });

  it('the catch-all is there: a decoder that crashes is answered with MALFORMED_TRANSACTION, and the tests can tell', () => {
    const f = fixture();
    // An expectation no caller can build (a missing vault key): the account checks crash on it.
    const poisoned: MigrationExpected = { ...f.expected, vaultTokenAccount: null as unknown as PublicKey };
    const result = verifyMigrationTransaction(wire(built(f)), poisoned);
    expect(codes(result)).toEqual(['MALFORMED_TRANSACTION']);
    expect(refusedByCatchAll(result)).toBe(true);
    expect(refusedByCatchAll(verifyMigrationTransaction(new Uint8Array(3), f.expected))).toBe(false);
  });

  it('never throws on arbitrary bytes', () => {
    const f = fixture();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 1300 }), (bytes) => {
        const result = verifyMigrationTransaction(bytes, f.expected);
        // Answered by the policy's own checks, not by the catch-all that turns a crash into a refusal.
        return !result.ok && result.violations.length > 0 && !refusedByCatchAll(result);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on corrupted real transactions, and accepts one only when its facts are still the expected ones', () => {
    const f = fixture();
    const original = bytesOf(f, [...core(f), phantomGuard(f)]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const bytes = Uint8Array.from(original);
        for (const [at, xor] of flips) bytes[at] = (bytes[at] ?? 0) ^ xor;
        const result = verifyMigrationTransaction(bytes, f.expected);
        if (!result.ok) return result.violations.length > 0 && !refusedByCatchAll(result);
        const m = result.migration;
        return (
          m.sends.amount === f.expected.amountIn &&
          m.receives.amount === f.expected.amountOut &&
          m.sends.destination === f.expected.vaultTokenAccount.toBase58() &&
          m.receives.destination === f.atas.elizaos.toBase58() &&
          m.feePayer === f.expected.holder.toBase58() &&
          m.memo === `elizaos-migration:v1:${f.expected.migrationId}`
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on randomly assembled instruction lists', () => {
    const f = fixture();
    const pool = [
      ...core(f),
      phantomGuard(f),
      SystemProgram.transfer({ fromPubkey: f.expected.holder, toPubkey: drainer, lamports: 1 }),
      createApproveInstruction(f.atas.ai16z, drainer, f.expected.holder, 1n, [], f.expected.ai16z.programId),
      ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 1n }),
      new TransactionInstruction({ programId: TOKEN_PROGRAM_ID, keys: [], data: Buffer.alloc(0) }),
      new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [], data: Buffer.alloc(0) }),
      new TransactionInstruction({ programId: LIGHTHOUSE_PROGRAM_ID, keys: [], data: Buffer.alloc(0) }),
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 12 }), fc.boolean(), (ixs, asObject) => {
        const tx = legacy(f, ixs);
        let input: Uint8Array | Transaction = tx;
        if (!asObject) {
          try {
            input = wire(tx);
          } catch {
            return true; // too large to serialise: nothing to verify
          }
        }
        const result = verifyMigrationTransaction(input, f.expected);
        if (!result.ok) return result.violations.length > 0 && !refusedByCatchAll(result);
        // Accepted only with the expected facts (the pool holds one AI16Z leg and one ELIZAOS leg).
        return result.migration.sends.amount === f.expected.amountIn && result.migration.receives.amount === f.expected.amountOut;
      }),
      { numRuns: 300 },
    );
  });
});

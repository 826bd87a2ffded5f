/**
 * The envelope check shared by the policies: the same fault in a migration and in a Revoke is
 * refused with the same code, at the same instruction, in the same words; and the envelope takes
 * another fee payer and signer set (the payout policy's: a server key, no wallet).
 */
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, createRevokeInstruction, createTransferCheckedInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { type AccountMeta, ComputeBudgetProgram, Keypair, type PublicKey, SystemProgram, Transaction, TransactionInstruction } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { buildMigrationInstructions, holderTokenAccounts, type MigrationExpected } from '@/lib/solana/builder';
import { LIGHTHOUSE_PROGRAM_ID, MAX_COMPUTE_UNIT_LIMIT, MAX_PRIORITY_FEE_LAMPORTS, MAX_WALLET_ADDED_INSTRUCTIONS } from '@/lib/solana/constants';
import { type EnvelopeSpec, openEnvelope, type SharedViolationCode } from '@/lib/solana/envelope';
import { verifyMigrationTransaction } from '@/lib/solana/policy';
import { verifyRevokeTransaction } from '@/lib/solana/revoke-policy';

const key = () => Keypair.generate().publicKey;
const holder = key();
const expected: MigrationExpected = {
  migrationId: crypto.randomUUID(),
  holder,
  ai16z: { mint: key(), decimals: 9, programId: TOKEN_2022_PROGRAM_ID },
  elizaos: { mint: key(), decimals: 9, programId: TOKEN_PROGRAM_ID },
  vaultTokenAccount: key(),
  treasuryTokenAccount: key(),
  treasuryDelegate: key(),
  amountIn: 1_000_000_000n,
  amountOut: 6_000_000_000n,
};
const atas = holderTokenAccounts(expected);
const revokable = { holder, accounts: [{ address: atas.ai16z, programId: TOKEN_2022_PROGRAM_ID }] };
const blockhash = key().toBase58();
const ro = (pubkey: PublicKey): AccountMeta => ({ pubkey, isSigner: false, isWritable: false });
const guard = (discriminator: number, keys: AccountMeta[] = [ro(atas.ai16z)]) => new TransactionInstruction({ programId: LIGHTHOUSE_PROGRAM_ID, keys, data: Buffer.from([discriminator, 0, 1]) });
const limit = (units: number) => ComputeBudgetProgram.setComputeUnitLimit({ units });
const price = (microLamports: bigint) => ComputeBudgetProgram.setComputeUnitPrice({ microLamports });

/** Both transactions with the same compute budget and extra instructions, at the same positions. */
function both(budget: TransactionInstruction[], extra: TransactionInstruction[] = []): { migration: Uint8Array; revoke: Uint8Array } {
  const wire = (ixs: TransactionInstruction[]) => new Transaction({ feePayer: holder, recentBlockhash: blockhash }).add(...ixs).serialize({ requireAllSignatures: false, verifySignatures: false });
  const migrationCore = buildMigrationInstructions(expected).slice(1); // without the builder's limit
  return {
    migration: wire([...budget, ...extra, ...migrationCore]),
    revoke: wire([...budget, ...extra, createRevokeInstruction(atas.ai16z, holder, [], TOKEN_2022_PROGRAM_ID)]),
  };
}

const faults: { name: string; code: SharedViolationCode; budget: TransactionInstruction[]; extra?: TransactionInstruction[] }[] = [
  { name: 'a limit above the runtime’s maximum', code: 'COMPUTE_UNIT_LIMIT_ABOVE_CAP', budget: [limit(MAX_COMPUTE_UNIT_LIMIT + 1)] },
  { name: 'a priority fee above the cap', code: 'PRIORITY_FEE_ABOVE_CAP', budget: [limit(100_000), price((MAX_PRIORITY_FEE_LAMPORTS * 1_000_000n) / 100_000n + 1n)] },
  { name: 'the limit set twice', code: 'DUPLICATE_COMPUTE_BUDGET', budget: [limit(100_000), limit(90_000)] },
  { name: 'the price set twice', code: 'DUPLICATE_COMPUTE_BUDGET', budget: [limit(100_000), price(1n), price(2n)] },
  { name: 'RequestHeapFrame', code: 'COMPUTE_BUDGET_INSTRUCTION_NOT_ALLOWED', budget: [limit(100_000), ComputeBudgetProgram.requestHeapFrame({ bytes: 64 * 1024 })] },
  { name: 'a price without a limit', code: 'MISSING_COMPUTE_UNIT_LIMIT', budget: [price(1n)] },
  { name: 'too many guards', code: 'TOO_MANY_WALLET_INSTRUCTIONS', budget: [limit(100_000)], extra: Array.from({ length: MAX_WALLET_ADDED_INSTRUCTIONS + 1 }, () => guard(9)) },
  { name: 'a guard kind that calls other programs', code: 'LIGHTHOUSE_INSTRUCTION_NOT_ALLOWED', budget: [limit(100_000)], extra: [guard(16)] },
  { name: 'a guard with no data', code: 'LIGHTHOUSE_INSTRUCTION_NOT_ALLOWED', budget: [limit(100_000)], extra: [new TransactionInstruction({ programId: LIGHTHOUSE_PROGRAM_ID, keys: [], data: Buffer.alloc(0) })] },
  { name: 'a guard asking a stranger to sign', code: 'LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', budget: [limit(100_000)], extra: [guard(5, [{ pubkey: key(), isSigner: true, isWritable: false }])] },
];

describe('one envelope for both policies', () => {
  it.each(faults.map((f) => [f.name, f] as const))('%s: the same code, instruction and sentence in a migration and in a Revoke', (_name, fault) => {
    const bytes = both(fault.budget, fault.extra);
    const pick = (result: { ok: true } | { ok: false; violations: { code: string; message: string; instructionIndex?: number }[] }) =>
      result.ok ? [] : result.violations.filter((v) => v.code === fault.code).map((v) => ({ code: v.code, message: v.message, instructionIndex: v.instructionIndex }));
    const migration = pick(verifyMigrationTransaction(bytes.migration, expected));
    const revoke = pick(verifyRevokeTransaction(bytes.revoke, revokable));
    expect(migration.length).toBeGreaterThan(0);
    expect(revoke).toEqual(migration);
  });

  it('numbers are written the same way in every sentence (grouped, as in 1,400,001)', () => {
    const bytes = both([limit(MAX_COMPUTE_UNIT_LIMIT + 1)]);
    const result = verifyRevokeTransaction(bytes.revoke, revokable);
    expect(result.ok ? [] : result.violations.map((v) => v.message)).toEqual(['The compute unit limit 1,400,001 is above the cap of 1,400,000.']);
  });

  it('a guard may not reference a co-signer at all: the migration’s treasury delegate', () => {
    const bytes = both([limit(100_000)], [guard(5, [ro(expected.treasuryDelegate)])]);
    const result = verifyMigrationTransaction(bytes.migration, expected);
    expect(result.ok ? [] : result.violations.map((v) => [v.code, v.instructionIndex])).toEqual([['LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', 1]]);
  });
});

describe('the envelope with another fee payer and signer set (a server-built payout)', () => {
  const server = key();
  const depositor = key();
  const spec: EnvelopeSpec = {
    subject: 'the payout transaction',
    feePayer: { key: server, name: 'the portal’s payout key' },
    signers: [{ key: server, name: 'the portal’s payout key' }],
    wallet: null,
    allowWalletAdditions: false,
    requireComputeUnitLimit: true,
    programs: [TOKEN_PROGRAM_ID],
  };
  const treasury = key();
  const payout = () => createTransferCheckedInstruction(treasury, expected.elizaos.mint, getAssociatedTokenAddressSync(expected.elizaos.mint, depositor), server, 6n, 9, [], TOKEN_PROGRAM_ID);
  const wire = (feePayer: PublicKey, ixs: TransactionInstruction[]) =>
    new Transaction({ feePayer, recentBlockhash: blockhash }).add(...ixs).serialize({ requireAllSignatures: false, verifySignatures: false });

  it('opens a transaction paid and signed by the server key and leaves its instructions to the policy', () => {
    const envelope = openEnvelope(wire(server, [limit(50_000), payout()]), spec);
    expect(envelope.opened && envelope.violations).toEqual([]);
    if (!envelope.opened) return;
    expect(envelope.facts.feePayer).toBe(server.toBase58());
    expect(envelope.facts.signers).toEqual([server.toBase58()]);
    expect(envelope.instructions.map((i) => i.index)).toEqual([1]);
  });

  it('refuses the holder as fee payer, a wallet guard (no wallet takes part), a SOL transfer and another program', () => {
    const envelope = openEnvelope(
      wire(depositor, [limit(50_000), payout(), guard(5, [ro(server)]), SystemProgram.transfer({ fromPubkey: server, toPubkey: depositor, lamports: 1 }), new TransactionInstruction({ programId: key(), keys: [], data: Buffer.from([0]) })]),
      spec,
    );
    expect(envelope.violations.map((v) => v.code).sort()).toEqual(
      ['WRONG_FEE_PAYER', 'EXTRA_SIGNER', 'LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', 'WALLET_INSTRUCTIONS_NOT_ALLOWED', 'SYSTEM_TRANSFER', 'UNKNOWN_PROGRAM'].sort(),
    );
    expect(envelope.violations.find((v) => v.code === 'UNKNOWN_PROGRAM')?.message).toMatch(/not part of the payout transaction/);
  });
});

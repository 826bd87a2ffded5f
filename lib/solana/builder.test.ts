import { ASSOCIATED_TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { ComputeBudgetProgram, Keypair, PublicKey, SystemProgram } from '@solana/web3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { U64_MAX } from '@/lib/solana/amounts';
import {
  MigrationParamsError,
  type MigrationExpected,
  buildMigrationTransaction,
  expectedFromJson,
  expectedToJson,
  holderTokenAccounts,
  migrationMemo,
} from '@/lib/solana/builder';
import { DEFAULT_COMPUTE_UNIT_LIMIT, MAX_COMPUTE_UNIT_LIMIT, MAX_PRIORITY_FEE_LAMPORTS, MEMO_PROGRAM_ID } from '@/lib/solana/constants';

const key = () => Keypair.generate().publicKey;

function expectation(): MigrationExpected {
  return {
    migrationId: '7d9f8e2a-3b4c-4d5e-9f60-718293a4b5c6',
    holder: key(),
    ai16z: { mint: key(), decimals: 9, programId: TOKEN_2022_PROGRAM_ID },
    elizaos: { mint: key(), decimals: 9, programId: TOKEN_PROGRAM_ID },
    vaultTokenAccount: key(),
    treasuryTokenAccount: key(),
    treasuryDelegate: key(),
    amountIn: 2_000_000_000n,
    amountOut: 12_000_000_000n,
  };
}

describe('buildMigrationTransaction', () => {
  it('builds the five instructions of DESIGN.md in order, fee payer = holder', () => {
    const e = expectation();
    const blockhash = key().toBase58();
    const tx = buildMigrationTransaction({ ...e, recentBlockhash: blockhash });
    expect(tx.feePayer?.equals(e.holder)).toBe(true);
    expect(tx.recentBlockhash).toBe(blockhash);
    const [limit, ata, legIn, legOut, memo, ...rest] = tx.instructions;
    expect(rest).toEqual([]);
    expect(limit?.programId.equals(ComputeBudgetProgram.programId)).toBe(true);
    expect(limit?.data).toEqual(ComputeBudgetProgram.setComputeUnitLimit({ units: DEFAULT_COMPUTE_UNIT_LIMIT }).data);

    const holderElizaos = getAssociatedTokenAddressSync(e.elizaos.mint, e.holder, false, TOKEN_PROGRAM_ID);
    const holderAi16z = getAssociatedTokenAddressSync(e.ai16z.mint, e.holder, false, TOKEN_2022_PROGRAM_ID);
    expect(ata?.programId.equals(ASSOCIATED_TOKEN_PROGRAM_ID)).toBe(true);
    expect([...(ata?.data ?? [])]).toEqual([1]);
    expect(ata?.keys.map((k) => k.pubkey.toBase58())).toEqual([e.holder, holderElizaos, e.holder, e.elizaos.mint, SystemProgram.programId, TOKEN_PROGRAM_ID].map((k) => k.toBase58()));

    expect(legIn?.programId.equals(TOKEN_2022_PROGRAM_ID)).toBe(true);
    expect(legIn?.keys.map((k) => [k.pubkey.toBase58(), k.isSigner, k.isWritable])).toEqual([
      [holderAi16z.toBase58(), false, true],
      [e.ai16z.mint.toBase58(), false, false],
      [e.vaultTokenAccount.toBase58(), false, true],
      [e.holder.toBase58(), true, false],
    ]);
    expect(legOut?.programId.equals(TOKEN_PROGRAM_ID)).toBe(true);
    expect(legOut?.keys.map((k) => [k.pubkey.toBase58(), k.isSigner, k.isWritable])).toEqual([
      [e.treasuryTokenAccount.toBase58(), false, true],
      [e.elizaos.mint.toBase58(), false, false],
      [holderElizaos.toBase58(), false, true],
      [e.treasuryDelegate.toBase58(), true, false],
    ]);

    expect(memo?.programId.equals(MEMO_PROGRAM_ID)).toBe(true);
    expect(memo?.keys).toEqual([]);
    expect(new TextDecoder().decode(memo?.data)).toBe(`elizaos-migration:v1:${e.migrationId}`);

    const message = tx.compileMessage();
    expect(message.header).toEqual({ numRequiredSignatures: 2, numReadonlySignedAccounts: 1, numReadonlyUnsignedAccounts: message.header.numReadonlyUnsignedAccounts });
    expect(message.accountKeys.slice(0, 2).map((k) => k.toBase58())).toEqual([e.holder.toBase58(), e.treasuryDelegate.toBase58()]);
    expect(tx.serialize({ requireAllSignatures: false, verifySignatures: false }).length).toBeLessThan(1232);
  });

  it('adds SetComputeUnitPrice after the limit when a price is given', () => {
    const tx = buildMigrationTransaction({ ...expectation(), recentBlockhash: key().toBase58(), computeUnitLimit: 150_000, computeUnitPriceMicroLamports: 42n });
    expect(tx.instructions).toHaveLength(6);
    expect(tx.instructions[0]?.data).toEqual(ComputeBudgetProgram.setComputeUnitLimit({ units: 150_000 }).data);
    expect(tx.instructions[1]?.data).toEqual(ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 42n }).data);
  });

  it.each([
    ['migrationId', { migrationId: 'not-a-uuid' }],
    ['amountIn', { amountIn: 0n }],
    ['amountIn', { amountIn: U64_MAX + 1n }],
    ['amountOut', { amountOut: -1n }],
    ['ai16z.decimals', { ai16z: { mint: key(), decimals: 256, programId: TOKEN_PROGRAM_ID } }],
    ['elizaos.programId', { elizaos: { mint: key(), decimals: 9, programId: SystemProgram.programId } }],
    ['computeUnitLimit', { computeUnitLimit: MAX_COMPUTE_UNIT_LIMIT + 1 }],
    ['computeUnitLimit', { computeUnitLimit: 0 }],
    // One micro-lamport per unit more than the priority fee cap allows at the default limit.
    ['computeUnitPriceMicroLamports', { computeUnitPriceMicroLamports: (MAX_PRIORITY_FEE_LAMPORTS * 1_000_000n) / BigInt(DEFAULT_COMPUTE_UNIT_LIMIT) + 1n }],
    ['computeUnitPriceMicroLamports', { computeUnitPriceMicroLamports: -1n }],
    ['recentBlockhash', { recentBlockhash: 'nope' }],
    ['recentBlockhash', { recentBlockhash: PublicKey.default.toBase58() }],
  ] as const)('refuses a bad %s', (field, change) => {
    const e = expectation();
    let error: unknown;
    try {
      buildMigrationTransaction({ ...e, recentBlockhash: key().toBase58(), ...change });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MigrationParamsError);
    expect((error as MigrationParamsError).field).toBe(field);
  });

  it('refuses a treasury delegate that is the holder', () => {
    const e = expectation();
    expect(() => buildMigrationTransaction({ ...e, treasuryDelegate: e.holder, recentBlockhash: key().toBase58() })).toThrow(MigrationParamsError);
  });

  it('migrationMemo lower-cases the id', () => {
    expect(migrationMemo('7D9F8E2A-3B4C-4D5E-9F60-718293A4B5C6')).toBe('elizaos-migration:v1:7d9f8e2a-3b4c-4d5e-9f60-718293a4b5c6');
  });
});

describe('expectedToJson / expectedFromJson', () => {
  it('round-trips through JSON text exactly (amounts up to u64 max)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: U64_MAX }), fc.bigInt({ min: 0n, max: U64_MAX }), fc.integer({ min: 0, max: 255 }), fc.uuid(), (amountIn, amountOut, decimals, id) => {
        const e = { ...expectation(), migrationId: id, amountIn, amountOut, elizaos: { mint: key(), decimals, programId: TOKEN_2022_PROGRAM_ID } };
        const back = expectedFromJson(JSON.parse(JSON.stringify(expectedToJson(e))));
        return JSON.stringify(expectedToJson(back)) === JSON.stringify(expectedToJson(e)) && back.amountIn === amountIn && back.holder.equals(e.holder);
      }),
      { numRuns: 200 },
    );
  });

  it('writes amounts as decimal strings and keys as base58', () => {
    const e = expectation();
    const json = expectedToJson(e);
    expect(json).toMatchObject({ policyVersion: 'v1', amountIn: '2000000000', amountOut: '12000000000', holder: e.holder.toBase58() });
  });

  it.each([
    ['an amount above u64', (j: Record<string, unknown>) => ({ ...j, amountIn: '18446744073709551616' })],
    ['a negative amount', (j: Record<string, unknown>) => ({ ...j, amountOut: '-1' })],
    ['an amount with leading zeros', (j: Record<string, unknown>) => ({ ...j, amountOut: '01' })],
    ['an amount as a number', (j: Record<string, unknown>) => ({ ...j, amountIn: 1 })],
    ['a key that is not base58', (j: Record<string, unknown>) => ({ ...j, holder: 'O0O0O0O0O0O0O0O0O0O0O0O0O0O0O0O0' })],
    ['a key of the wrong length', (j: Record<string, unknown>) => ({ ...j, vaultTokenAccount: '1111' })],
    ['an unknown key', (j: Record<string, unknown>) => ({ ...j, extra: 'x' })],
    ['another policy version', (j: Record<string, unknown>) => ({ ...j, policyVersion: 'v2' })],
    ['a missing field', (j: Record<string, unknown>) => ({ ...j, treasuryDelegate: undefined })],
    ['an id that is not a UUID', (j: Record<string, unknown>) => ({ ...j, migrationId: 'abc' })],
  ])('refuses %s', (_name, change) => {
    const json = change(expectedToJson(expectation()) as unknown as Record<string, unknown>);
    expect(() => expectedFromJson(json)).toThrow();
  });
});

describe('holderTokenAccounts', () => {
  it('answers what spl-token derives, for every owner, mint and token program, cached or not', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.nat(3), (ai16z2022, elizaos2022, repeats) => {
        const holder = Keypair.generate().publicKey;
        const mints = {
          ai16z: { mint: Keypair.generate().publicKey, programId: ai16z2022 ? TOKEN_2022_PROGRAM_ID : TOKEN_PROGRAM_ID },
          elizaos: { mint: Keypair.generate().publicKey, programId: elizaos2022 ? TOKEN_2022_PROGRAM_ID : TOKEN_PROGRAM_ID },
        };
        for (let i = 0; i <= repeats; i++) {
          const accounts = holderTokenAccounts({ holder, ...mints });
          expect(accounts.ai16z.equals(getAssociatedTokenAddressSync(mints.ai16z.mint, holder, false, mints.ai16z.programId))).toBe(true);
          expect(accounts.elizaos.equals(getAssociatedTokenAddressSync(mints.elizaos.mint, holder, false, mints.elizaos.programId))).toBe(true);
        }
        // The same holder under another token program is another account: the program is part of the key.
        const swapped = holderTokenAccounts({ holder, ai16z: { ...mints.ai16z, programId: ai16z2022 ? TOKEN_PROGRAM_ID : TOKEN_2022_PROGRAM_ID }, elizaos: mints.elizaos });
        expect(swapped.ai16z.equals(holderTokenAccounts({ holder, ...mints }).ai16z)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses an off-curve holder (a PDA) every time, never from a cache', () => {
    const [pda] = PublicKey.findProgramAddressSync([Buffer.from('vault')], ASSOCIATED_TOKEN_PROGRAM_ID);
    const mints = { ai16z: { mint: Keypair.generate().publicKey, programId: TOKEN_PROGRAM_ID }, elizaos: { mint: Keypair.generate().publicKey, programId: TOKEN_PROGRAM_ID } };
    expect(() => holderTokenAccounts({ holder: pda, ...mints })).toThrow();
    expect(() => holderTokenAccounts({ holder: pda, ...mints })).toThrow();
  });
});

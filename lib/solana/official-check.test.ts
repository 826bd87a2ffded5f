/**
 * The "Is this transaction official?" verdicts and decode: the builder's migration and Revoke are
 * official; tampered ones are not, with named violations; the input parser refuses garbage clearly.
 */
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, createApproveInstruction, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, PublicKey, Transaction, TransactionInstruction } from '@solana/web3.js';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { buildMigrationInstructions, buildMigrationTransaction, type MigrationExpected } from '@/lib/solana/builder';
import { MEMO_PROGRAM_ID } from '@/lib/solana/constants';
import { CheckInputError, checkOfficial, describeTransaction, drainersFirst, isOfficialOrigin, parseCheckInput, type OfficialParams } from '@/lib/solana/official-check';
import { buildRevokeTransaction } from '@/lib/solana/revoke-builder';

const key = () => Keypair.generate().publicKey;
const holder = Keypair.generate().publicKey;
const params: OfficialParams = {
  ai16z: { mint: key().toBase58(), decimals: 9, programId: TOKEN_2022_PROGRAM_ID.toBase58() },
  elizaos: { mint: key().toBase58(), decimals: 9, programId: TOKEN_PROGRAM_ID.toBase58() },
  vaultTokenAccount: key().toBase58(),
  treasuryTokenAccount: key().toBase58(),
  treasuryDelegate: key().toBase58(),
  ratio: '6',
  deposit: { owner: key().toBase58(), tokenAccount: key().toBase58() },
};
const blockhash = key().toBase58();
const mints = [
  { symbol: 'AI16Z', mint: params.ai16z.mint, decimals: 9 },
  { symbol: 'ELIZAOS', mint: params.elizaos.mint, decimals: 9 },
];
const id = '3f1c2b8e-4d5a-4c6b-9e7f-0a1b2c3d4e5f';

function expected(amountIn = 2_500_000_000n, amountOut = 15_000_000_000n): MigrationExpected {
  const ref = (m: OfficialParams['ai16z']) => ({ mint: new PublicKey(m.mint), decimals: m.decimals, programId: new PublicKey(m.programId) });
  return {
    migrationId: id,
    holder,
    ai16z: ref(params.ai16z),
    elizaos: ref(params.elizaos),
    vaultTokenAccount: new PublicKey(params.vaultTokenAccount),
    treasuryTokenAccount: new PublicKey(params.treasuryTokenAccount),
    treasuryDelegate: new PublicKey(params.treasuryDelegate),
    amountIn,
    amountOut,
  };
}
const wire = (tx: Transaction) => tx.serialize({ requireAllSignatures: false, verifySignatures: false });

describe('official check', () => {
  it('recognises the official migration, whatever its amount and id, and decodes it', () => {
    const bytes = wire(buildMigrationTransaction({ ...expected(), recentBlockhash: blockhash }));
    const verdict = checkOfficial(bytes, params);
    expect(verdict.kind).toBe('migration');
    if (verdict.kind !== 'migration') return;
    expect(verdict.migration.migrationId).toBe(id);
    expect(verdict.migration.sends.amount).toBe(2_500_000_000n);
    expect(verdict.migration.receives.amount).toBe(15_000_000_000n);
    const described = describeTransaction(bytes, mints);
    expect(described.feePayer).toBe(holder.toBase58());
    expect(described.instructions.map((i) => i.name)).toEqual(['setComputeUnitLimit', 'ataCreateIdempotent', 'tokenTransferChecked', 'tokenTransferChecked', 'memo']);
    expect(described.instructions[2]?.fields[0]).toEqual({ label: 'amount', kind: 'tokenAmount', amount: 2_500_000_000n, decimals: 9, symbol: 'AI16Z' });
    expect(described.instructions[2]?.programName).toBe('Token-2022 (Token Extensions)');
    expect(described.signers.map((s) => s.signed)).toEqual([false, false]);
  });

  it('refuses a migration whose ELIZAOS leg is not ratio × the AI16Z leg', () => {
    const bytes = wire(buildMigrationTransaction({ ...expected(2_500_000_000n, 17_500_000_000n), recentBlockhash: blockhash }));
    const verdict = checkOfficial(bytes, params);
    expect(verdict.kind).toBe('not-official');
    if (verdict.kind !== 'not-official') return;
    expect(verdict.closestShape).toBe('migration');
    expect(verdict.violations.map((v) => v.code)).toEqual(['WRONG_AMOUNT']);
  });

  it('refuses a migration to another vault, with an extra Approve, or with a memo without a migration id', () => {
    const otherVault = wire(buildMigrationTransaction({ ...expected(), vaultTokenAccount: key(), recentBlockhash: blockhash }));
    const v1 = checkOfficial(otherVault, params);
    expect(v1.kind === 'not-official' && v1.violations.map((v) => v.code)).toContain('WRONG_DESTINATION');

    const ixs = buildMigrationInstructions(expected());
    const ata = getAssociatedTokenAddressSync(new PublicKey(params.ai16z.mint), holder, false, TOKEN_2022_PROGRAM_ID);
    const approve = wire(new Transaction({ feePayer: holder, recentBlockhash: blockhash }).add(...ixs, createApproveInstruction(ata, key(), holder, 1n, [], TOKEN_2022_PROGRAM_ID)));
    const v2 = checkOfficial(approve, params);
    expect(v2.kind === 'not-official' && v2.violations.map((v) => v.code)).toContain('TOKEN_APPROVE');

    const memoless = wire(
      new Transaction({ feePayer: holder, recentBlockhash: blockhash }).add(
        ...ixs.slice(0, -1),
        new TransactionInstruction({ programId: MEMO_PROGRAM_ID, keys: [], data: Buffer.from('elizaos-migration:v1:free-tokens') }),
      ),
    );
    const v3 = checkOfficial(memoless, params);
    expect(v3.kind === 'not-official' && v3.violations.map((v) => v.code)).toEqual(['MEMO_MISMATCH']);
  });

  it('names a known drainer', () => {
    const drainer = key();
    const bytes = wire(buildMigrationTransaction({ ...expected(), vaultTokenAccount: drainer, recentBlockhash: blockhash }));
    const verdict = checkOfficial(bytes, params, { knownDrainers: [drainer.toBase58()] });
    expect(verdict.kind === 'not-official' && verdict.violations.map((v) => v.code)).toContain('KNOWN_DRAINER');
  });

  it('recognises the official Revoke of the holder’s own accounts, and refuses one of someone else’s', () => {
    const ai16zAta = getAssociatedTokenAddressSync(new PublicKey(params.ai16z.mint), holder, false, TOKEN_2022_PROGRAM_ID);
    const ok = checkOfficial(wire(buildRevokeTransaction(holder, [{ address: ai16zAta, programId: TOKEN_2022_PROGRAM_ID }], blockhash)), params);
    expect(ok.kind).toBe('revoke');
    const other = checkOfficial(wire(buildRevokeTransaction(holder, [{ address: key(), programId: TOKEN_2022_PROGRAM_ID }], blockhash)), params);
    expect(other.kind === 'not-official' && other.closestShape === 'revoke' && other.violations.map((v) => v.code)).toEqual(['WRONG_ACCOUNT']);
  });

  it('reads a signature, base64 with line breaks, and refuses garbage with a clear message', () => {
    const signature = bs58.encode(new Uint8Array(64).fill(7));
    expect(parseCheckInput(` ${signature}\n`, bs58.decode)).toEqual({ kind: 'signature', signature });
    const bytes = wire(buildMigrationTransaction({ ...expected(), recentBlockhash: blockhash }));
    const b64 = Buffer.from(bytes).toString('base64');
    const parsed = parseCheckInput(`${b64.slice(0, 40)}\n${b64.slice(40)}`, bs58.decode);
    expect(parsed.kind === 'transaction' && Buffer.from(parsed.bytes).equals(Buffer.from(bytes))).toBe(true);
    for (const junk of ['', 'hello world!', 'AAAA', '%%%']) expect(() => parseCheckInput(junk, bs58.decode)).toThrow(CheckInputError);
    expect(() => parseCheckInput('not a transaction at all!', bs58.decode)).toThrow(/not a transaction \(base64 or base58\), a transaction signature, an explorer link or a web address/);
    const code = (text: string) => {
      try {
        parseCheckInput(text, bs58.decode);
      } catch (error) {
        return error instanceof CheckInputError ? error.code : null;
      }
      return null;
    };
    expect(['  ', 'not a transaction at all!', 'AAAA'].map(code)).toEqual(['EMPTY', 'UNRECOGNISED', 'NOT_A_TRANSACTION']);
  });

  it('reads what a phishing victim has: an explorer link of a transaction, base58 wire bytes, a site address', () => {
    const signature = bs58.encode(new Uint8Array(64).fill(9));
    expect(parseCheckInput(`https://explorer.solana.com/tx/${signature}`, bs58.decode)).toEqual({ kind: 'signature', signature, explorer: 'solana-explorer' });
    expect(parseCheckInput(`https://explorer.solana.com/tx/${signature}?cluster=devnet`, bs58.decode)).toEqual({ kind: 'signature', signature, explorer: 'solana-explorer', cluster: 'devnet' });
    expect(parseCheckInput(`solscan.io/tx/${signature}`, bs58.decode)).toEqual({ kind: 'signature', signature, explorer: 'solscan' });
    expect(parseCheckInput(` https://solana.fm/tx/${signature}/ `, bs58.decode)).toEqual({ kind: 'signature', signature, explorer: 'solanafm' });
    const bytes = wire(buildMigrationTransaction({ ...expected(), recentBlockhash: blockhash }));
    const base58 = parseCheckInput(bs58.encode(bytes), bs58.decode);
    expect(base58.kind === 'transaction' && base58.encoding === 'base58' && Buffer.from(base58.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(parseCheckInput('https://elizaos-migrate.xyz/claim?ref=1', bs58.decode)).toEqual({ kind: 'site', url: 'https://elizaos-migrate.xyz/claim?ref=1', origin: 'https://elizaos-migrate.xyz' });
    expect(parseCheckInput('migrate.elizaos.example', bs58.decode)).toMatchObject({ kind: 'site', origin: 'https://migrate.elizaos.example' });
    const code = (text: string) => {
      try {
        parseCheckInput(text, bs58.decode);
      } catch (error) {
        return error instanceof CheckInputError ? error.code : null;
      }
      return null;
    };
    expect(code(`https://solscan.io/account/${holder.toBase58()}`)).toBe('EXPLORER_NOT_TRANSACTION');
    expect(code('https://explorer.solana.com/tx/notasignature')).toBe('EXPLORER_NOT_TRANSACTION');
  });

  it('a site is the portal only at exactly the official origin (scheme, host, port); look-alikes are not', () => {
    const official = 'https://migrate.elizaos.ai';
    expect(isOfficialOrigin('https://migrate.elizaos.ai', official)).toBe(true);
    expect(isOfficialOrigin('https://MIGRATE.elizaos.ai:443', official)).toBe(true);
    for (const origin of ['http://migrate.elizaos.ai', 'https://migrate.elizaos.ai.evil.io', 'https://migrate-elizaos.ai', 'https://xn--migrte-3ya.elizaos.ai', 'https://migrate.elizaos.ai:8443', 'not a url']) {
      expect(isOfficialOrigin(origin, official), origin).toBe(false);
    }
  });

  it('puts a known drainer first among the reasons a transaction is not official', () => {
    const drainer = key();
    const bytes = wire(buildMigrationTransaction({ ...expected(), vaultTokenAccount: drainer, recentBlockhash: blockhash }));
    const verdict = checkOfficial(bytes, params, { knownDrainers: [drainer.toBase58()] });
    expect(verdict.kind === 'not-official' && verdict.violations[0]?.code).toBe('KNOWN_DRAINER');
    expect(drainersFirst([{ code: 'A' }, { code: 'KNOWN_DRAINER' }, { code: 'B' }]).map((v) => v.code)).toEqual(['KNOWN_DRAINER', 'A', 'B']);
  });
});

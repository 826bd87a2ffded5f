/** The Revoke builder: what it refuses to build (its output passing the policy is in revoke-policy.test.ts). */
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import { Keypair, PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { MAX_REVOKES, REVOKE_COMPUTE_UNIT_LIMIT_PER_ACCOUNT, RevokeParamsError, buildRevokeTransaction } from '@/lib/solana/revoke-builder';

const key = () => Keypair.generate().publicKey;
const holder = key();
const ai16zAccount = getAssociatedTokenAddressSync(key(), holder, false, TOKEN_2022_PROGRAM_ID);
const elizaosAccount = getAssociatedTokenAddressSync(key(), holder, false, TOKEN_PROGRAM_ID);
const blockhash = key().toBase58();
const both = [
  { address: ai16zAccount, programId: TOKEN_2022_PROGRAM_ID },
  { address: elizaosAccount, programId: TOKEN_PROGRAM_ID },
];

describe('revoke builder', () => {
  it('builds the limit, then one Revoke per account under its own program, fee payer = holder', () => {
    const tx = buildRevokeTransaction(holder, both, blockhash);
    expect(tx.feePayer?.equals(holder)).toBe(true);
    expect(tx.recentBlockhash).toBe(blockhash);
    expect(tx.instructions.map((ix) => ix.programId.toBase58())).toEqual(['ComputeBudget111111111111111111111111111111', TOKEN_2022_PROGRAM_ID.toBase58(), TOKEN_PROGRAM_ID.toBase58()]);
    expect(tx.instructions[0]?.data.readUInt32LE(1)).toBe(2 * REVOKE_COMPUTE_UNIT_LIMIT_PER_ACCOUNT);
  });

  it('refuses no accounts, too many, duplicates, a non-token program and a zero blockhash', () => {
    expect(() => buildRevokeTransaction(holder, [], blockhash)).toThrow(RevokeParamsError);
    const many = Array.from({ length: MAX_REVOKES + 1 }, () => ({ address: key(), programId: TOKEN_PROGRAM_ID }));
    expect(() => buildRevokeTransaction(holder, many, blockhash)).toThrow(RevokeParamsError);
    const one = { address: ai16zAccount, programId: TOKEN_2022_PROGRAM_ID };
    expect(() => buildRevokeTransaction(holder, [one, one], blockhash)).toThrow(RevokeParamsError);
    expect(() => buildRevokeTransaction(holder, [{ address: ai16zAccount, programId: key() }], blockhash)).toThrow(RevokeParamsError);
    expect(() => buildRevokeTransaction(holder, both, PublicKey.default.toBase58())).toThrow(RevokeParamsError);
  });
});

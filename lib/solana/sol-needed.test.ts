import { PublicKey } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@/lib/solana/constants';
import { associatedTokenAccountSize, defaultRentExemptLamports, solNeededForMigration, solNeededForNewHolder, solWorthInElizaos } from '@/lib/solana/sol-needed';

describe('the SOL a migration needs (one figure everywhere)', () => {
  it('the default rent is what the chain answers for a token account and a wallet', () => {
    expect(defaultRentExemptLamports(165)).toBe(2_039_280n);
    expect(defaultRentExemptLamports(170)).toBe(2_074_080n);
    expect(defaultRentExemptLamports(0)).toBe(890_880n);
    expect(associatedTokenAccountSize(TOKEN_PROGRAM_ID)).toBe(165);
    expect(associatedTokenAccountSize(TOKEN_2022_PROGRAM_ID)).toBe(170);
  });

  it('a new holder with no SOL needs fee + priority reserve + ELIZAOS rent + the wallet minimum', () => {
    const needed = solNeededForNewHolder(new PublicKey(TOKEN_PROGRAM_ID));
    expect(needed).toEqual({ networkFee: 10_000n, priorityFeeReserve: 200_000n, ataRent: 2_039_280n, walletMinimum: 890_880n, total: 3_140_160n, cost: 2_249_280n });
  });

  it('no rent when the ELIZAOS account exists; no wallet minimum when the migration empties the wallet exactly', () => {
    const base = { elizaosAccountExists: true, ataRentLamports: 2_039_280n, walletRentLamports: 890_880n };
    expect(solNeededForMigration({ ...base, lamports: 5_000_000n })).toMatchObject({ ataRent: 0n, cost: 210_000n, total: 1_100_880n });
    expect(solNeededForMigration({ ...base, lamports: 210_000n })).toMatchObject({ walletMinimum: 0n, total: 210_000n });
  });

  it('prices SOL in ELIZAOS at a reference rate, rounding down', () => {
    expect(solWorthInElizaos(2_249_280n, '30000', 9)).toBe(67_478_400_000n);
    expect(solWorthInElizaos(1n, '0.5', 9)).toBe(0n);
    expect(solWorthInElizaos(1_000_000_000n, '12.25', 2)).toBe(1_225n);
  });
});

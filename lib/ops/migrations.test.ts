import { describe, expect, it } from 'vitest';
import { opsMigrationsResponseSchema } from '@/lib/api/types';
import type { Migration } from '@/lib/db/schema';
import { migrationForOps } from '@/lib/ops/migrations';

const row: Migration = {
  id: '0b6a3f62-6c3e-4b9a-9d2a-2a4f1c9e7d10',
  wallet: '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T',
  amountIn: 12_500_000_000n,
  amountOut: 12_500_000_000n,
  state: 'confirmed',
  recentBlockhash: 'EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N',
  lastValidBlockHeight: 300n,
  unsignedTransaction: 'AQ==',
  signedTransaction: null,
  signature: null,
  error: null,
  sendError: null,
  createdAt: new Date('2026-01-02T03:04:05Z'),
  expiresAt: new Date('2026-01-02T03:06:05Z'),
  submittedAt: null,
  settledAt: null,
  declinedAt: null,
};

describe('migrationForOps', () => {
  it('names the AI16Z amount `amount` as the public API does, and keeps `amountIn` as the same value', () => {
    const view = migrationForOps(row);
    expect(view.amount).toBe('12500000000');
    expect(view.amountIn).toBe(view.amount);
    expect(opsMigrationsResponseSchema.parse({ migrations: [view] }).migrations[0]).toMatchObject({ amount: '12500000000', amountIn: '12500000000', amountOut: '12500000000' });
  });
});

import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { createTicketSchema } from '@/lib/support/schema';

const signature = bs58.encode(Uint8Array.from({ length: 64 }, (_, i) => (i * 7) % 256));
const base = { location: 'self_custody', description: 'My migration did not arrive.' };

describe('createTicketSchema', () => {
  it('accepts a minimal ticket and fills defaults', () => {
    expect(createTicketSchema.parse(base)).toEqual({ wallet: null, location: 'self_custody', exchange: null, signatures: [], description: base.description, contact: null, language: 'en', migrationId: null });
  });

  it('splits pasted signatures and checks each is 64 bytes of base58', () => {
    expect(createTicketSchema.parse({ ...base, signatures: `${signature}\n${signature}, ` }).signatures).toEqual([signature, signature]);
    expect(createTicketSchema.safeParse({ ...base, signatures: [Keypair.generate().publicKey.toBase58()] }).success).toBe(false);
    expect(createTicketSchema.safeParse({ ...base, signatures: ['0OIl'.repeat(22)] }).success).toBe(false);
    expect(createTicketSchema.safeParse({ ...base, signatures: Array(11).fill(signature) }).success).toBe(false);
  });

  it.each([
    ['a wallet that is a signature', { wallet: signature }],
    ['a wallet that is not base58', { wallet: '0x52908400098527886E0F7030069857D2E4169EE7' }],
    ['an unknown location', { location: 'moon' }],
    ['an exchange location without the exchange', { location: 'exchange' }],
    ['a too-short description', { description: 'help' }],
    ['a huge description', { description: 'x'.repeat(4_001) }],
    ['control characters', { description: 'hidden \u202e text here' }],
    ['an unknown language', { language: 'fr' }],
    ['an unknown field', { secretNote: 'x' }],
  ])('refuses %s', (_name, change) => {
    expect(createTicketSchema.safeParse({ ...base, ...change }).success).toBe(false);
  });
});

describe('createTicketSchema migrationId', () => {
  it('takes the migration id a failure screen prefilled, in any case, as the lower-case UUID', () => {
    expect(createTicketSchema.parse({ ...base, migrationId: '0E0F3D0A-1111-4111-8111-111111111111' }).migrationId).toBe('0e0f3d0a-1111-4111-8111-111111111111');
    expect(createTicketSchema.parse({ ...base, migrationId: '' }).migrationId).toBeNull();
  });
  it('refuses text that is not a migration id (the form says so, nothing is stored)', () => {
    expect(createTicketSchema.safeParse({ ...base, migrationId: 'my migration' }).success).toBe(false);
    expect(createTicketSchema.safeParse({ ...base, migrationId: '0e0f3d0a-1111-4111-8111' }).success).toBe(false);
  });
});

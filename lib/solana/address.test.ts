import { Keypair, PublicKey } from '@solana/web3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWallet } from '@/lib/migration/input';
import { readAddressInput } from '@/lib/solana/address';

describe('readAddressInput', () => {
  it('accepts a wallet address, on or off the curve, with the white space of a copy around it', () => {
    const wallet = Keypair.generate().publicKey.toBase58();
    expect(readAddressInput(`  ${wallet}\n`)).toEqual({ ok: true, address: wallet });
    const [vault] = PublicKey.findProgramAddressSync([Buffer.from('vault')], new PublicKey('SQDS4ep65T869zMMBKyuUq6aD6EgTu8psMjkvj52pCf'));
    expect(readAddressInput(vault.toBase58())).toEqual({ ok: true, address: vault.toBase58() });
    expect(readAddressInput('11111111111111111111111111111111')).toEqual({ ok: true, address: '11111111111111111111111111111111' });
  });

  it('says what is wrong with anything else', () => {
    expect(readAddressInput('   ')).toEqual({ ok: false, problem: 'empty', length: 0 });
    expect(readAddressInput('0x52908400098527886E0F7030069857D2E4169EE7')).toMatchObject({ ok: false, problem: 'characters' });
    expect(readAddressInput('HeLp6NuQkmYB4pYWo2zYs22mESHXPQYzXbB8n4V98jw C')).toMatchObject({ ok: false, problem: 'characters' });
    expect(readAddressInput('HeLp6NuQkmYB4pYWo2zYs22mESHXPQ')).toEqual({ ok: false, problem: 'length', length: 30 });
    // 44 characters that decode to 33 bytes.
    expect(readAddressInput('zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz')).toMatchObject({ ok: false, problem: 'notKey', length: 44 });
    expect(readAddressInput('1'.repeat(10_000))).toMatchObject({ ok: false, problem: 'characters' });
  });

  it('accepts exactly what the API accepts (parseWallet), once trimmed', () => {
    const base58 = fc.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{30,46}$/);
    const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => new PublicKey(b).toBase58());
    fc.assert(
      fc.property(fc.oneof(key, base58, fc.string({ maxLength: 50 })), (text) => {
        let api: string | null;
        try {
          api = parseWallet(text.trim()).toBase58();
        } catch {
          api = null;
        }
        const read = readAddressInput(text);
        expect(read.ok ? read.address : null).toBe(api);
      }),
      { numRuns: 500 },
    );
  });
});

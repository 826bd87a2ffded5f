import { generateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { findSecretInValues, findSecretMaterial, longestBip39Run } from '@/lib/support/secret-guard';

const words = (list: string[], n: number) => {
  const all = generateMnemonic(list, n === 24 ? 256 : 128).split(/[\s\u3000]+/);
  return all.slice(0, n);
};
const english12 = words(english, 12);
const korean12 = words(korean, 12);

describe('recovery phrases are refused', () => {
  it.each([
    ['English, spaced', english12.join(' ')],
    ['English, comma separated', english12.join(', ')],
    ['English, one per line', english12.join('\n')],
    ['English, numbered', english12.map((w, i) => `${i + 1}. ${w}`).join(' ')],
    ['English, numbered with parentheses', english12.map((w, i) => `${i + 1}) ${w}`).join('\n')],
    ['English, upper case', english12.join(' ').toUpperCase()],
    ['English, quoted in other text', `Hi support, my wallet broke. My words are "${english12.join(' ')}" please restore it.`],
    ['English, 24 words', words(english, 24).join(' ')],
    ['Korean, spaced (NFKD as the wordlist ships)', korean12.join(' ')],
    ['Korean, composed (NFC, as people type)', korean12.join(' ').normalize('NFC')],
    ['Korean, comma separated inside Korean text', `지갑 복구 문구는 ${korean12.join(', ')} 입니다`],
    ['Japanese, ideographic spaces', words(japanese, 12).join('\u3000')],
    ['Spanish', words(spanish, 12).join(' ')],
  ])('%s', (_name, text) => {
    expect(findSecretMaterial(text)).toMatchObject({ kind: 'recovery-phrase' });
  });

  it('names the wordlist and counts the run', () => {
    expect(longestBip39Run(`hi ${english12.join(' ')} ok`)).toEqual({ wordlist: 'english', words: 12 });
  });
});

describe('secret keys are refused', () => {
  const keypair = Keypair.generate();
  it.each([
    ['base58 of the 64-byte secret key (Phantom export)', `my key is ${bs58.encode(keypair.secretKey)}`],
    ['a Solana CLI keypair file (JSON array of 64 numbers)', JSON.stringify(Array.from(keypair.secretKey))],
    ['a spaced JSON byte array', `[${Array.from(keypair.secretKey).join(', ')}]`],
    ['128 hex digits', Buffer.from(keypair.secretKey).toString('hex')],
    ['0x-prefixed hex', `0x${Buffer.from(keypair.secretKey).toString('hex')}`],
    ['a BIP32 extended private key', `xprv${'9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi'.slice(0, 107)}`],
  ])('%s', (_name, text) => {
    expect(findSecretMaterial(text)).toMatchObject({ kind: 'secret-key' });
  });
});

describe('ordinary text passes', () => {
  it.each([
    ['11 BIP39 words', english12.slice(0, 11).join(' ')],
    ['11 Korean words', korean12.slice(0, 11).join(' ')],
    [
      'English prose full of BIP39 words',
      'I tried to migrate my tokens this morning but the page said the amount was above what remains. I have a Ledger and used Phantom. ' +
        'Can you check my wallet and tell me what happened? The exchange said they would handle it but I am not sure about that at all.',
    ],
    [
      'a long list of BIP39 words broken by ordinary words',
      'I was about to ability: able, about, above, absent... and then I opened the app, and the wallet was empty, and my balance was zero, and I am worried.',
    ],
    ['Korean prose', '지갑을 연결했는데 전환 버튼을 누르면 오류가 납니다. 빗썸에 있던 토큰은 어떻게 되나요? 확인 부탁드립니다.'],
    ['a transaction signature (base58 of 64 bytes, not a keypair)', bs58.encode(Keypair.generate().secretKey.map((b, i) => (i >= 32 ? b ^ 0xff : b)))],
    ['a wallet address', Keypair.generate().publicKey.toBase58()],
    ['64 hex digits (a 32-byte hash)', 'a'.repeat(64)],
    ['a JSON array of 32 numbers', JSON.stringify(Array.from({ length: 32 }, (_, i) => i))],
    ['an empty string', ''],
  ])('%s', (_name, text) => {
    expect(findSecretMaterial(text)).toBeNull();
  });
});

describe('the rule is about consecutive words, not how many BIP39 words a text holds', () => {
  const englishWords = new Set(english);
  const prose =
    'I tried to migrate my tokens this morning but the page said the amount was above what remains. I have a Ledger and used Phantom. ' +
    'Can you check my wallet and tell me what happened? The exchange said they would handle it but I am not sure about that at all. ' +
    'Eleven words in a row pass too: ' +
    english12.slice(0, 11).join(' ');
  it('prose with dozens of BIP39 words and a run of 11 passes', () => {
    const inList = prose.toLowerCase().split(/[^a-z]+/).filter((w) => englishWords.has(w)).length;
    expect(inList).toBeGreaterThanOrEqual(30);
    expect(longestBip39Run(prose).words).toBe(11);
    expect(findSecretMaterial(prose)).toBeNull();
  });
  it('one more word in the run is refused', () => {
    expect(findSecretMaterial(`${prose} ${english12[11] ?? ''}`)).toMatchObject({ kind: 'recovery-phrase', words: 12 });
  });
});

describe('findSecretInValues', () => {
  it('walks nested objects and arrays and names the field', () => {
    const body = { wallet: 'x', signatures: ['a', english12.join(' ')], nested: { ok: 'fine' } };
    expect(findSecretInValues(body)).toEqual({ field: 'signatures[1]', finding: expect.objectContaining({ kind: 'recovery-phrase' }) });
    expect(findSecretInValues({ description: 'all good', contact: null, n: 3 })).toBeNull();
  });
});

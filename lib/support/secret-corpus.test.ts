/**
 * The support desk's secret corpus: realistic ways a holder (or a fake "support" agent's script)
 * pastes a recovery phrase or a private key into a ticket, every one of which must be refused, and
 * realistic ticket texts that must pass (addresses, signatures, migration ids, message hashes,
 * amounts, English, Korean, Spanish and French prose). Every case is a whole ticket body, checked
 * the way the server and the form check it (`findSecretInValues`), so a phrase split between two
 * fields is one case like any other. Deterministic: fixed entropy and fixed ed25519 seeds.
 *
 * The README ("Support desk") gives the counts; the last test prints them.
 */
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist as chinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import bs58 from 'bs58';
import { afterAll, describe, expect, it } from 'vitest';
import { findSecretInValues } from '@/lib/support/secret-guard';

/** 16 or 32 bytes of entropy made from `n` (deterministic, different for each n). */
const entropy = (n: number, bytes = 16) => Uint8Array.from({ length: bytes }, (_, i) => (n * 131 + i * 37 + 11) & 0xff);
const phrase = (list: string[], n: number, bytes = 16) => entropyToMnemonic(entropy(n, bytes), list).split(/[\s\u3000]+/);
/** The first phrase of `list` with a word that carries an accent (so typing it without them matters). */
function accentedPhrase(list: string[]): string[] {
  for (let n = 0; ; n++) {
    const words = phrase(list, n);
    if (words.some((w) => w.normalize('NFKD') !== w.normalize('NFKD').replace(/\p{M}/gu, ''))) return words;
  }
}
const stripAccents = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '');

const en12 = phrase(english, 1);
const ko12 = phrase(korean, 2);

/** A Solana keypair as wallets export it: 32-byte seed, then its ed25519 public key. */
const seed = Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 7) & 0xff);
const keypair = new Uint8Array([...seed, ...ed25519.getPublicKey(seed)]);
const b58Keypair = bs58.encode(keypair);
const hexKeypair = Buffer.from(keypair).toString('hex');
const hexSeed = Buffer.from(seed).toString('hex');
const bytes = Array.from(keypair);

/** Cyrillic letters that look like Latin ones (a, c, e, o, p, x, y, i). */
const CYRILLIC: Record<string, string> = { a: '\u0430', c: '\u0441', e: '\u0435', o: '\u043e', p: '\u0440', x: '\u0445', y: '\u0443', i: '\u0456' };

const ticket = (description: string, extra: Record<string, unknown> = {}) => ({ location: 'unsure', description, ...extra });

/** Each kind of secret a ticket must never store. */
const SECRETS: [string, Record<string, unknown>][] = [
  // Recovery phrases
  ['English, spaced', ticket(en12.join(' '))],
  ['English, comma separated', ticket(en12.join(', '))],
  ['English, one word per line', ticket(en12.join('\n'))],
  ['English, numbered "1. word"', ticket(en12.map((w, i) => `${i + 1}. ${w}`).join(' '))],
  ['English, numbered "01) word" per line', ticket(en12.map((w, i) => `${String(i + 1).padStart(2, '0')}) ${w}`).join('\n'))],
  ['English, numbered without punctuation "1 word 2 word"', ticket(en12.map((w, i) => `${i + 1} ${w}`).join(' '))],
  ['English, upper case', ticket(en12.join(' ').toUpperCase())],
  ['English, Title Case', ticket(en12.map((w) => w[0]?.toUpperCase() + w.slice(1)).join(' '))],
  ['English, hyphenated', ticket(en12.join('-'))],
  ['English, quoted inside prose', ticket(`Hi support, my wallet broke. My words are "${en12.join(' ')}" please restore it.`)],
  ['English, 24 words', ticket(phrase(english, 3, 32).join(' '))],
  ['English, lettered list "a) word b) word"', ticket(en12.map((w, i) => `${String.fromCharCode(97 + i)}) ${w}`).join(' '))],
  ['English, lettered list "A. word" per line', ticket(en12.map((w, i) => `${String.fromCharCode(65 + i)}. ${w}`).join('\n'))],
  ['English, split between description and contact', ticket(`The support agent asked me to confirm: ${en12.slice(0, 6).join(' ')}`, { contact: `${en12.slice(6).join(' ')} is the rest` })],
  ['English, split between description and exchange', ticket(en12.slice(0, 7).join(' '), { location: 'exchange', exchange: en12.slice(7).join(' ') })],
  ['English, words run together', ticket(`my seed: ${en12.join('')}`)],
  ['English, words run together in CamelCase', ticket(en12.map((w) => w[0]?.toUpperCase() + w.slice(1)).join(''))],
  ['English, Cyrillic homoglyph letters', ticket(en12.join(' ').replace(/[aceopxyi]/g, (c) => CYRILLIC[c] ?? c))],
  ['English, zero-width characters inside the words', ticket(en12.map((w) => `${w.slice(0, 2)}\u200b${w.slice(2)}\u00ad`).join(' '))],
  ['English, full-width letters', ticket(en12.join(' ').replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)))],
  ['Korean, spaced (NFKD, as the wordlist ships)', ticket(ko12.join(' '))],
  ['Korean, composed (NFC, as people type)', ticket(ko12.join(' ').normalize('NFC'))],
  ['Korean, comma separated inside Korean text', ticket(`지갑 복구 문구는 ${ko12.join(', ').normalize('NFC')} 입니다`)],
  ['Japanese, ideographic spaces', ticket(phrase(japanese, 4).join('\u3000'))],
  ['Chinese (simplified), spaced', ticket(phrase(chinese, 5).join(' '))],
  ['Spanish, with accents', ticket(accentedPhrase(spanish).join(' '))],
  ['Spanish, typed without accents', ticket(stripAccents(accentedPhrase(spanish).join(' ')))],
  ['French, typed without accents', ticket(stripAccents(accentedPhrase(french).join(' ')))],
  ['Italian', ticket(phrase(italian, 6).join(' '))],
  ['Portuguese', ticket(phrase(portuguese, 7).join(' '))],
  ['Czech', ticket(phrase(czech, 8).join(' '))],
  // Secret keys
  ['base58 of the 64-byte keypair (Phantom export)', ticket(`my key is ${b58Keypair}`)],
  ['base58 keypair with a space in the middle', ticket(`${b58Keypair.slice(0, 44)} ${b58Keypair.slice(44)}`)],
  ['base58 keypair split over two lines', ticket(`key part one:\n${b58Keypair.slice(0, 40)}\n${b58Keypair.slice(40)}`)],
  ['Solana CLI keypair file (JSON array of 64 numbers)', ticket(JSON.stringify(bytes))],
  ['JSON array, spaced', ticket(`[${bytes.join(', ')}]`)],
  ['JSON array, pretty-printed over lines', ticket(JSON.stringify(bytes, null, 2))],
  ['JSON array with a trailing comma', ticket(`[${bytes.join(',')},]`)],
  ['comma list without brackets', ticket(`here: ${bytes.join(',')}`)],
  ['space-separated numbers', ticket(bytes.join(' '))],
  ['Uint8Array console output', ticket(`Uint8Array(64) [\n  ${bytes.join(', ')}\n]`)],
  ['128 hex digits', ticket(hexKeypair)],
  ['128 hex digits with 0x', ticket(`0x${hexKeypair}`)],
  ['hex with a space between bytes', ticket(hexKeypair.match(/../g)?.join(' ') ?? '')],
  ['hex in groups of eight, upper case', ticket(hexKeypair.toUpperCase().match(/.{8}/g)?.join(' ') ?? '')],
  ['base64 of the 64-byte keypair', ticket(Buffer.from(keypair).toString('base64'))],
  ['base64url of the 64-byte keypair, unpadded', ticket(Buffer.from(keypair).toString('base64url'))],
  ['the 32-byte seed in hex', ticket(`private key ${hexSeed}`)],
  ['the 32-byte seed in hex, 0x-prefixed, no label', ticket(`0x${hexSeed}`)],
  ['the 32-byte seed in base58, labelled as a key', ticket(`Private key: ${bs58.encode(seed)}`)],
  ['the 32-byte seed in base58, labelled in Korean', ticket(`개인키: ${bs58.encode(seed)}`)],
  ['the 32-byte seed as a labelled number array', ticket(`secretKey = [${Array.from(seed).join(', ')}]`)],
  ['a BIP32 extended private key', ticket(`xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi`)],
];

/** Real ed25519 keys for the legitimate texts (none is the keypair above). */
const other = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (n * 97 + i * 13 + 3) & 0xff);
const address = (n: number) => bs58.encode(ed25519.getPublicKey(other(n)));
const signature = (n: number) => bs58.encode(ed25519.sign(new TextEncoder().encode(`transaction ${n}`), other(n)));
const uuid = '3f2c1b9e-8a47-4d61-9b0e-5c7d2a1f6e48';
const messageHash = bs58.encode(Uint8Array.from({ length: 32 }, (_, i) => (i * 53 + 17) & 0xff));

/** Tickets people legitimately send: each must be accepted by the guard. */
const LEGIT: [string, Record<string, unknown>][] = [
  ['a wallet address in the wallet field', ticket('My migration did not arrive.', { wallet: address(1) })],
  ['three signatures, one per line', ticket('These are my transactions.', { signatures: [signature(1), signature(2), signature(3)].join('\n') })],
  ['signatures separated by single spaces', ticket(`Transactions: ${signature(4)} ${signature(5)} ${signature(6)}`)],
  ['two addresses separated by a space', ticket(`From ${address(2)} ${address(3)} nothing arrived.`)],
  ['an explorer link with a signature', ticket(`See https://explorer.solana.com/tx/${signature(7)}?cluster=mainnet-beta`)],
  ['a migration id and its memo', ticket(`Migration ${uuid} is still pending; memo elizaos-migration:v1:${uuid}`)],
  ['a receipt link', ticket(`https://migrate.elizaos.ai/ko/receipt/${uuid}`)],
  ['the message hash from the preview (base58, 32 bytes)', ticket(`The preview showed message hash ${messageHash} but Ledger showed another.`)],
  ['the scammer’s address after “seed phrase” in prose', ticket(`Someone on Telegram asked for my seed phrase. I refused. Their wallet is ${address(4)}, please add it to the drainer list.`)],
  ['amounts and fees', ticket('I migrated 1,234.567891234 AI16Z and received 7,407.407347404 ELIZAOS; the fee was 0.000005 SOL and rent 0.00203928 SOL.')],
  ['a short list of numbers', ticket('I tried 3 times: steps 1, 2, 3, 4 and 5 all failed at 12:34, 12:40 and 12:55 UTC.')],
  ['an Ethereum address', ticket('I also hold tokens at 0x52908400098527886E0F7030069857D2E4169EE7 on Base, is that relevant?')],
  ['a base64 transaction from the check page', ticket(Buffer.from(Uint8Array.from({ length: 400 }, (_, i) => (i * 7) & 0xff)).toString('base64'))],
  ['64 hex digits of filler', ticket('a'.repeat(64))],
  ['a JSON array of 32 numbers, unlabelled', ticket(JSON.stringify(Array.from({ length: 32 }, (_, i) => i)))],
  ['an email contact', ticket('Please reply on the ticket page.', { contact: 'holder.name+elizaos@example.com' })],
  ['eleven BIP39 words in a row', ticket(en12.slice(0, 11).join(' '))],
  [
    'English prose full of BIP39 words',
    ticket(
      'I tried to migrate my tokens this morning but the page said the amount was above what remains. I have a Ledger and used Phantom. ' +
        'Can you check my wallet and tell me what happened? The exchange said they would handle it but I am not sure about that at all.',
    ),
  ],
  ['English prose with long words', ticket('Unfortunately, notwithstanding the troubleshooting instructions, the internationalization of the confirmation screen was incomprehensible.')],
  ['Korean prose', ticket('지갑을 연결했는데 전환 버튼을 누르면 오류가 납니다. 빗썸에 있던 토큰은 어떻게 되나요? 확인 부탁드립니다.')],
  ['Korean prose with amounts and an address', ticket(`빗썸에서 1,000 AI16Z를 출금했는데 ELIZAOS 6,000개가 아직 안 들어왔습니다. 제 지갑 주소는 ${address(5)} 입니다.`)],
  ['Spanish prose', ticket('Hola, no puedo migrar mis tokens. La página dice que la cantidad es mayor que lo que queda. ¿Qué debo hacer ahora? Gracias por la ayuda.')],
  ['French prose', ticket('Bonjour, la migration a échoué hier soir : le portefeuille a refusé la transaction. Pouvez-vous vérifier mon adresse et me dire quoi faire ?')],
  ['a ticket with every field filled in', { wallet: address(6), location: 'exchange', exchange: 'Bithumb', signatures: [signature(8)], description: 'Bithumb has not credited ELIZAOS yet.', contact: '@holder on Telegram', language: 'ko' }],
];

const results = { secrets: 0, legit: 0 };
afterAll(() => {
  console.log(`secret corpus: ${results.secrets} of ${SECRETS.length} secret kinds refused; ${results.legit} of ${LEGIT.length} legitimate tickets accepted`);
});

describe('every realistic secret format is refused', () => {
  it.each(SECRETS)('%s', (_kind, body) => {
    const found = findSecretInValues(body);
    expect(found).not.toBeNull();
    results.secrets += 1;
  });
});

describe('legitimate ticket texts pass', () => {
  it.each(LEGIT)('%s', (_kind, body) => {
    expect(findSecretInValues(body)).toBeNull();
    results.legit += 1;
  });
});

describe('the corpus is what it says', () => {
  it('has at least 31 kinds of secrets, and its fixtures are real', () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(31);
    expect(keypair.subarray(32)).toEqual(ed25519.getPublicKey(keypair.subarray(0, 32)));
    expect(bs58.decode(signature(1))).toHaveLength(64);
    expect(stripAccents(accentedPhrase(spanish).join(' '))).not.toBe(accentedPhrase(spanish).join(' '));
  });
});

import { describe, expect, it } from 'vitest';
import { buildSiwsMessage, checkSiwsFields, OPS_SIGN_IN_STATEMENT, parseSiwsMessage, type SiwsFields, SiwsFormatError, siwsChainId } from '@/lib/ops/siws';

const now = new Date('2026-11-23T12:00:00.000Z');
const fields = (over: Partial<SiwsFields> = {}): SiwsFields => ({
  domain: 'migrate.example.org',
  address: 'FNa2cn3SZ3y2UqQbdeN6sAoVR1bJCwH3p8xA3UcHhMKN',
  statement: OPS_SIGN_IN_STATEMENT,
  uri: 'https://migrate.example.org',
  version: '1',
  chainId: 'mainnet',
  nonce: 'Ab3dEf9hJk2mNp4q',
  issuedAt: '2026-11-23T11:59:00.000Z',
  expirationTime: '2026-11-23T12:04:00.000Z',
  ...over,
});
const expected = {
  domain: 'migrate.example.org',
  uri: 'https://migrate.example.org',
  chainId: 'mainnet',
  statement: OPS_SIGN_IN_STATEMENT,
  maxLifetimeMs: 6 * 60_000,
  clockSkewMs: 60_000,
};

describe('SIWS message text', () => {
  it('follows the SIWS / CAIP-122 layout exactly', () => {
    expect(buildSiwsMessage(fields())).toBe(
      [
        'migrate.example.org wants you to sign in with your Solana account:',
        'FNa2cn3SZ3y2UqQbdeN6sAoVR1bJCwH3p8xA3UcHhMKN',
        '',
        OPS_SIGN_IN_STATEMENT,
        '',
        'URI: https://migrate.example.org',
        'Version: 1',
        'Chain ID: mainnet',
        'Nonce: Ab3dEf9hJk2mNp4q',
        'Issued At: 2026-11-23T11:59:00.000Z',
        'Expiration Time: 2026-11-23T12:04:00.000Z',
      ].join('\n'),
    );
  });

  it('parses what it builds, field for field', () => {
    expect(parseSiwsMessage(buildSiwsMessage(fields()))).toEqual(fields());
  });

  it('maps the cluster to the SIWS chain id', () => {
    expect(siwsChainId('mainnet-beta')).toBe('mainnet');
    expect(siwsChainId('localnet')).toBe('localnet');
  });

  it.each([
    ['a trailing newline', (t: string) => `${t}\n`],
    ['text before it', (t: string) => `hello\n${t}`],
    ['an extra field', (t: string) => `${t}\nRequest ID: 1`],
    ['a missing field', (t: string) => t.replace(/\nNonce: .*/, '')],
    ['reordered fields', (t: string) => t.replace('Version: 1\nChain ID: mainnet', 'Chain ID: mainnet\nVersion: 1')],
    ['version 2', (t: string) => t.replace('Version: 1', 'Version: 2')],
    ['a short nonce', (t: string) => t.replace('Nonce: Ab3dEf9hJk2mNp4q', 'Nonce: abc')],
    ['a non-base58 address', (t: string) => t.replace('FNa2cn3SZ3y2UqQbdeN6sAoVR1bJCwH3p8xA3UcHhMKN', 'FNa2cn3SZ3y2UqQbdeN6sAoVR1bJCwH3p8xA3UcHhMK0')],
    ['a non-RFC 3339 date', (t: string) => t.replace('Issued At: 2026-11-23T11:59:00.000Z', 'Issued At: yesterday')],
    ['CRLF line ends', (t: string) => t.replaceAll('\n', '\r\n')],
  ])('refuses a message with %s', (_name, tamper) => {
    expect(() => parseSiwsMessage(tamper(buildSiwsMessage(fields())))).toThrow(SiwsFormatError);
  });

  it('refuses to build a statement with a newline (it would forge fields)', () => {
    expect(() => buildSiwsMessage(fields({ statement: 'hi\nURI: https://evil.example' }))).toThrow(SiwsFormatError);
  });
});

describe('checkSiwsFields', () => {
  it('accepts the expected fields within their lifetime', () => {
    expect(checkSiwsFields(fields(), expected, now)).toEqual([]);
  });

  it.each([
    ['WRONG_DOMAIN', fields({ domain: 'migrate.example.org.evil.example' })],
    ['WRONG_DOMAIN', fields({ domain: 'migrate-example.org' })],
    ['WRONG_URI', fields({ uri: 'https://evil.example' })],
    ['WRONG_CHAIN', fields({ chainId: 'devnet' })],
    ['WRONG_STATEMENT', fields({ statement: 'Approve a transfer of all your tokens.' })],
    ['EXPIRED', fields({ expirationTime: '2026-11-23T11:59:59.000Z' })],
    ['ISSUED_IN_FUTURE', fields({ issuedAt: '2026-11-23T12:02:00.000Z', expirationTime: '2026-11-23T12:05:00.000Z' })],
    ['LIFETIME_TOO_LONG', fields({ expirationTime: '2026-11-24T12:00:00.000Z' })],
    ['LIFETIME_TOO_LONG', fields({ issuedAt: '2026-11-23T12:04:00.000Z', expirationTime: '2026-11-23T12:03:00.000Z' })],
  ] as const)('finds %s', (problem, f) => {
    expect(checkSiwsFields(f, expected, now)).toContain(problem);
  });
});

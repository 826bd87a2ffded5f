/**
 * Sign-In-With-Solana messages for the ops console and CLI: building, parsing and checking the
 * fields of the text a wallet signs. The text format is SIWS (Phantom's Sign In With Solana, the
 * Solana profile of CAIP-122 / EIP-4361):
 *
 * ```
 * ${domain} wants you to sign in with your Solana account:
 * ${address}
 *
 * ${statement}
 *
 * URI: ${uri}
 * Version: 1
 * Chain ID: ${chainId}
 * Nonce: ${nonce}
 * Issued At: ${issuedAt}
 * Expiration Time: ${expirationTime}
 * ```
 *
 * The text itself is written and read by `@solana/wallet-standard-util` (`createSignInMessageText`,
 * `parseSignInMessageText`: the wallet-standard's reference implementation of this format, the one
 * wallets use for `solana:signIn`); this module adds what the portal requires of it: exactly these
 * fields, each of a strict shape, and nothing else.
 *
 * Pure (no I/O, no Node APIs): the browser and the CLI build with it, the server parses and
 * checks with it; the signature itself is checked in lib/ops/auth.ts.
 */
import { createSignInMessageText, parseSignInMessageText } from '@solana/wallet-standard-util';
import { BASE58_ADDRESS_SHAPE } from '@/lib/text/patterns';

export type SiwsFields = {
  /** RFC 3986 authority the request comes from (`migrate.example.org`, `localhost:3000`). */
  domain: string;
  /** Base58 Solana address of the signer. */
  address: string;
  /** One line of ASCII text, no newline. */
  statement: string;
  /** The portal's origin (`https://migrate.example.org`). */
  uri: string;
  version: '1';
  /** SIWS chain id: `mainnet`, `devnet`, `testnet` or `localnet`. */
  chainId: string;
  /** At least 8 alphanumeric characters, issued by the server, single use. */
  nonce: string;
  /** ISO 8601 (RFC 3339) UTC timestamps. */
  issuedAt: string;
  expirationTime: string;
};

/** What the statement says: ASCII only, so a Ledger can show it as text rather than a hash. */
export const OPS_SIGN_IN_STATEMENT = 'Sign in to the AI16Z to ELIZAOS migration ops console. This signs no transaction and moves no funds.';

/** The SIWS chain id of a cluster name (`mainnet-beta` → `mainnet`). */
export function siwsChainId(cluster: string): string {
  return cluster === 'mainnet-beta' ? 'mainnet' : cluster;
}

const NONCE = /^[A-Za-z0-9]{8,64}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DOMAIN = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;
const PRINTABLE_LINE = /^[\x20-\x7e]{1,300}$/;

/** Thrown by {@link buildSiwsMessage} and {@link parseSiwsMessage} with what is wrong. */
export class SiwsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SiwsFormatError';
  }
}

function assertFieldShapes(f: SiwsFields): void {
  if (!DOMAIN.test(f.domain)) throw new SiwsFormatError('the domain is not a host[:port]');
  if (!BASE58_ADDRESS_SHAPE.test(f.address)) throw new SiwsFormatError('the address is not a base58 Solana address');
  if (!PRINTABLE_LINE.test(f.statement)) throw new SiwsFormatError('the statement must be one line of printable ASCII');
  if (!/^https?:\/\/[^\s/]+$/.test(f.uri)) throw new SiwsFormatError('the URI must be an http(s) origin');
  if (f.version !== '1') throw new SiwsFormatError('the version must be 1');
  if (!/^[a-z]{3,16}$/.test(f.chainId)) throw new SiwsFormatError('the chain id is malformed');
  if (!NONCE.test(f.nonce)) throw new SiwsFormatError('the nonce must be 8 to 64 alphanumeric characters');
  if (!RFC3339.test(f.issuedAt) || Number.isNaN(Date.parse(f.issuedAt))) throw new SiwsFormatError('Issued At is not an RFC 3339 timestamp');
  if (!RFC3339.test(f.expirationTime) || Number.isNaN(Date.parse(f.expirationTime))) throw new SiwsFormatError('Expiration Time is not an RFC 3339 timestamp');
}

/**
 * The exact text to sign (UTF-8 encode it for `signMessage`).
 * @throws SiwsFormatError when a field has the wrong shape (a newline anywhere, for one).
 */
export function buildSiwsMessage(f: SiwsFields): string {
  assertFieldShapes(f);
  return createSignInMessageText(f);
}

/**
 * Parses a signed text back into its fields. Strict: exactly the lines {@link buildSiwsMessage}
 * writes, in that order, nothing before or after (no optional SIWS field such as Not Before,
 * Request ID or Resources), and the result rebuilds to the same text.
 *
 * @throws SiwsFormatError naming what does not match.
 */
export function parseSiwsMessage(text: string): SiwsFields {
  if (text.length > 2_000) throw new SiwsFormatError('the message is too long');
  const parsed = parseSignInMessageText(text);
  if (!parsed) throw new SiwsFormatError('the message is not a Sign-In-With-Solana message of the expected form');
  const { domain, address, statement, uri, version, chainId, nonce, issuedAt, expirationTime, notBefore, requestId, resources } = parsed;
  if (notBefore !== undefined || requestId !== undefined || resources !== undefined) throw new SiwsFormatError('the message has fields this portal does not issue');
  if (version !== '1') throw new SiwsFormatError('the version must be 1');
  if (statement === undefined || uri === undefined || chainId === undefined || nonce === undefined || issuedAt === undefined || expirationTime === undefined) {
    throw new SiwsFormatError('the message lacks a field this portal requires');
  }
  const fields: SiwsFields = { domain, address, statement, uri, version, chainId, nonce, issuedAt, expirationTime };
  if (buildSiwsMessage(fields) !== text) throw new SiwsFormatError('the message does not rebuild to the same text');
  return fields;
}

export type SiwsExpectation = {
  domain: string;
  uri: string;
  chainId: string;
  statement: string;
  /** Longest accepted span from Issued At to Expiration Time, ms. */
  maxLifetimeMs: number;
  /** Tolerated clock difference for Issued At in the future, ms. */
  clockSkewMs: number;
};

/** Why a well-formed message is still refused; each has its own code for the answer and tests. */
export type SiwsProblem =
  | 'WRONG_DOMAIN'
  | 'WRONG_URI'
  | 'WRONG_CHAIN'
  | 'WRONG_STATEMENT'
  | 'ISSUED_IN_FUTURE'
  | 'EXPIRED'
  | 'LIFETIME_TOO_LONG';

/**
 * Checks the fields of a parsed message against what this portal expects at `now`.
 * @returns the problems found (empty when acceptable).
 */
export function checkSiwsFields(f: SiwsFields, expected: SiwsExpectation, now: Date): SiwsProblem[] {
  const problems: SiwsProblem[] = [];
  if (f.domain.toLowerCase() !== expected.domain.toLowerCase()) problems.push('WRONG_DOMAIN');
  if (f.uri !== expected.uri) problems.push('WRONG_URI');
  if (f.chainId !== expected.chainId) problems.push('WRONG_CHAIN');
  if (f.statement !== expected.statement) problems.push('WRONG_STATEMENT');
  const issued = Date.parse(f.issuedAt);
  const expires = Date.parse(f.expirationTime);
  if (issued > now.getTime() + expected.clockSkewMs) problems.push('ISSUED_IN_FUTURE');
  if (expires <= now.getTime()) problems.push('EXPIRED');
  if (expires - issued > expected.maxLifetimeMs || expires <= issued) problems.push('LIFETIME_TOO_LONG');
  return problems;
}

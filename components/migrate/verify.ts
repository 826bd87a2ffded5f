/**
 * The browser's own check of the transaction it is about to hand to the wallet (and of what the
 * wallet hands back). What the transaction must do is derived here from the holder's own inputs
 * and the page's public parameters, never from the server's answer: a compromised or spoofed
 * server cannot talk the page into a different transfer.
 */
import { PublicKey, Transaction } from '@solana/web3.js';
import type { BuildResponse } from '@/lib/api/types';
import { expectedFromJson, type MigrationExpected } from '@/lib/solana/builder';
import { amountOutFor, expectedMigrationOf, officialAccountsOf, officialParamsDifferences, type OfficialParams } from '@/lib/solana/official-params';
import { verifyMigrationTransaction, type DecodedMigration } from '@/lib/solana/policy';
import { PolicyRefusal, type Violation } from '@/components/migrate/errors';
import { BASE64 } from '@/lib/text/patterns';

/** What the migration transaction must do, from the holder's inputs and the page's parameters. */
export function expectedFromInputs(params: OfficialParams, holder: PublicKey, amountIn: bigint, migrationId: string): MigrationExpected {
  return expectedMigrationOf(params, { migrationId, holder, amountIn, amountOut: amountOutFor(params, amountIn) });
}

/** Every field where the server's idea of the migration differs from the page's (empty when they agree). */
export function compareExpected(mine: MigrationExpected, theirs: MigrationExpected): Violation[] {
  const text = (field: string, a: string, b: string) => ({ field, mine: a, theirs: b });
  const differences = [
    text('migration id', mine.migrationId, theirs.migrationId),
    text('holder', mine.holder.toBase58(), theirs.holder.toBase58()),
    ...officialParamsDifferences(officialAccountsOf(mine), officialAccountsOf(theirs)),
    text('AI16Z amount', mine.amountIn.toString(), theirs.amountIn.toString()),
    text('ELIZAOS amount', mine.amountOut.toString(), theirs.amountOut.toString()),
  ];
  return differences
    .filter((d) => d.mine !== d.theirs)
    .map((d) => ({ code: 'EXPECTED_MISMATCH', message: `The portal described a different ${d.field} (${d.theirs}) than this page expects (${d.mine}).` }));
}

export type VerifiedBuild = {
  /** The exact unsigned bytes that were checked: these, and nothing else, go to the wallet. */
  bytes: Uint8Array;
  transaction: Transaction;
  migration: DecodedMigration;
  expected: MigrationExpected;
};

/**
 * Checks a build answer before the wallet sees it: the server's `expected` must equal the page's
 * own, and the transaction bytes must pass the policy against the page's own expectation.
 * @throws PolicyRefusal (stage `built`) listing every problem found
 */
export function verifyBuild(build: BuildResponse, params: OfficialParams, holder: PublicKey, amountIn: bigint): VerifiedBuild {
  const expected = expectedFromInputs(params, holder, amountIn, build.id);
  let theirs: MigrationExpected;
  try {
    theirs = expectedFromJson(build.expected);
  } catch {
    throw new PolicyRefusal([{ code: 'EXPECTED_UNREADABLE', message: 'The portal’s description of the migration could not be read.' }], 'built');
  }
  const mismatches = compareExpected(expected, theirs);
  const bytes = decodeBase64(build.transaction);
  if (!bytes) throw new PolicyRefusal([...mismatches, { code: 'NOT_BASE64', message: 'The transaction is not valid base64.' }], 'built');
  const verdict = verifyMigrationTransaction(bytes, expected);
  const violations = [...mismatches, ...(verdict.ok ? [] : verdict.violations)];
  if (!verdict.ok || violations.length > 0) throw new PolicyRefusal(violations, 'built');
  let transaction: Transaction;
  try {
    transaction = Transaction.from(bytes);
  } catch {
    throw new PolicyRefusal([{ code: 'UNDECODABLE', message: 'The transaction could not be decoded as a legacy transaction.' }], 'built');
  }
  return { bytes, transaction, migration: verdict.migration, expected };
}

/**
 * Checks what the wallet returned before it is sent: wallets may append instructions (Lighthouse
 * guards) or change compute budget, so the policy runs again on the exact signed bytes, and the
 * holder's signature must be there.
 * @throws PolicyRefusal (stage `signed`)
 */
export function verifySigned(signed: Uint8Array, expected: MigrationExpected): DecodedMigration {
  const verdict = verifyMigrationTransaction(signed, expected);
  if (!verdict.ok) throw new PolicyRefusal(verdict.violations, 'signed');
  let holderSigned = false;
  try {
    const tx = Transaction.from(signed);
    holderSigned = tx.signatures.some((s) => s.publicKey.equals(expected.holder) && s.signature !== null && s.signature.some((b) => b !== 0));
  } catch {
    holderSigned = false;
  }
  if (!holderSigned) throw new PolicyRefusal([{ code: 'NOT_SIGNED', message: 'Your wallet returned the transaction without your signature.' }], 'signed');
  return verdict.migration;
}

export function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

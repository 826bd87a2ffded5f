/**
 * The holder's side of the migration transaction on the command line: signing exactly the bytes
 * that passed the policy, and checking a signed transaction against what the portal issued
 * (DESIGN.md "The on-chain transaction", signing order: the holder signs first, the portal's
 * treasury delegate co-signs after).
 */
import { Keypair, VersionedTransaction } from '@solana/web3.js';
import bs58 from 'bs58';
import type { MigrationExpected } from '@/lib/solana/builder';
import type { DecodedMigration } from '@/lib/solana/policy';
import { PolicyRefusal, type Violation } from '@/components/migrate/errors';
import { verifySigned } from '@/components/migrate/verify';
import { verifyEd25519 } from '@/lib/solana/ed25519';
import type { CliKeypair } from '@/scripts/lib/keypair';

/**
 * Signs the wire transaction `unsigned` as the holder: the signature covers its message exactly
 * as received (the policy already refused non-canonical bytes), and only the holder's slot is filled.
 * @throws Error when the keypair is not a signer of the transaction.
 */
export function signAsHolder(unsigned: Uint8Array, keypair: CliKeypair): Uint8Array {
  const transaction = VersionedTransaction.deserialize(unsigned);
  transaction.sign([Keypair.fromSecretKey(keypair.secretKey)]);
  return transaction.serialize();
}

/**
 * Checks a holder-signed transaction before it is sent: the policy passes on the signed bytes
 * against `expected` (components/migrate/verify.ts `verifySigned`, as the browser checks what a
 * wallet returns), the message is the one issued (its hash is `issuedMessageHash`), the holder's
 * signature verifies over it, and no other signature slot is filled (the delegate signs last).
 *
 * @returns the migration decoded from the signed bytes.
 * @throws PolicyRefusal (stage `signed`) listing what is wrong.
 */
export function checkSignedAgainstIssued(signed: Uint8Array, expected: MigrationExpected, issuedMessageHash: string): DecodedMigration {
  const migration = verifySigned(signed, expected);
  const problems: Violation[] = [];
  if (migration.messageHash !== issuedMessageHash) {
    problems.push({ code: 'MESSAGE_CHANGED', message: `The signed message (hash ${migration.messageHash}) is not the one the portal issued (hash ${issuedMessageHash}): something changed the transaction before it was signed.` });
  }
  const transaction = VersionedTransaction.deserialize(signed);
  const message = transaction.message.serialize();
  const keys = transaction.message.staticAccountKeys;
  transaction.signatures.forEach((signature, index) => {
    const key = keys[index];
    if (!key) return;
    const empty = signature.every((b) => b === 0);
    if (key.equals(expected.holder)) {
      if (empty || !verifyEd25519(signature, message, key)) {
        problems.push({ code: 'HOLDER_SIGNATURE_INVALID', message: `The signature of ${key.toBase58()} does not verify over this message.` });
      }
    } else if (!empty) {
      problems.push({ code: 'UNEXPECTED_SIGNATURE', message: `The transaction already carries a signature of ${key.toBase58()}; only the holder signs before the portal.` });
    }
  });
  if (problems.length > 0) throw new PolicyRefusal(problems, 'signed');
  return migration;
}

/** The transaction's signature (its first, the fee payer's: the holder's), base58: what the chain and explorers index it by. */
export function transactionSignature(signed: Uint8Array): string {
  const first = VersionedTransaction.deserialize(signed).signatures[0];
  if (!first) throw new Error('the transaction has no signature slot');
  return bs58.encode(first);
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/**
 * Bytes of canonical standard base64.
 * @throws PolicyRefusal NOT_BASE64 when the text is not.
 */
export function fromBase64(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new PolicyRefusal([{ code: 'NOT_BASE64', message: 'The transaction is not canonical base64.' }], 'built');
  return new Uint8Array(bytes);
}

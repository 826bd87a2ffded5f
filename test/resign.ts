/**
 * A second, different and equally valid Ed25519 signature over the same message: what an attacker
 * holding a key can always make. Standard signing derives the nonce from the key and the message
 * (RFC 8032 §5.1.6), so signing twice gives the same bytes; nothing forces a signer to, and a
 * verifier accepts any nonce. So a transaction's signature does not identify its message: the
 * same message can land under many signatures unless the cluster refuses a message it already
 * processed (its status cache).
 *
 * Uses @noble/curves' point arithmetic: R = r·B for a random r, S = r + H(R‖A‖M)·a mod L.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { type Keypair, Transaction } from '@solana/web3.js';

const L = ed25519.Point.Fn.ORDER;

const toLittleEndian = (value: bigint): Uint8Array => {
  const bytes = new Uint8Array(32);
  let rest = value;
  for (let i = 0; i < 32; i += 1) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
};
const fromLittleEndian = (bytes: Uint8Array): bigint => bytes.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);

/** An Ed25519 signature of `message` by `keypair` with a random nonce (64 bytes, R ‖ S). */
export function signWithFreshNonce(message: Uint8Array, keypair: Keypair): Uint8Array {
  const { scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(keypair.secretKey.subarray(0, 32));
  const r = (fromLittleEndian(randomBytes(64)) % (L - 1n)) + 1n;
  const R = ed25519.Point.BASE.multiply(r).toBytes();
  const k = fromLittleEndian(createHash('sha512').update(R).update(pointBytes).update(message).digest()) % L;
  const S = (r + k * scalar) % L;
  const signature = new Uint8Array([...R, ...toLittleEndian(S)]);
  if (!ed25519.verify(signature, message, pointBytes)) throw new Error('fresh-nonce signature does not verify');
  return signature;
}

/**
 * The legacy transaction `wire` with `keypair`'s signature replaced by a fresh valid one (every
 * other signature kept): the same message, a different transaction signature when `keypair` is
 * the fee payer.
 */
export function resignedVariant(wire: Uint8Array, keypair: Keypair): Buffer {
  const transaction = Transaction.from(wire);
  const message = transaction.serializeMessage();
  transaction.addSignature(keypair.publicKey, Buffer.from(signWithFreshNonce(message, keypair)));
  return transaction.serialize({ requireAllSignatures: false, verifySignatures: true });
}

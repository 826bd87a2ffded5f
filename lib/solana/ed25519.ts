/**
 * Ed25519 signatures, once for the whole tree (the ops sign-in, the submit's holder signature,
 * the release manifest, the local validator, the CLIs' keypair files), on @noble/curves: the same
 * code runs in the browser, the edge runtime and Node.
 *
 * Verification is RFC 8032 / FIPS 186-5 strict (`zip215: false`): a non-canonical point encoding
 * or an `S` of L or more is refused, as Node's (OpenSSL's) ed25519 did before this module.
 * Keys are 32 bytes; a Solana secret key is 64 bytes (the 32-byte seed ‖ the public key), and
 * every function that takes one takes the seed alone too.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { PublicKey } from '@solana/web3.js';

/**
 * Whether `signature` (64 bytes) is `publicKey`'s signature of exactly `message`. Never throws: a
 * malformed signature or key is `false`.
 */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: PublicKey | Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const key = publicKey instanceof Uint8Array ? publicKey : publicKey.toBytes();
  if (key.length !== 32) return false;
  try {
    return ed25519.verify(signature, message, key, { zip215: false });
  } catch {
    return false;
  }
}

/**
 * The 64-byte signature of `message`.
 * @param secretKey the 64-byte Solana secret key (seed ‖ public key) or the 32-byte seed
 * @throws Error when the key is neither length
 */
export function signEd25519(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, seedOf(secretKey));
}

/**
 * The 32-byte public key of a secret key.
 * @param secretKey the 64-byte Solana secret key (its first half is used) or the 32-byte seed
 * @throws Error when the key is neither length
 */
export function ed25519PublicKey(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(seedOf(secretKey));
}

function seedOf(secretKey: Uint8Array): Uint8Array {
  if (secretKey.length !== 64 && secretKey.length !== 32) throw new Error('an ed25519 secret key is 64 bytes (seed ‖ public key) or the 32-byte seed');
  return secretKey.subarray(0, 32);
}

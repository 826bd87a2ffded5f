/**
 * Keypair files for the command-line tools (the ops CLI, `npm run migrate`): a Solana CLI keypair
 * file (`solana-keygen new` writes a JSON array of the 64 secret-key bytes: seed ‖ public key) or
 * a file holding the base58 of those 64 bytes (what Phantom and Solflare export).
 */
import { readFileSync } from 'node:fs';
import bs58 from 'bs58';
import { ed25519PublicKey } from '@/lib/solana/ed25519';

/** A checked ed25519 keypair: `publicKey` base58, `secretKey` the 64 bytes (seed ‖ public key). */
export type CliKeypair = { publicKey: string; secretKey: Uint8Array };

/** The file cannot be read or is not a keypair. The message names the file, never its content. */
export class KeypairError extends Error {
  readonly code = 'KEYPAIR';
  constructor(message: string) {
    super(message);
    this.name = 'KeypairError';
  }
}

/**
 * Reads a keypair from text: a JSON byte array or base58 of the 64-byte secret key. The second
 * half must be the first half's public key.
 *
 * @param source names the text in errors (a file name, `ops[0] of …`)
 * @throws KeypairError naming `source`, never its content.
 */
export function keypairFromText(text: string, source: string): CliKeypair {
  let bytes: Uint8Array;
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith('[')) {
      const values = JSON.parse(trimmed) as unknown;
      if (!Array.isArray(values) || !values.every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 255)) throw new Error('not bytes');
      bytes = Uint8Array.from(values as number[]);
    } else {
      bytes = bs58.decode(trimmed);
    }
  } catch {
    throw new KeypairError(`${source} is neither a JSON byte array nor base58`);
  }
  if (bytes.length !== 64) throw new KeypairError(`${source} does not hold a 64-byte secret key`);
  if (!Buffer.from(ed25519PublicKey(bytes)).equals(Buffer.from(bytes.subarray(32)))) throw new KeypairError(`${source} is not an ed25519 keypair (its public half does not match)`);
  return { publicKey: bs58.encode(bytes.subarray(32)), secretKey: bytes };
}

/**
 * Reads a keypair file (see {@link keypairFromText}).
 * @throws KeypairError when the file cannot be read or is not a keypair.
 */
export function readKeypairFile(file: string): CliKeypair {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new KeypairError(`cannot read the keypair file ${file}`);
  }
  return keypairFromText(text, file);
}

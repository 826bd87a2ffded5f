/**
 * The snapshot commitment: a Merkle tree over every (wallet, allocation) of the holder snapshot,
 * whose root is published in the signed deployment manifest. Anyone holding a wallet's proof can
 * check, offline, that the portal's figure for that wallet is the one committed to.
 *
 * Pure and dependency-light (@noble/hashes, bs58, lib/solana/amounts.ts): the browser, the server and the CLIs share it.
 * No `node:` imports.
 *
 * Encoding (version 1), all hashes SHA-256:
 *
 *   leaf  = sha256(0x00 ‖ wallet ‖ u64le(allocation))
 *             wallet: the 32 bytes of the base58 address; allocation: AI16Z base units held at the
 *             snapshot, as 8 bytes little-endian (41 bytes hashed)
 *   node  = sha256(0x01 ‖ min(a, b) ‖ max(a, b))
 *             a, b: the two 32-byte children; min/max by unsigned byte-wise (lexicographic)
 *             comparison, so a proof needs no left/right flags ("sorted pairs")
 *   tree  = level 0 is every leaf, sorted ascending (byte-wise); each next level pairs
 *             neighbours (0,1), (2,3)…; an odd last node is carried up unchanged
 *   root  = the single node of the last level (a one-holder snapshot's root is its leaf)
 *   proof = the sibling of the leaf's node at each level where it has one, bottom-up
 *   check = h := leaf; for each sibling s: h := node(h, s); valid iff h = root
 *
 * The 0x00 / 0x01 prefixes keep leaves and inner nodes in different domains: a 64-byte inner
 * node's preimage can never be passed off as a leaf (41 bytes, other prefix), which closes the
 * classic second-preimage trick against Merkle proofs.
 */
import { sha256 } from '@noble/hashes/sha2';
import bs58 from 'bs58';
import { U64_MAX } from '@/lib/solana/amounts';

/** Identifies the encoding above in the manifest and in printed proofs. */
export const MERKLE_ENCODING = 'elizaos-snapshot-merkle/v1: leaf=sha256(0x00||wallet32||u64le(balance)), node=sha256(0x01||min(a,b)||max(a,b)), leaves sorted, odd node carried up' as const;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
const HEX32 = /^[0-9a-f]{64}$/;

/** A 32-byte hash. */
export type Hash = Uint8Array;

/** A wallet's proof as the API and the CLI carry it: lower-case hex, 64 characters each. */
export type MerkleProof = { leaf: string; siblings: string[]; root: string };

/** Thrown for input that cannot be encoded (not an address, allocation outside u64). */
export class MerkleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MerkleInputError';
  }
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 1) out += HEX_BYTE[bytes[i] as number];
  return out;
}

/**
 * Bytes of a 32-byte hash in hex (64 hex characters, either case).
 * @throws MerkleInputError when it is not one.
 */
export function fromHex32(hex: string): Hash {
  const lower = hex.toLowerCase();
  if (!HEX32.test(lower)) throw new MerkleInputError(`"${hex.slice(0, 80)}" is not a 32-byte hash in hex`);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i += 1) out[i] = Number.parseInt(lower.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Unsigned byte-wise comparison of two equal-length hashes: <0, 0, >0. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * The 32 bytes of a base58 wallet address.
 * @throws MerkleInputError when `wallet` is not a 32-byte base58 address.
 */
export function walletBytes(wallet: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = bs58.decode(wallet);
  } catch {
    throw new MerkleInputError(`"${wallet.slice(0, 60)}" is not base58`);
  }
  if (bytes.length !== 32) throw new MerkleInputError(`"${wallet.slice(0, 60)}" is not a 32-byte Solana address`);
  return bytes;
}

/**
 * The leaf of one snapshot entry: sha256(0x00 ‖ wallet (32 bytes) ‖ u64le(allocation)).
 *
 * @param wallet base58 address
 * @param allocation AI16Z base units held at the snapshot (0 < allocation ≤ u64 max)
 * @throws MerkleInputError for a bad address or an allocation outside (0, u64 max].
 */
export function leafHash(wallet: string, allocation: bigint): Hash {
  if (allocation <= 0n || allocation > U64_MAX) throw new MerkleInputError(`allocation ${allocation} is not a positive u64`);
  const message = new Uint8Array(1 + 32 + 8);
  message[0] = LEAF_PREFIX;
  message.set(walletBytes(wallet), 1);
  let rest = allocation;
  for (let i = 0; i < 8; i += 1) {
    message[33 + i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return sha256(message);
}

/** An inner node: sha256(0x01 ‖ min(a, b) ‖ max(a, b)). */
export function nodeHash(a: Hash, b: Hash): Hash {
  const [lo, hi] = compareBytes(a, b) <= 0 ? [a, b] : [b, a];
  const message = new Uint8Array(1 + 64);
  message[0] = NODE_PREFIX;
  message.set(lo, 1);
  message.set(hi, 33);
  return sha256(message);
}

/**
 * A built tree: every level, leaves first, so any proof is a walk up the levels (O(log n)).
 * Build once per snapshot and keep it (10,000 leaves ≈ 20,000 hashes).
 */
export class MerkleTree {
  /** levels[0] = sorted leaves; the last level holds the root alone. */
  private readonly levels: Hash[][];
  private readonly indexByLeaf: Map<string, number>;

  private constructor(levels: Hash[][]) {
    this.levels = levels;
    this.indexByLeaf = new Map((levels[0] ?? []).map((leaf, i) => [toHex(leaf), i]));
  }

  /**
   * Builds the tree of a snapshot.
   *
   * @param entries every (wallet, allocation) of the snapshot, in any order; wallets must be unique
   * @throws MerkleInputError when there is no entry, a wallet repeats, or an entry cannot be encoded.
   */
  static fromEntries(entries: Iterable<{ wallet: string; allocation: bigint }>): MerkleTree {
    const leaves: Hash[] = [];
    for (const entry of entries) leaves.push(leafHash(entry.wallet, entry.allocation));
    return MerkleTree.fromLeaves(leaves);
  }

  /**
   * Builds the tree over leaf hashes (sorted here; the input order does not matter).
   * @throws MerkleInputError when `leaves` is empty or holds a duplicate.
   */
  static fromLeaves(input: readonly Hash[]): MerkleTree {
    if (input.length === 0) throw new MerkleInputError('a snapshot with no holders has no Merkle root');
    const leaves = [...input].sort(compareBytes);
    for (let i = 1; i < leaves.length; i += 1) {
      if (compareBytes(leaves[i - 1] as Hash, leaves[i] as Hash) === 0) throw new MerkleInputError(`duplicate leaf ${toHex(leaves[i] as Hash)} (a wallet listed twice)`);
    }
    const levels: Hash[][] = [leaves];
    let level = leaves;
    while (level.length > 1) {
      const next: Hash[] = [];
      for (let i = 0; i < level.length; i += 2) {
        const left = level[i] as Hash;
        const right = level[i + 1];
        next.push(right === undefined ? left : nodeHash(left, right));
      }
      levels.push(next);
      level = next;
    }
    return new MerkleTree(levels);
  }

  /** The root (32 bytes). */
  get root(): Hash {
    return (this.levels.at(-1) as Hash[])[0] as Hash;
  }

  /** The root in hex. */
  get rootHex(): string {
    return toHex(this.root);
  }

  /** Number of leaves (holders). */
  get size(): number {
    return (this.levels[0] as Hash[]).length;
  }

  /** The proof of one entry, or null when that (wallet, allocation) is not a leaf of this tree. */
  proof(wallet: string, allocation: bigint): MerkleProof | null {
    let leaf: Hash;
    try {
      leaf = leafHash(wallet, allocation);
    } catch {
      return null;
    }
    let index = this.indexByLeaf.get(toHex(leaf));
    if (index === undefined) return null;
    const siblings: string[] = [];
    for (const level of this.levels.slice(0, -1)) {
      const sibling = level[index % 2 === 0 ? index + 1 : index - 1];
      if (sibling !== undefined) siblings.push(toHex(sibling));
      index = Math.floor(index / 2);
    }
    return { leaf: toHex(leaf), siblings, root: this.rootHex };
  }
}

/** The root of a snapshot in hex (builds the tree; keep the tree when proofs are needed). */
export function merkleRoot(entries: Iterable<{ wallet: string; allocation: bigint }>): string {
  return MerkleTree.fromEntries(entries).rootHex;
}

/** Why a proof does not check out; `null` from {@link checkProof} means it does. */
export type ProofProblem =
  | { code: 'MALFORMED'; message: string }
  | { code: 'LEAF_MISMATCH'; message: string }
  | { code: 'ROOT_MISMATCH'; message: string };

/**
 * Checks that `proof` shows (wallet, allocation) under `expectedRoot`. The leaf is recomputed
 * here from the wallet and allocation: the proof's own `leaf` field is never trusted, only
 * compared. `proof.root` is compared with `expectedRoot` too, but only `expectedRoot` counts (it
 * must come from somewhere the proof's sender does not control: the signed manifest).
 *
 * @returns null when valid, else what is wrong. Never throws.
 */
export function checkProof(input: { wallet: string; allocation: bigint; proof: MerkleProof; expectedRoot: string }): ProofProblem | null {
  let leaf: Hash;
  let root: Hash;
  const siblings: Hash[] = [];
  try {
    leaf = leafHash(input.wallet, input.allocation);
    root = fromHex32(input.expectedRoot);
    // 64 levels cover 2^64 leaves: anything longer is not a proof of this tree.
    if (input.proof.siblings.length > 64) throw new MerkleInputError('more than 64 siblings');
    for (const sibling of input.proof.siblings) siblings.push(fromHex32(sibling));
    fromHex32(input.proof.leaf);
    fromHex32(input.proof.root);
  } catch (error) {
    return { code: 'MALFORMED', message: error instanceof Error ? error.message : 'malformed proof' };
  }
  if (input.proof.leaf.toLowerCase() !== toHex(leaf)) {
    return { code: 'LEAF_MISMATCH', message: `the proof is for leaf ${input.proof.leaf}, but (${input.wallet}, ${input.allocation}) hashes to ${toHex(leaf)}` };
  }
  let h = leaf;
  for (const sibling of siblings) h = nodeHash(h, sibling);
  if (compareBytes(h, root) !== 0) {
    return { code: 'ROOT_MISMATCH', message: `the proof leads to root ${toHex(h)}, not to the committed root ${toHex(root)}` };
  }
  if (input.proof.root.toLowerCase() !== toHex(root)) {
    return { code: 'ROOT_MISMATCH', message: `the proof names root ${input.proof.root}, not the committed root ${toHex(root)}` };
  }
  return null;
}

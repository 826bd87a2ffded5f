import { createHash } from 'node:crypto';
import { Keypair, PublicKey } from '@solana/web3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProof, leafHash, MerkleInputError, MerkleTree, merkleRoot, nodeHash, toHex } from '@/lib/snapshot/merkle';

/** An independent implementation with node:crypto and Buffer, written from the documented encoding. */
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
function referenceLeaf(wallet: string, allocation: bigint): Buffer {
  const amount = Buffer.alloc(8);
  amount.writeBigUInt64LE(allocation);
  return sha256(Buffer.from([0x00]), new PublicKey(wallet).toBuffer(), amount);
}
function referenceNode(a: Buffer, b: Buffer): Buffer {
  const [lo, hi] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
  return sha256(Buffer.from([0x01]), lo, hi);
}

// The worked example of README "Snapshot commitment". Three holders:
const SYSTEM = '11111111111111111111111111111111'; // 32 zero bytes
const AI16Z = 'HeLp6NuQkmYB4pYWo2zYs22mESHXPQYzXbB8n4V98jwC';
const TOKEN = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
const EXAMPLE = [
  { wallet: SYSTEM, allocation: 1n },
  { wallet: AI16Z, allocation: 1_000_000_000_000n }, // 1,000 AI16Z at 9 decimals
  { wallet: TOKEN, allocation: 18_446_744_073_709_551_615n }, // u64 max
];
const LEAF_SYSTEM = '772c8ab76fe2a61c8206eb4a51b27dad65dc18fc29f9a2b8cf01e21b5de21078';
const LEAF_AI16Z = '9881a8daca423f24794c6fc41b471f51f9f2c2ef4b8a13cb1db87f158710883c';
const LEAF_TOKEN = '6eebde5302844c60b8fb42ba22019f5c38ed571672225562245416bf25853dda';
/** node(LEAF_TOKEN, LEAF_SYSTEM): the two smallest leaves pair up; LEAF_AI16Z is carried up. */
const NODE_1 = '9b20324763d3da2855b10fc9820ef4286d550cf6e05452314eb12a0315ccbe39';
const ROOT = '02824646b07ff7883781560fdad104df9f9170091d866a7de458e2300e67f468';

describe('worked example (three holders)', () => {
  it('leaf = sha256(0x00 ‖ wallet ‖ u64le(balance)), checked against node:crypto', () => {
    // The System Program's leaf preimage, byte by byte: 00 | 32 × 00 | 01 00 00 00 00 00 00 00.
    const preimage = Buffer.concat([Buffer.from([0]), Buffer.alloc(32), Buffer.from([1, 0, 0, 0, 0, 0, 0, 0])]);
    expect(createHash('sha256').update(preimage).digest('hex')).toBe(LEAF_SYSTEM);
    expect(toHex(leafHash(SYSTEM, 1n))).toBe(LEAF_SYSTEM);
    expect(toHex(leafHash(AI16Z, 1_000_000_000_000n))).toBe(LEAF_AI16Z);
    expect(toHex(leafHash(TOKEN, 18_446_744_073_709_551_615n))).toBe(LEAF_TOKEN);
    for (const e of EXAMPLE) expect(toHex(leafHash(e.wallet, e.allocation))).toBe(referenceLeaf(e.wallet, e.allocation).toString('hex'));
  });

  it('sorted leaves 6eeb… < 772c… < 9881…: root = node(node(6eeb…, 772c…), 9881…)', () => {
    const node1 = referenceNode(Buffer.from(LEAF_TOKEN, 'hex'), Buffer.from(LEAF_SYSTEM, 'hex'));
    expect(node1.toString('hex')).toBe(NODE_1);
    expect(referenceNode(node1, Buffer.from(LEAF_AI16Z, 'hex')).toString('hex')).toBe(ROOT);
    expect(merkleRoot(EXAMPLE)).toBe(ROOT);
    // The input order does not matter.
    expect(merkleRoot([...EXAMPLE].reverse())).toBe(ROOT);
  });

  it('proofs: sibling hashes bottom-up, skipping the level where a node is carried up', () => {
    const tree = MerkleTree.fromEntries(EXAMPLE);
    expect(tree.proof(SYSTEM, 1n)).toEqual({ leaf: LEAF_SYSTEM, siblings: [LEAF_TOKEN, LEAF_AI16Z], root: ROOT });
    expect(tree.proof(AI16Z, 1_000_000_000_000n)).toEqual({ leaf: LEAF_AI16Z, siblings: [NODE_1], root: ROOT });
    expect(tree.proof(TOKEN, 18_446_744_073_709_551_615n)).toEqual({ leaf: LEAF_TOKEN, siblings: [LEAF_SYSTEM, LEAF_AI16Z], root: ROOT });
    for (const e of EXAMPLE) {
      const proof = tree.proof(e.wallet, e.allocation);
      expect(proof && checkProof({ ...e, proof, expectedRoot: ROOT })).toBeNull();
    }
  });

  it('a one-holder snapshot: the root is the leaf and the proof is empty', () => {
    const tree = MerkleTree.fromEntries([EXAMPLE[0] as (typeof EXAMPLE)[0]]);
    expect(tree.rootHex).toBe(LEAF_SYSTEM);
    expect(tree.proof(SYSTEM, 1n)).toEqual({ leaf: LEAF_SYSTEM, siblings: [], root: LEAF_SYSTEM });
  });
});

describe('checkProof refuses', () => {
  const tree = MerkleTree.fromEntries(EXAMPLE);
  const proof = tree.proof(AI16Z, 1_000_000_000_000n);
  if (!proof) throw new Error('no proof');

  it('a different allocation for the wallet (what a server inflating a figure would send)', () => {
    expect(checkProof({ wallet: AI16Z, allocation: 2_000_000_000_000n, proof, expectedRoot: ROOT })?.code).toBe('LEAF_MISMATCH');
    // Even with a leaf field recomputed to match, the path no longer reaches the root.
    const forged = { ...proof, leaf: toHex(leafHash(AI16Z, 2_000_000_000_000n)) };
    expect(checkProof({ wallet: AI16Z, allocation: 2_000_000_000_000n, proof: forged, expectedRoot: ROOT })?.code).toBe('ROOT_MISMATCH');
  });

  it('another wallet with the same proof', () => {
    expect(checkProof({ wallet: TOKEN, allocation: 1_000_000_000_000n, proof, expectedRoot: ROOT })?.code).toBe('LEAF_MISMATCH');
  });

  it('a changed sibling, a missing sibling, an extra sibling', () => {
    const flipped = `${(proof.siblings[0] as string).slice(0, 63)}${(proof.siblings[0] as string).endsWith('0') ? '1' : '0'}`;
    expect(checkProof({ wallet: AI16Z, allocation: 1_000_000_000_000n, proof: { ...proof, siblings: [flipped] }, expectedRoot: ROOT })?.code).toBe('ROOT_MISMATCH');
    expect(checkProof({ wallet: AI16Z, allocation: 1_000_000_000_000n, proof: { ...proof, siblings: [] }, expectedRoot: ROOT })?.code).toBe('ROOT_MISMATCH');
    expect(checkProof({ wallet: AI16Z, allocation: 1_000_000_000_000n, proof: { ...proof, siblings: [...proof.siblings, LEAF_SYSTEM] }, expectedRoot: ROOT })?.code).toBe('ROOT_MISMATCH');
  });

  it('a valid proof of another root (the committed root is what counts, not the one in the proof)', () => {
    const other = MerkleTree.fromEntries([...EXAMPLE, { wallet: Keypair.generate().publicKey.toBase58(), allocation: 5n }]);
    const otherProof = other.proof(AI16Z, 1_000_000_000_000n);
    if (!otherProof) throw new Error('no proof');
    expect(checkProof({ wallet: AI16Z, allocation: 1_000_000_000_000n, proof: otherProof, expectedRoot: other.rootHex })).toBeNull();
    expect(checkProof({ wallet: AI16Z, allocation: 1_000_000_000_000n, proof: otherProof, expectedRoot: ROOT })?.code).toBe('ROOT_MISMATCH');
    // And a correct path whose root field lies is refused too.
    expect(checkProof({ wallet: AI16Z, allocation: 1_000_000_000_000n, proof: { ...proof, root: other.rootHex }, expectedRoot: ROOT })?.code).toBe('ROOT_MISMATCH');
  });

  it('an inner node passed off as a leaf (second preimage): the leaf is always recomputed with its 0x00 prefix', () => {
    // NODE_1's children would be a 64-byte "leaf" under a scheme without domain prefixes; here no
    // (wallet, amount) hashes to NODE_1, and a proof starting at NODE_1 is not a proof of any leaf.
    const innerAsLeaf = { leaf: NODE_1, siblings: [LEAF_AI16Z], root: ROOT };
    expect(checkProof({ wallet: SYSTEM, allocation: 1n, proof: innerAsLeaf, expectedRoot: ROOT })?.code).toBe('LEAF_MISMATCH');
    expect(toHex(nodeHash(Buffer.from(LEAF_TOKEN, 'hex'), Buffer.from(LEAF_SYSTEM, 'hex')))).not.toBe(
      createHash('sha256').update(Buffer.concat([Buffer.from(LEAF_TOKEN, 'hex'), Buffer.from(LEAF_SYSTEM, 'hex')])).digest('hex'),
    );
  });

  it('malformed input without throwing', () => {
    expect(checkProof({ wallet: 'not-a-wallet', allocation: 1n, proof, expectedRoot: ROOT })?.code).toBe('MALFORMED');
    expect(checkProof({ wallet: AI16Z, allocation: 0n, proof, expectedRoot: ROOT })?.code).toBe('MALFORMED');
    expect(checkProof({ wallet: AI16Z, allocation: 1_000_000_000_000n, proof: { ...proof, siblings: ['zz'] }, expectedRoot: ROOT })?.code).toBe('MALFORMED');
    expect(checkProof({ wallet: AI16Z, allocation: 1_000_000_000_000n, proof, expectedRoot: 'nope' })?.code).toBe('MALFORMED');
    expect(checkProof({ wallet: AI16Z, allocation: 1_000_000_000_000n, proof: { ...proof, siblings: Array(65).fill(LEAF_AI16Z) }, expectedRoot: ROOT })?.code).toBe('MALFORMED');
  });
});

describe('tree construction', () => {
  it('refuses an empty snapshot, a repeated wallet, an allocation outside u64', () => {
    expect(() => MerkleTree.fromEntries([])).toThrow(MerkleInputError);
    expect(() => MerkleTree.fromEntries([EXAMPLE[0] as (typeof EXAMPLE)[0], EXAMPLE[0] as (typeof EXAMPLE)[0]])).toThrow(/duplicate/);
    expect(() => leafHash(AI16Z, 18_446_744_073_709_551_616n)).toThrow(/u64/);
    expect(() => leafHash(AI16Z, 0n)).toThrow(/u64/);
  });

  it('answers no proof for an entry not in the tree', () => {
    const tree = MerkleTree.fromEntries(EXAMPLE);
    expect(tree.proof(AI16Z, 1n)).toBeNull();
    expect(tree.proof(Keypair.generate().publicKey.toBase58(), 1n)).toBeNull();
  });

  it('every proof of every tree size from 1 to 70 checks, and agrees with the reference root', () => {
    const pool = Array.from({ length: 70 }, (_, i) => ({ wallet: Keypair.generate().publicKey.toBase58(), allocation: BigInt(i + 1) * 977n }));
    for (let n = 1; n <= pool.length; n += 1) {
      const entries = pool.slice(0, n);
      const tree = MerkleTree.fromEntries(entries);
      // Reference root: sorted leaves, pairwise, odd node carried up.
      let level = entries.map((e) => referenceLeaf(e.wallet, e.allocation)).sort(Buffer.compare);
      while (level.length > 1) {
        const next: Buffer[] = [];
        for (let i = 0; i < level.length; i += 2) next.push(level[i + 1] ? referenceNode(level[i] as Buffer, level[i + 1] as Buffer) : (level[i] as Buffer));
        level = next;
      }
      expect(tree.rootHex).toBe((level[0] as Buffer).toString('hex'));
      for (const e of entries) {
        const proof = tree.proof(e.wallet, e.allocation);
        expect(proof).not.toBeNull();
        expect(proof && checkProof({ ...e, proof, expectedRoot: tree.rootHex })).toBeNull();
        expect((proof?.siblings.length ?? 0) <= Math.ceil(Math.log2(n))).toBe(true);
      }
    }
  });

  it('property: changing any one allocation changes the root', () => {
    const wallets = Array.from({ length: 12 }, () => Keypair.generate().publicKey.toBase58());
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 18_446_744_073_709_551_615n }), { minLength: 12, maxLength: 12 }), fc.nat(11), fc.bigInt({ min: 1n, max: 1000n }), (amounts, index, delta) => {
        const entries = wallets.map((wallet, i) => ({ wallet, allocation: amounts[i] as bigint }));
        const changed = entries.map((e, i) => (i === index ? { ...e, allocation: e.allocation > delta ? e.allocation - delta : e.allocation + delta } : e));
        expect(merkleRoot(changed)).not.toBe(merkleRoot(entries));
      }),
      { numRuns: 50 },
    );
  });
});

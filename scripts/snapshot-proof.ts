/**
 * Snapshot proofs from the command line (README "Snapshot commitment").
 *
 *   npm run snapshot:proof -- WALLET --file snapshot.csv            the proof, from the snapshot file itself
 *   npm run snapshot:proof -- WALLET --url URL --public-key KEY     the proof a deployment serves, checked
 *                                                                   against the root in its signed manifest
 *   npm run snapshot:check-proof -- proof.json [--root HEX]         checks a saved proof offline
 *
 * A proof file is what `snapshot:proof --json` prints: {wallet, allocation, proof: {leaf, siblings, root}}.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { eligibilityResponseSchema, merkleProofSchema } from '@/lib/api/types';
import { parseSnapshotCsv } from '@/lib/migration/snapshot';
import { MANIFEST_PATH, verifySignedManifest } from '@/lib/release/manifest';
import { checkProof, MERKLE_ENCODING, type MerkleProof, MerkleTree } from '@/lib/snapshot/merkle';

const USAGE = `usage: npm run snapshot:proof -- WALLET (--file snapshot.csv | --url URL [--public-key KEY]) [--json]
       npm run snapshot:check-proof -- proof.json [--root HEX]`;

const proofFileSchema = z.object({ wallet: z.string(), allocation: z.string().regex(/^\d{1,20}$/), proof: merkleProofSchema });
type ProofFile = z.infer<typeof proofFileSchema>;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      url: { type: 'string' },
      'public-key': { type: 'string' },
      root: { type: 'string' },
      verify: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const argument = positionals[0] as string;
  if (values.verify) return verifyFile(argument, values.root);

  let result: ProofFile;
  let rootSource: string;
  if (values.file) {
    const rows = parseSnapshotCsv(readFileSync(values.file, 'utf8'));
    const row = rows.find((r) => r.wallet === argument);
    if (!row) {
      console.error(`${argument} is not in ${values.file} (${rows.length} holders).`);
      return 1;
    }
    const started = performance.now();
    const tree = MerkleTree.fromEntries(rows);
    const built = performance.now();
    const proof = tree.proof(row.wallet, row.allocation) as MerkleProof;
    const proved = performance.now();
    result = { wallet: row.wallet, allocation: row.allocation.toString(), proof };
    rootSource = `computed from ${values.file} (${rows.length} holders; tree ${(built - started).toFixed(0)} ms, proof ${((proved - built) * 1000).toFixed(0)} µs)`;
  } else if (values.url) {
    const base = new URL(values.url);
    const answer = await fetch(new URL(`/api/v1/eligibility/${encodeURIComponent(argument)}`, base));
    if (!answer.ok) {
      console.error(`${base.origin} answered HTTP ${answer.status}: ${(await answer.text()).slice(0, 300)}`);
      return 1;
    }
    const eligibility = eligibilityResponseSchema.parse(await answer.json());
    if (eligibility.snapshotBalance === null || !eligibility.proof) {
      console.error(eligibility.snapshotBalance === null ? `${argument} is not in the snapshot of ${base.origin}.` : `${base.origin} states an allocation for ${argument} but serves no proof.`);
      return 1;
    }
    result = { wallet: eligibility.wallet, allocation: eligibility.snapshotBalance, proof: eligibility.proof };
    rootSource = `served by ${base.origin} (not yet checked against its manifest)`;
    const publicKey = values['public-key'];
    if (publicKey) {
      const manifest = await fetch(new URL(MANIFEST_PATH, base)).then((r) => r.json() as Promise<unknown>);
      const check = verifySignedManifest(manifest, publicKey);
      if (!check.ok) {
        console.error(`The manifest of ${base.origin} is refused: ${check.problem.message}`);
        return 1;
      }
      const root = check.signed.manifest.parameters.snapshot?.merkleRoot;
      if (!root) {
        console.error(`The signed manifest of ${base.origin} commits to no snapshot.`);
        return 1;
      }
      const problem = checkProof({ wallet: result.wallet, allocation: BigInt(result.allocation), proof: result.proof, expectedRoot: root });
      if (problem) {
        console.error(`The proof served by ${base.origin} does not check against its signed root ${root}: ${problem.message}`);
        return 1;
      }
      rootSource = `the snapshot root in ${base.origin}'s manifest, signed by ${publicKey}: the proof checks`;
    }
  } else {
    console.error(USAGE);
    return 2;
  }

  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  console.log(`wallet      ${result.wallet}
allocation  ${result.allocation} AI16Z base units
leaf        ${result.proof.leaf}
siblings    ${result.proof.siblings.length === 0 ? '(none: a one-holder snapshot)' : result.proof.siblings.join('\n            ')}
root        ${result.proof.root}
            ${rootSource}

encoding    ${MERKLE_ENCODING}

Check it offline: save it with --json to proof.json, then
  npm run snapshot:check-proof -- proof.json --root <the root published in the signed manifest>
or without this repository, in Python 3 (standard library only):
${pythonChecker(result)}`);
  return 0;
}

function verifyFile(file: string, root: string | undefined): number {
  const parsed = proofFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    console.error(`${file} is not a proof file ({wallet, allocation, proof: {leaf, siblings, root}}).`);
    return 2;
  }
  const { wallet, allocation, proof } = parsed.data;
  const expectedRoot = root ?? proof.root;
  const problem = checkProof({ wallet, allocation: BigInt(allocation), proof, expectedRoot });
  if (problem) {
    console.log(`INVALID: ${problem.message}`);
    return 1;
  }
  console.log(`VALID: ${wallet} holds ${allocation} AI16Z base units under root ${expectedRoot}${root ? '' : ' (the proof\'s own root: pass --root with the root from the signed manifest to bind it)'}`);
  return 0;
}

/** A self-contained checker: the same encoding, no dependency on this repository. */
function pythonChecker(p: ProofFile): string {
  return `  python3 - <<'EOF'
import hashlib
A = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
def b58(s):
    n = 0
    for c in s: n = n * 58 + A.index(c)
    return n.to_bytes(32, 'big')
wallet, amount = '${p.wallet}', ${p.allocation}
siblings = ${JSON.stringify(p.proof.siblings)}
root = '${p.proof.root}'  # replace with the root from the signed manifest
h = hashlib.sha256(b'\\x00' + b58(wallet) + amount.to_bytes(8, 'little')).digest()
for s in siblings:
    s = bytes.fromhex(s); h = hashlib.sha256(b'\\x01' + min(h, s) + max(h, s)).digest()
print('VALID' if h.hex() == root else 'INVALID')
EOF`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);

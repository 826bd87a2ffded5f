/**
 * A fake portal for the migration CLI's unit tests, reached through an injected `fetch` (no
 * sockets): a manifest signed by a test release key, eligibility with a real Merkle proof, builds
 * made by the real builder, and submit/state answers. It holds no chain: `/api/v1/rpc` answers
 * 503, so the preview's dry run is "unavailable". Tests change one thing at a time (`lie`).
 * The real portal and chain are covered by e2e/cli-migrate.spec.ts.
 */
import { randomUUID } from 'node:crypto';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@solana/spl-token';
import { Keypair, Transaction } from '@solana/web3.js';
import type { BuildResponse } from '@/lib/api/types';
import { type DeploymentManifest, MANIFEST_FORMAT, MANIFEST_PATH, signManifest } from '@/lib/release/manifest';
import { MERKLE_ENCODING, MerkleTree } from '@/lib/snapshot/merkle';
import { buildMigrationTransaction, expectedToJson, type MigrationExpected } from '@/lib/solana/builder';
import { POLICY_VERSION } from '@/lib/solana/constants';

export const PORTAL = 'http://localhost:3999';
export const ALLOCATION = 100_000_000_000n; // 100 AI16Z

export type FakeRequest = { method: string; path: string; body: unknown };

export type FakePortal = {
  release: Keypair;
  holder: Keypair;
  cluster: string;
  manifest: DeploymentManifest;
  /** Every request, in order. */
  requests: FakeRequest[];
  /** Submitted transactions (base64), by migration id. */
  submitted: Map<string, string>;
  /** Changes what the next builds contain (the portal lies). */
  lie: ((expected: MigrationExpected) => MigrationExpected) | null;
  /** The next submit is recorded, then its answer is lost (the connection drops). */
  loseSubmitAnswer: boolean;
  fetch: typeof fetch;
};

const key = () => Keypair.generate().publicKey;

export function makeFakePortal(options: { cluster?: string } = {}): FakePortal {
  const release = Keypair.generate();
  const holder = Keypair.generate();
  const params = {
    ai16z: { mint: key(), decimals: 9, programId: TOKEN_2022_PROGRAM_ID },
    elizaos: { mint: key(), decimals: 9, programId: TOKEN_PROGRAM_ID },
    vaultTokenAccount: key(),
    vaultOwner: key(),
    treasuryTokenAccount: key(),
    treasuryDelegate: key(),
  };
  const tree = MerkleTree.fromEntries([
    { wallet: holder.publicKey.toBase58(), allocation: ALLOCATION },
    { wallet: key().toBase58(), allocation: 5n },
  ]);
  const cluster = options.cluster ?? 'localnet';
  const manifest: DeploymentManifest = {
    format: MANIFEST_FORMAT,
    build: { commit: 'b'.repeat(40), dirty: false, builtAt: '2026-11-23T10:00:00.000Z', buildId: 'BUILD' },
    files: [],
    parameters: {
      cluster,
      origin: PORTAL,
      ai16z: { mint: params.ai16z.mint.toBase58(), decimals: 9, tokenProgram: TOKEN_2022_PROGRAM_ID.toBase58() },
      elizaos: { mint: params.elizaos.mint.toBase58(), decimals: 9, tokenProgram: TOKEN_PROGRAM_ID.toBase58() },
      vault: { tokenAccount: params.vaultTokenAccount.toBase58(), owner: params.vaultOwner.toBase58() },
      treasury: { tokenAccount: params.treasuryTokenAccount.toBase58(), delegate: params.treasuryDelegate.toBase58() },
      ratio: '6',
      deposit: { owner: key().toBase58(), tokenAccount: key().toBase58() },
      window: { opensAt: '2026-12-01T00:00:00.000Z', closesAt: '2027-03-01T00:00:00.000Z' },
      snapshotTakenAt: '2026-11-20T00:00:00.000Z',
      policyVersion: POLICY_VERSION,
      snapshot: { merkleRoot: tree.rootHex, holders: 2, totalBaseUnits: (ALLOCATION + 5n).toString(), encoding: MERKLE_ENCODING },
    },
  };
  const signed = signManifest(manifest, release.secretKey);
  const builds = new Map<string, { wallet: string; amount: bigint; amountOut: bigint }>();

  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const refuse = (status: number, code: string, message: string) => json(status, { error: { code, message, details: {} } });

  const portal: FakePortal = {
    release,
    holder,
    cluster,
    manifest,
    requests: [],
    submitted: new Map(),
    lie: null,
    loseSubmitAnswer: false,
    fetch: async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      if (url.origin !== PORTAL) throw new TypeError(`fetch failed: ${url.origin} is not the fake portal`);
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      portal.requests.push({ method, path: url.pathname, body });
      if (url.pathname === MANIFEST_PATH) return json(200, signed);
      if (url.pathname === '/api/v1/rpc') return refuse(503, 'RPC_UNAVAILABLE', 'No chain in this fake.');
      const eligibility = /^\/api\/v1\/eligibility\/(\w+)$/.exec(url.pathname);
      if (eligibility) {
        const wallet = eligibility[1] as string;
        const inSnapshot = wallet === holder.publicKey.toBase58();
        return json(200, {
          wallet,
          eligible: inSnapshot,
          snapshotBalance: inSnapshot ? ALLOCATION.toString() : null,
          migrated: '0',
          pending: '0',
          remaining: inSnapshot ? ALLOCATION.toString() : '0',
          balance: inSnapshot ? ALLOCATION.toString() : '0',
          maxAmount: inSnapshot ? ALLOCATION.toString() : '0',
          reason: inSnapshot ? null : 'NOT_IN_SNAPSHOT',
          message: null,
          proof: inSnapshot ? tree.proof(wallet, ALLOCATION) : null,
        });
      }
      if (url.pathname === '/api/v1/migrations' && method === 'POST') {
        const { wallet, amount } = body as { wallet: string; amount: string };
        if (wallet !== holder.publicKey.toBase58()) return refuse(403, 'NOT_IN_SNAPSHOT', 'This wallet is not in the snapshot.');
        const amountIn = BigInt(amount);
        if (amountIn > ALLOCATION) return refuse(409, 'AMOUNT_EXCEEDS_REMAINING', 'You can migrate at most 100 AI16Z more from this wallet.');
        const id = randomUUID();
        const honest: MigrationExpected = { migrationId: id, holder: holder.publicKey, ...params, amountIn, amountOut: amountIn * 6n };
        const expected = portal.lie ? portal.lie(honest) : honest;
        const transaction = buildMigrationTransaction({ ...expected, recentBlockhash: key().toBase58() });
        builds.set(id, { wallet, amount: amountIn, amountOut: amountIn * 6n });
        const answer: BuildResponse = {
          id,
          transaction: transaction.serialize({ requireAllSignatures: false, verifySignatures: false }).toString('base64'),
          expected: expectedToJson(expected),
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
          fees: { networkFeeLamports: '10000', ataRentLamports: '2039280' },
        };
        return json(201, answer);
      }
      const submit = /^\/api\/v1\/migrations\/([0-9a-f-]{36})\/submit$/.exec(url.pathname);
      if (submit && method === 'POST') {
        const id = submit[1] as string;
        if (!builds.has(id)) return refuse(404, 'NOT_FOUND', 'No such migration.');
        const transaction = (body as { transaction: string }).transaction;
        portal.submitted.set(id, transaction);
        if (portal.loseSubmitAnswer) {
          portal.loseSubmitAnswer = false;
          throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
        }
        const signature = Transaction.from(Buffer.from(transaction, 'base64')).signatures[0]?.signature;
        return json(202, { id, state: 'submitted', signature: signature ? Buffer.from(signature).toString('hex') : 'x' });
      }
      const get = /^\/api\/v1\/migrations\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (get) {
        const id = get[1] as string;
        const build = builds.get(id);
        if (!build) return refuse(404, 'NOT_FOUND', 'No such migration.');
        const sent = portal.submitted.has(id);
        return json(200, {
          id,
          wallet: build.wallet,
          amount: build.amount.toString(),
          amountOut: build.amountOut.toString(),
          state: sent ? 'confirmed' : 'built',
          signature: sent ? 'sig' : null,
          error: null,
          createdAt: '2026-12-02T00:00:00.000Z',
          settledAt: sent ? '2026-12-02T00:00:05.000Z' : null,
        });
      }
      return refuse(404, 'NOT_FOUND', `no route ${method} ${url.pathname}`);
    },
  };
  return portal;
}

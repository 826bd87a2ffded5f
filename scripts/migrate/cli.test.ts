/**
 * `npm run migrate`: the command line's arguments (no network), and its checks against a fake
 * portal (scripts/migrate/fake-portal.ts, through an injected fetch): the pinned release key, a
 * portal that lies about the transaction, the offline files and their tampering. The migration on
 * the local validator through the real app is e2e/cli-migrate.spec.ts.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Keypair, PublicKey, VersionedTransaction } from '@solana/web3.js';
import { afterAll, describe, expect, it } from 'vitest';
import { officialParamsFromManifest } from '@/lib/solana/official-params';
import { verifyMigrationTransaction } from '@/lib/solana/policy';
import { expectedFromInputs } from '@/components/migrate/verify';
import { main, parseCommand } from '@/scripts/migrate/cli';
import { EXIT } from '@/scripts/migrate/errors';
import { type FakePortal, makeFakePortal, PORTAL } from '@/scripts/migrate/fake-portal';
import type { OfflineFile } from '@/scripts/migrate/offline-file';

const work = mkdtempSync(path.join(tmpdir(), 'migrate-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let files = 0;
function keypairFile(keypair: Keypair): string {
  const file = path.join(work, `key-${(files += 1)}.json`);
  writeFileSync(file, JSON.stringify(Array.from(keypair.secretKey)));
  return file;
}

type Run = { code: number; out: string; err: string; asked: number };

async function run(args: string[], portal: FakePortal | null, options: { answer?: boolean; env?: Record<string, string> } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  let asked = 0;
  const code = await main(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    confirm: async () => {
      asked += 1;
      return options.answer ?? false;
    },
    fetch: portal?.fetch ?? (async () => Promise.reject(new TypeError('fetch failed: no network in this test'))),
    cwd: work,
    env: options.env ?? {},
    sleep: async () => undefined,
  });
  return { code, out: out.join('\n'), err: err.join('\n'), asked };
}

const builds = (portal: FakePortal) => portal.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/migrations').length;
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as OfflineFile;

describe('arguments (no network)', () => {
  const holder = Keypair.generate();
  const usage = async (args: string[], message: RegExp) => {
    const portal = makeFakePortal();
    const result = await run(args, portal);
    expect(result.code, result.err).toBe(EXIT.USAGE);
    expect(result.err).toMatch(message);
    expect(portal.requests).toEqual([]);
  };

  it('--help prints the usage and exits 0', async () => {
    const result = await run(['--help'], null);
    expect(result.code).toBe(0);
    expect(result.out).toContain('npm run migrate -- --keypair FILE --amount UI_AMOUNT');
    expect(result.out).toContain('Exit codes: 0 done');
  });

  it('nothing, an unknown option, a missing value, a stray argument', async () => {
    await usage([], /nothing to do/);
    await usage(['--keypair', 'k.json', '--amout', '5'], /Unknown option '--amout'/);
    await usage(['--keypair'], /--keypair.*argument missing/);
    await usage(['--keypair', 'k.json', '--amount', '5', 'extra'], /Unexpected argument 'extra'/);
  });

  it('amounts that are not a positive decimal with a dot', async () => {
    await usage(['--keypair', 'k.json', '--amount', '1,5'], /use a dot for decimals/);
    await usage(['--keypair', 'k.json', '--amount=-1'], /cannot be negative/);
    await usage(['--keypair', 'k.json', '--amount', '-1'], /'--amount' argument is ambiguous/);
    await usage(['--keypair', 'k.json', '--amount', '0'], /greater than zero/);
    await usage(['--keypair', 'k.json', '--amount', '1e3'], /without an exponent/);
    await usage(['--keypair', 'k.json', '--amount', '0.0000000001'], /at most 9 decimals/);
    await usage(['--keypair', 'k.json'], /--keypair FILE needs --amount/);
  });

  it('options of another step, and steps together', async () => {
    await usage(['--wallet', holder.publicKey.toBase58(), '--amount', '5'], /--wallet is for offline signing/);
    await usage(['--wallet', holder.publicKey.toBase58(), '--amount', '5', '--unsigned-out', 'u.json', '--keypair', 'k.json'], /--keypair cannot be used with --unsigned-out/);
    await usage(['--wallet', holder.publicKey.toBase58(), '--amount', '5', '--unsigned-out', 'u.json', '--yes'], /--yes cannot be used with --unsigned-out/);
    await usage(['--unsigned-out', 'u.json', '--amount', '5'], /--unsigned-out FILE needs --wallet/);
    await usage(['--sign', 'u.json', '--keypair', 'k.json'], /--sign FILE needs --signed-out/);
    await usage(['--sign', 'u.json', '--keypair', 'k.json', '--signed-out', 's.json', '--url', PORTAL], /--url cannot be used with --sign/);
    await usage(['--submit-signed', 's.json', '--yes'], /--yes cannot be used with --submit-signed/);
    await usage(['--submit-signed', 's.json', '--unsigned-out', 'u.json'], /separate steps/);
    await usage(['--keypair', 'k.json', '--amount', '5', '--signed-out', 's.json'], /--signed-out goes with --sign/);
  });

  it('values that cannot be right', async () => {
    await usage(['--keypair', 'k.json', '--amount', '5', '--url', 'ftp://portal'], /--url must be an http\(s\) URL/);
    await usage(['--keypair', 'k.json', '--amount', '5', '--url', 'portal'], /--url "portal" is not a URL/);
    await usage(['--keypair', 'k.json', '--amount', '5', '--public-key', 'not-a-key'], /--public-key "not-a-key" is not a base58/);
    await usage(['--keypair', 'k.json', '--amount', '5', '--timeout', '0'], /--timeout "0" must be whole seconds/);
    await usage(['--wallet', 'abc', '--amount', '5', '--unsigned-out', 'u.json'], /--wallet "abc" is not a Solana address/);
  });

  it('a keypair file that is missing or not a keypair: refused before the portal is asked anything', async () => {
    await usage(['--keypair', 'missing.json', '--amount', '5', '--url', PORTAL], /KEYPAIR: cannot read the keypair file/);
    const mixed = path.join(work, 'mixed.json');
    writeFileSync(mixed, JSON.stringify([...holder.secretKey.subarray(0, 32), ...Keypair.generate().publicKey.toBytes()]));
    await usage(['--keypair', mixed, '--amount', '5', '--url', PORTAL], /KEYPAIR: .* is not an ed25519 keypair/);
    const bytes = path.join(work, 'bytes.json');
    writeFileSync(bytes, JSON.stringify([...holder.secretKey.subarray(0, 63), 256]));
    await usage(['--keypair', bytes, '--amount', '5', '--url', PORTAL], /KEYPAIR: .* neither a JSON byte array nor base58/);
  });

  it('RELEASE_PUBLIC_KEY stands in for --public-key; the flag wins', () => {
    const a = Keypair.generate().publicKey.toBase58();
    const b = Keypair.generate().publicKey.toBase58();
    expect(parseCommand(['--keypair', 'k.json', '--amount', '5'], { RELEASE_PUBLIC_KEY: a })).toMatchObject({ mode: 'migrate', publicKey: a, url: 'http://localhost:3000' });
    expect(parseCommand(['--keypair', 'k.json', '--amount', '5', '--public-key', b], { RELEASE_PUBLIC_KEY: a })).toMatchObject({ publicKey: b });
  });
});

describe('against a portal (fake, no chain)', () => {
  it('--yes: verifies, previews, signs first and submits; the submitted bytes pass the policy with the holder’s signature', async () => {
    const portal = makeFakePortal();
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '12.5', '--url', PORTAL, '--yes'], portal);
    expect(result.code, result.err).toBe(0);
    expect(result.asked).toBe(0);
    expect(result.out).toContain('the key it names');
    expect(result.out).toMatch(/Allocation +100 AI16Z in the snapshot of 2026-11-20 \(proven under the signed snapshot root\)/);
    expect(result.out).toMatch(/You send +12\.5 AI16Z to the migration vault /);
    expect(result.out).toMatch(/You receive +75 ELIZAOS from the migration treasury /);
    expect(result.out).toMatch(/Network fee +0\.00001 SOL/);
    expect(result.out).toMatch(/Message hash +[1-9A-HJ-NP-Za-km-z]{32,44}\n +A Ledger blind-signing/);
    expect(result.out).toContain('the dry run could not be run just now');
    expect(result.out).toContain('Confirmed: you sent 12.5 AI16Z and received 75 ELIZAOS.');
    expect(result.out).toContain(`Receipt    ${PORTAL}/receipt/`);
    const [[id, sent]] = [...portal.submitted.entries()] as [[string, string]];
    const build = portal.requests.find((r) => r.path === '/api/v1/migrations');
    expect(build?.body).toEqual({ wallet: portal.holder.publicKey.toBase58(), amount: '12500000000' });
    const signed = VersionedTransaction.deserialize(Buffer.from(sent, 'base64'));
    expect(signed.signatures[0]?.some((b) => b !== 0)).toBe(true); // the holder's slot
    expect(signed.signatures[1]?.every((b) => b === 0)).toBe(true); // the delegate signs after
    expect(result.out).toContain(id);
  });

  it('asks before signing; "no" signs and sends nothing (exit 4)', async () => {
    const portal = makeFakePortal();
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL], portal, { answer: false });
    expect(result.code).toBe(EXIT.DECLINED);
    expect(result.asked).toBe(1);
    expect(result.err).toContain('DECLINED');
    expect(portal.submitted.size).toBe(0);
    const yes = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL], portal, { answer: true });
    expect(yes.code, yes.err).toBe(0);
    expect(portal.submitted.size).toBe(1);
  });

  it('a wrong --public-key: refused after fetching the manifest, nothing built (exit 3)', async () => {
    const portal = makeFakePortal();
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL, '--public-key', Keypair.generate().publicKey.toBase58(), '--yes'], portal);
    expect(result.code).toBe(EXIT.NOT_VERIFIED);
    expect(result.err).toMatch(/MANIFEST_KEY_MISMATCH: the portal's signed manifest does not verify/);
    expect(portal.requests.map((r) => r.path)).toEqual(['/.well-known/migration-manifest.json']);
    const right = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL, '--public-key', portal.release.publicKey.toBase58(), '--yes'], portal);
    expect(right.code, right.err).toBe(0);
    expect(right.out).toContain(`the pinned release key ${portal.release.publicKey.toBase58()}`);
  });

  it('a manifest signed by another key that names it: refused with the pinned key', async () => {
    const portal = makeFakePortal({ cluster: 'mainnet-beta' });
    const impostor = Keypair.generate().publicKey.toBase58();
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL, '--yes'], portal, { env: { RELEASE_PUBLIC_KEY: impostor } });
    expect(result.code).toBe(EXIT.NOT_VERIFIED);
    expect(builds(portal)).toBe(0);
  });

  it('no --public-key for a mainnet-beta manifest: refused, nothing built (exit 2); pinned, it works', async () => {
    const portal = makeFakePortal({ cluster: 'mainnet-beta' });
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL, '--yes'], portal);
    expect(result.code).toBe(EXIT.USAGE);
    expect(result.err).toMatch(/PUBLIC_KEY_REQUIRED: --public-key is required: this portal's manifest is for "mainnet-beta"/);
    expect(builds(portal)).toBe(0);
    const pinned = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL, '--yes'], portal, { env: { RELEASE_PUBLIC_KEY: portal.release.publicKey.toBase58() } });
    expect(pinned.code, pinned.err).toBe(0);
    expect(pinned.out).toContain('https://explorer.solana.com/tx/');
  });

  it('a portal that builds a transfer to another vault: refused before the prompt, nothing signed (exit 3)', async () => {
    const portal = makeFakePortal();
    const thief = Keypair.generate().publicKey;
    portal.lie = (e) => ({ ...e, vaultTokenAccount: thief });
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL], portal, { answer: true });
    expect(result.code).toBe(EXIT.NOT_VERIFIED);
    expect(result.asked).toBe(0);
    expect(result.err).toContain('NOT_VERIFIED: the transaction is not the official migration transaction');
    expect(result.err).toMatch(/- EXPECTED_MISMATCH: The portal described a different migration vault/);
    expect(result.err).toMatch(/- WRONG_DESTINATION: /);
    expect(portal.submitted.size).toBe(0);
  });

  it('a portal that builds more AI16Z than asked (and says so): refused', async () => {
    const portal = makeFakePortal();
    portal.lie = (e) => ({ ...e, amountIn: e.amountIn * 2n, amountOut: e.amountOut * 2n });
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL, '--yes'], portal);
    expect(result.code).toBe(EXIT.NOT_VERIFIED);
    expect(result.err).toMatch(/- WRONG_AMOUNT: /);
    expect(portal.submitted.size).toBe(0);
  });

  it("the portal's refusals by API code, each with its sentence and next step (exit 1)", async () => {
    const portal = makeFakePortal();
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '101', '--url', PORTAL, '--yes'], portal);
    expect(result.code).toBe(EXIT.REFUSED);
    expect(result.err).toContain('migrate: AMOUNT_EXCEEDS_REMAINING: You can migrate at most 100 AI16Z more from this wallet. (HTTP 409)');
    expect(result.err).toContain('Ask for at most the remaining allocation (--amount).');
    expect(result.err).toContain('Nothing was signed or sent.');
    const stranger = await run(['--keypair', keypairFile(Keypair.generate()), '--amount', '1', '--url', PORTAL, '--yes'], portal);
    expect(stranger.code).toBe(EXIT.REFUSED);
    expect(stranger.out).toMatch(/is not in the snapshot of 2026-11-20/);
    expect(stranger.err).toMatch(/NOT_IN_SNAPSHOT: .*\n.*use the keypair of the wallet that held AI16Z at the snapshot/);
  });

  it('a submit whose answer is lost: follows the migration’s state instead of sending again', async () => {
    const portal = makeFakePortal();
    portal.loseSubmitAnswer = true;
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', PORTAL, '--yes'], portal);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('The answer to the submit was lost');
    expect(result.out).toContain('Confirmed: you sent 1 AI16Z');
    expect(portal.requests.filter((r) => r.path.endsWith('/submit'))).toHaveLength(1);
  });

  it('an unreachable portal: exit 5', async () => {
    const portal = makeFakePortal();
    const result = await run(['--keypair', keypairFile(portal.holder), '--amount', '1', '--url', 'http://localhost:1', '--yes'], portal);
    expect(result.code).toBe(EXIT.UNREACHABLE);
    expect(result.err).toMatch(/NETWORK: http:\/\/localhost:1\/.well-known\/migration-manifest.json could not be reached/);
  });
});

describe('offline signing (fake portal)', () => {
  async function unsigned(portal: FakePortal, name: string): Promise<string> {
    const file = path.join(work, name);
    const result = await run(['--wallet', portal.holder.publicKey.toBase58(), '--amount', '5', '--unsigned-out', file, '--url', PORTAL], portal);
    expect(result.code, result.err).toBe(0);
    return file;
  }

  it('--unsigned-out, --sign, --submit-signed: each step verifies; the file is {id, transaction, expiresAt, messageHash, …}', async () => {
    const portal = makeFakePortal();
    const file = await unsigned(portal, 'pair-unsigned.json');
    const content = readJson(file);
    expect(Object.keys(content)).toEqual(expect.arrayContaining(['id', 'transaction', 'expiresAt', 'messageHash', 'wallet', 'amount', 'amountOut', 'portal', 'manifest']));
    expect(content).toMatchObject({ wallet: portal.holder.publicKey.toBase58(), amount: '5000000000', amountOut: '30000000000', portal: PORTAL });
    // What a careful custody system recomputes from the signed parameters before its own signer signs.
    const expected = expectedFromInputs(officialParamsFromManifest(portal.manifest.parameters), portal.holder.publicKey, BigInt(content.amount), content.id);
    const check = verifyMigrationTransaction(Buffer.from(content.transaction, 'base64'), expected);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.migration.messageHash).toBe(content.messageHash);

    const signedFile = path.join(work, 'pair-signed.json');
    const key = portal.release.publicKey.toBase58();
    const signing = await run(['--sign', file, '--keypair', keypairFile(portal.holder), '--signed-out', signedFile, '--amount', '5', '--public-key', key], portal, { answer: true });
    expect(signing.code, signing.err).toBe(0);
    expect(signing.asked).toBe(1);
    expect(signing.out).toContain('this step does not read the chain');
    expect(portal.requests.filter((r) => r.path !== '/api/v1/migrations' && !r.path.startsWith('/api/v1/eligibility') && r.path !== '/api/v1/rpc' && !r.path.endsWith('manifest.json'))).toEqual([]);
    const signed = readJson(signedFile);
    expect({ ...signed, transaction: content.transaction }).toEqual(content);
    expect(signed.transaction).not.toBe(content.transaction);

    const submitting = await run(['--submit-signed', signedFile, '--public-key', key], portal);
    expect(submitting.code, submitting.err).toBe(0);
    expect(portal.submitted.get(content.id)).toBe(signed.transaction);
    expect(submitting.out).toContain('the signed transaction is the official migration transaction the portal issued');
  });

  it('a tampered unsigned file is refused by --sign before signing; nothing is written', async () => {
    const portal = makeFakePortal();
    const file = await unsigned(portal, 'tamper-unsigned.json');
    const content = readJson(file);
    const key = portal.release.publicKey.toBase58();
    const vault = new PublicKey(portal.manifest.parameters.vault.tokenAccount).toBuffer();
    const bytes = Buffer.from(content.transaction, 'base64');
    Keypair.generate().publicKey.toBuffer().copy(bytes, bytes.indexOf(vault));
    const cases: [string, OfflineFile, RegExp][] = [
      ['destination', { ...content, transaction: bytes.toString('base64') }, /- WRONG_DESTINATION: /],
      ['message hash', { ...content, messageHash: Keypair.generate().publicKey.toBase58() }, /- MESSAGE_CHANGED: /],
      ['amount', { ...content, amount: '6000000000', amountOut: '36000000000' }, /- WRONG_AMOUNT: /],
    ];
    for (const [what, tampered, violation] of cases) {
      const tamperedFile = path.join(work, `tampered-${what.replace(' ', '-')}.json`);
      writeFileSync(tamperedFile, JSON.stringify(tampered));
      const out = path.join(work, `tampered-${what.replace(' ', '-')}-signed.json`);
      const result = await run(['--sign', tamperedFile, '--keypair', keypairFile(portal.holder), '--signed-out', out, '--yes', '--public-key', key], portal);
      expect(result.code, what).toBe(EXIT.NOT_VERIFIED);
      expect(result.err, what).toMatch(violation);
      expect(existsSync(out), what).toBe(false);
    }
    const asked = await run(['--sign', file, '--keypair', keypairFile(portal.holder), '--signed-out', path.join(work, 'x.json'), '--amount', '6', '--yes', '--public-key', key], portal);
    expect(asked.code).toBe(EXIT.NOT_VERIFIED);
    expect(asked.err).toMatch(/- AMOUNT_MISMATCH: The file migrates 5 AI16Z, not the 6 AI16Z you asked for/);
    const otherKey = await run(['--sign', file, '--keypair', keypairFile(Keypair.generate()), '--signed-out', path.join(work, 'y.json'), '--yes', '--public-key', key], portal);
    expect(otherKey.code).toBe(EXIT.USAGE);
    expect(otherKey.err).toContain('WRONG_KEYPAIR');
  });

  it('--sign without --public-key is refused even for a localnet manifest: the file, portal address included, is anyone’s to write', async () => {
    // What an attacker hands a signer: a "localnet" manifest signed by the attacker's own key, with
    // the attacker's vault, and a portal address on the signer's machine. Unpinned, it must not sign.
    const attacker = makeFakePortal();
    const file = await unsigned(attacker, 'attacker-unsigned.json');
    const out = path.join(work, 'attacker-signed.json');
    const result = await run(['--sign', file, '--keypair', keypairFile(attacker.holder), '--signed-out', out, '--yes'], null);
    expect(result.code, result.out).toBe(EXIT.USAGE);
    expect(result.err).toMatch(/PUBLIC_KEY_REQUIRED: --public-key is required .*a file/);
    expect(existsSync(out)).toBe(false);
  });

  it('--submit-signed without --url or --public-key does not take the file’s word that its portal is a localnet one', async () => {
    const portal = makeFakePortal();
    const file = await unsigned(portal, 'nourl-unsigned.json');
    const signedFile = path.join(work, 'nourl-signed.json');
    const key = portal.release.publicKey.toBase58();
    expect((await run(['--sign', file, '--keypair', keypairFile(portal.holder), '--signed-out', signedFile, '--yes', '--public-key', key], portal)).code).toBe(0);
    const unpinned = await run(['--submit-signed', signedFile], portal);
    expect(unpinned.code).toBe(EXIT.USAGE);
    expect(unpinned.err).toContain('PUBLIC_KEY_REQUIRED');
    const typed = await run(['--submit-signed', signedFile, '--url', PORTAL], portal);
    expect(typed.code, typed.err).toBe(0);
  });

  it('--sign checks the embedded manifest offline: a wrong --public-key, or none for a mainnet-beta manifest', async () => {
    const portal = makeFakePortal({ cluster: 'mainnet-beta' });
    const file = path.join(work, 'mainnet-unsigned.json');
    const key = portal.release.publicKey.toBase58();
    expect((await run(['--wallet', portal.holder.publicKey.toBase58(), '--amount', '5', '--unsigned-out', file, '--url', PORTAL, '--public-key', key], portal)).code).toBe(0);
    const out = path.join(work, 'mainnet-signed.json');
    const none = await run(['--sign', file, '--keypair', keypairFile(portal.holder), '--signed-out', out, '--yes'], portal);
    expect(none.code).toBe(EXIT.USAGE);
    expect(none.err).toContain('PUBLIC_KEY_REQUIRED');
    const wrong = await run(['--sign', file, '--keypair', keypairFile(portal.holder), '--signed-out', out, '--yes', '--public-key', Keypair.generate().publicKey.toBase58()], portal);
    expect(wrong.code).toBe(EXIT.NOT_VERIFIED);
    expect(existsSync(out)).toBe(false);
    const right = await run(['--sign', file, '--keypair', keypairFile(portal.holder), '--signed-out', out, '--yes', '--public-key', key], portal);
    expect(right.code, right.err).toBe(0);
  });

  it('--submit-signed refuses what is not the issued message with a valid holder signature; nothing is sent', async () => {
    const portal = makeFakePortal();
    const file = await unsigned(portal, 'submit-unsigned.json');
    const content = readJson(file);
    const signedFile = path.join(work, 'submit-signed.json');
    const key = portal.release.publicKey.toBase58();
    expect((await run(['--sign', file, '--keypair', keypairFile(portal.holder), '--signed-out', signedFile, '--yes', '--public-key', key], portal)).code).toBe(0);
    const signed = readJson(signedFile);
    const bytes = Buffer.from(signed.transaction, 'base64');
    const forged = Buffer.from(bytes);
    forged[5] = (forged[5] as number) ^ 0xff; // inside the holder's signature
    const cases: [string, OfflineFile, RegExp][] = [
      ['unsigned', content, /- NOT_SIGNED: /],
      ['forged signature', { ...signed, transaction: forged.toString('base64') }, /- HOLDER_SIGNATURE_INVALID: /],
      ['other amount', { ...signed, amount: '6000000000' }, /- EXPECTED_MISMATCH: The file's AI16Z amount \(6000000000\) is not the one the portal issued/],
      ['other hash', { ...signed, messageHash: Keypair.generate().publicKey.toBase58() }, /- MESSAGE_CHANGED: /],
    ];
    for (const [what, tampered, violation] of cases) {
      const tamperedFile = path.join(work, `submit-${what.replace(' ', '-')}.json`);
      writeFileSync(tamperedFile, JSON.stringify(tampered));
      const result = await run(['--submit-signed', tamperedFile, '--url', PORTAL], portal);
      expect(result.code, `${what}: ${result.err}`).toBe(EXIT.NOT_VERIFIED);
      expect(result.err, what).toMatch(violation);
    }
    expect(portal.submitted.size).toBe(0);
  });
});

/**
 * `npm run migrate -- …` (or `npx elizaos-migrate …`): the command-line migration path
 * (docs/DESIGN.md "Paths for every holder", README "Command line (CLI)"), for CLI wallets, bots
 * and custody systems. Wallet-first signing as in the browser: the portal builds the unsigned
 * transaction, this machine verifies it with the shared policy against the parameters of the
 * portal's signed manifest (checked with the pinned release key) and previews it in words, the
 * holder signs, and the portal re-verifies, co-signs as the treasury delegate and sends.
 *
 *   --keypair FILE --amount X [--url URL] [--public-key KEY] [--yes]      migrate now
 *   --wallet ADDRESS --amount X --unsigned-out FILE [--url] [--public-key] offline, step 1: build, verify, write
 *   --sign FILE --keypair FILE --signed-out FILE [--public-key] [--yes]   offline, step 2 (no network): verify, sign
 *   --submit-signed FILE [--url] [--public-key]                           offline, step 3: re-verify, send, wait
 *
 * Exit codes: scripts/migrate/errors.ts `EXIT` (0 done, 1 refused, 2 usage, 3 not verified,
 * 4 declined, 5 unreachable, 6 not confirmed in time).
 */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { Connection, PublicKey } from '@solana/web3.js';
import { type ApiClient, createApiClient, NetworkError, UnexpectedAnswerError } from '@/lib/api/client';
import { CLUSTERS, type Cluster } from '@/lib/config/env';
import { MANIFEST_PATH } from '@/lib/release/manifest';
import { verifyEligibilityAgainstManifest } from '@/lib/snapshot/verify-eligibility';
import { isAddress } from '@/lib/solana/address';
import { formatBaseUnits, parsePositiveUiAmount } from '@/lib/solana/amounts';
import { officialParamsFromManifest, type OfficialParams } from '@/lib/solana/official-params';
import { verifyMigrationTransaction, type DecodedMigration } from '@/lib/solana/policy';
import { PolicyRefusal } from '@/components/migrate/errors';
import { explorerTxUrl } from '@/components/migrate/explorer';
import { simulateBalanceChanges } from '@/components/migrate/simulate';
import { expectedFromInputs, verifyBuild } from '@/components/migrate/verify';
import { readKeypairFile } from '@/scripts/lib/keypair';
import { CliFailure, describeFailure, EXIT, type ExitCode, MigrationSettled, type Stage, UsageError } from '@/scripts/migrate/errors';
import { OFFLINE_FORMAT, type OfflineFile, readOfflineFile, writeOfflineFile } from '@/scripts/migrate/offline-file';
import { type ChainFacts, formatPreview, validitySentence } from '@/scripts/migrate/preview';
import { checkSignedAgainstIssued, fromBase64, signAsHolder, toBase64, transactionSignature } from '@/scripts/migrate/transaction';
import { type TrustedManifest, trustManifest } from '@/scripts/migrate/trust';

export const DEFAULT_URL = 'http://localhost:3000';
const DEFAULT_TIMEOUT_S = 90;
const POLL_INTERVAL_MS = 1_000;

export const USAGE = `usage: npm run migrate -- --keypair FILE --amount UI_AMOUNT [--url URL] [--public-key KEY] [--yes]
       npm run migrate -- --wallet ADDRESS --amount UI_AMOUNT --unsigned-out FILE [--url URL] [--public-key KEY]
       npm run migrate -- --sign FILE --keypair FILE --signed-out FILE [--public-key KEY] [--amount UI_AMOUNT] [--yes]
       npm run migrate -- --submit-signed FILE [--url URL] [--public-key KEY]
       (or npx elizaos-migrate …)

Migrates AI16Z to ELIZAOS (1 : 6) from a Solana CLI keypair. The portal builds the transaction;
this machine checks it is the official one, against the portal's signed manifest, before
anything is signed (README "Command line (CLI)").

  --keypair FILE         the holder's Solana CLI keypair file (a JSON array of 64 bytes; base58 also read)
  --amount UI_AMOUNT     AI16Z to migrate, as a decimal: 12.5 (a dot for decimals, no separators)
  --url URL              the portal (default ${DEFAULT_URL}; with --submit-signed, the file's portal)
  --public-key KEY       the pinned release public key (README "Verify this deployment"), or RELEASE_PUBLIC_KEY;
                         required unless the manifest says localnet and --url is on this machine (always with --sign)
  --yes, -y              sign without asking (bots); the preview is printed all the same
  --rpc-url URL          read the chain (ELIZAOS account, rent, dry run) from this RPC, not the portal's /api/v1/rpc
  --timeout SECONDS      how long to wait for confirmation (default ${DEFAULT_TIMEOUT_S})

Offline signing (custody systems, air-gapped signers): the transaction stays valid about 60 s.
  --wallet ADDRESS       the holder's address (its key is elsewhere)
  --unsigned-out FILE    build and verify, then write {id, transaction, expiresAt, messageHash, …} to FILE
  --sign FILE            check FILE (no network needed) and sign its transaction with --keypair
  --signed-out FILE      where --sign writes the signed file
  --submit-signed FILE   re-verify the signed transaction in FILE, send it, and wait for confirmation

Exit codes: 0 done, 1 refused by the portal or failed on chain, 2 usage, 3 not verified (nothing
signed or sent), 4 declined at the prompt, 5 portal unreachable, 6 sent but not confirmed in time.`;

export type Io = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Asks a yes/no question; resolves false on anything but yes (and on end of input). */
  confirm: (question: string) => Promise<boolean>;
  fetch: typeof fetch;
  /** Relative file paths are resolved against this directory. */
  cwd: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
};

export type Command =
  | { mode: 'help' }
  | { mode: 'migrate'; keypair: string; amount: string; url: string; publicKey: string | undefined; yes: boolean; rpcUrl: string | undefined; timeoutS: number }
  | { mode: 'prepare'; wallet: string; amount: string; out: string; url: string; publicKey: string | undefined; rpcUrl: string | undefined }
  | { mode: 'sign'; file: string; keypair: string; out: string; amount: string | undefined; publicKey: string | undefined; yes: boolean }
  | { mode: 'submit'; file: string; url: string | undefined; publicKey: string | undefined; rpcUrl: string | undefined; timeoutS: number };

const OPTIONS = {
  keypair: { type: 'string' },
  amount: { type: 'string' },
  url: { type: 'string' },
  'public-key': { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  'rpc-url': { type: 'string' },
  timeout: { type: 'string' },
  wallet: { type: 'string' },
  'unsigned-out': { type: 'string' },
  sign: { type: 'string' },
  'signed-out': { type: 'string' },
  'submit-signed': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof OPTIONS;

/**
 * Reads the command line (`node:util` parseArgs, strict: an unknown option, a missing value or a
 * stray argument is a usage error) into one command, checking every value that needs no network.
 *
 * @param env for `RELEASE_PUBLIC_KEY` when `--public-key` is absent
 * @throws UsageError naming the problem.
 */
export function parseCommand(argv: readonly string[], env: Record<string, string | undefined> = {}): Command {
  let values: { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { mode: 'help' };
  const given = (Object.keys(values) as OptionName[]).filter((k) => values[k] !== undefined);
  const only = (mode: string, allowed: readonly OptionName[]) => {
    const extra = given.filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw new UsageError(`${extra.map((k) => `--${k}`).join(', ')} cannot be used with ${mode}`);
  };
  const need = (mode: string, names: readonly OptionName[]) => {
    const missing = names.filter((k) => values[k] === undefined);
    if (missing.length > 0) throw new UsageError(`${mode} needs ${missing.map((k) => `--${k}`).join(' and ')}`);
  };
  const publicKey = checkedPublicKey(values['public-key'] ?? (env.RELEASE_PUBLIC_KEY || undefined));
  const url = (name: 'url' | 'rpc-url') => (values[name] === undefined ? undefined : checkedUrl(values[name], `--${name}`));
  const timeoutS = checkedTimeout(values.timeout);

  const modes = (['unsigned-out', 'sign', 'submit-signed'] as const).filter((k) => values[k] !== undefined);
  if (modes.length > 1) throw new UsageError(`${modes.map((k) => `--${k}`).join(' and ')} are separate steps: run one at a time`);
  if (values['submit-signed'] !== undefined) {
    only('--submit-signed', ['submit-signed', 'url', 'public-key', 'rpc-url', 'timeout']);
    return { mode: 'submit', file: values['submit-signed'], url: url('url'), publicKey, rpcUrl: url('rpc-url'), timeoutS };
  }
  if (values.sign !== undefined) {
    only('--sign (an offline step: it reads no portal)', ['sign', 'keypair', 'signed-out', 'amount', 'public-key', 'yes']);
    need('--sign FILE', ['keypair', 'signed-out']);
    if (values.amount !== undefined) checkedAmountText(values.amount);
    return { mode: 'sign', file: values.sign, keypair: values.keypair as string, out: values['signed-out'] as string, amount: values.amount, publicKey, yes: values.yes ?? false };
  }
  if (values['unsigned-out'] !== undefined) {
    only('--unsigned-out (no key on this machine: use --wallet)', ['unsigned-out', 'wallet', 'amount', 'url', 'public-key', 'rpc-url']);
    need('--unsigned-out FILE', ['wallet', 'amount']);
    return { mode: 'prepare', wallet: checkedWallet(values.wallet as string), amount: checkedAmountText(values.amount as string), out: values['unsigned-out'], url: url('url') ?? DEFAULT_URL, publicKey, rpcUrl: url('rpc-url') };
  }
  if (values.wallet !== undefined) throw new UsageError('--wallet is for offline signing: add --unsigned-out FILE, or sign here with --keypair FILE instead');
  if (values['signed-out'] !== undefined) throw new UsageError('--signed-out goes with --sign FILE');
  if (values.keypair === undefined) throw new UsageError(given.length === 0 ? 'nothing to do' : 'pass --keypair FILE (or --wallet ADDRESS --unsigned-out FILE to sign elsewhere)');
  need('--keypair FILE', ['amount']);
  return { mode: 'migrate', keypair: values.keypair, amount: checkedAmountText(values.amount as string), url: url('url') ?? DEFAULT_URL, publicKey, yes: values.yes ?? false, rpcUrl: url('rpc-url'), timeoutS };
}

function checkedUrl(text: string, name: string): string {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`${name} "${text.slice(0, 100)}" is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`${name} must be an http(s) URL, not ${u.protocol}`);
  return u.href;
}

/** The amount's syntax, before the manifest gives the mint's decimals (at most 9: the manifest schema's bound). */
function checkedAmountText(text: string): string {
  try {
    parsePositiveUiAmount(text, 9);
  } catch (error) {
    throw new UsageError(`--amount "${text.slice(0, 40)}": ${error instanceof Error ? error.message : String(error)}`);
  }
  return text.trim();
}

function checkedWallet(text: string): string {
  if (isAddress(text)) return text;
  throw new UsageError(`--wallet "${text.slice(0, 60)}" is not a Solana address (base58, 32 bytes)`);
}

function checkedPublicKey(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (isAddress(text)) return text;
  throw new UsageError(`--public-key "${text.slice(0, 60)}" is not a base58 ed25519 public key`);
}

function checkedTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_S;
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > 3600) throw new UsageError(`--timeout "${text.slice(0, 20)}" must be whole seconds from 1 to 3600`);
  return Number(text);
}

/** Runs one command line; resolves its exit code (never rejects). */
export async function main(argv: readonly string[], overrides: Partial<Io> = {}): Promise<ExitCode> {
  const io: Io = { ...defaultIo(), ...overrides };
  let command: Command;
  try {
    command = parseCommand(argv, io.env);
  } catch (error) {
    io.err(`migrate: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  if (command.mode === 'help') {
    io.out(USAGE);
    return EXIT.OK;
  }
  const stage: { current: Stage } = { current: 'manifest' };
  try {
    if (command.mode === 'migrate') await migrate(command, io, stage);
    else if (command.mode === 'prepare') await prepare(command, io, stage);
    else if (command.mode === 'sign') await sign(command, io);
    else await submitSigned(command, io, stage);
    return EXIT.OK;
  } catch (error) {
    const failure = describeFailure(error, stage.current);
    for (const line of failure.lines) io.err(line);
    return failure.exit;
  }
}

function defaultIo(): Io {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    confirm: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      try {
        const answer = await new Promise<string>((resolve) => {
          rl.once('close', () => resolve(''));
          rl.question(question).then(resolve, () => resolve(''));
        });
        // A piped answer is not echoed: end the prompt's line so the next one starts clean.
        if (!process.stdin.isTTY) process.stdout.write('\n');
        return /^(y|yes)$/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
    fetch: (input, init) => fetch(input, init),
    // `npm run` starts scripts in the package root; INIT_CWD is where the holder typed the command.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    env: process.env,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}

/** The portal as the CLI reaches it: the one API client (lib/api/client.ts) at its origin, and its verified manifest. */
type Portal = { client: ApiClient; origin: string; rpcProxyUrl: string; trusted: TrustedManifest; params: OfficialParams; envelope: unknown };

/** The manifest lists every static file (tens of kB); anything much larger is not one. */
const MAX_ANSWER_CHARS = 5 * 1024 * 1024;

/** Fetches and verifies the portal's signed manifest, and says with which key. */
async function openPortal(url: string, publicKey: string | undefined, io: Io, urlFrom: 'holder' | 'file' = 'holder'): Promise<Portal> {
  const origin = new URL(url).origin;
  const client = createApiClient({ baseUrl: origin, fetch: io.fetch, headers: { 'user-agent': 'elizaos-migrate' }, redirect: 'error', maxAnswerChars: MAX_ANSWER_CHARS });
  const envelope = await client.fetchSignedManifest(MANIFEST_PATH);
  const trusted = trustManifest(envelope, publicKey, urlFrom === 'holder' ? url : null);
  const p = trusted.manifest.parameters;
  io.out(`Portal          ${origin} (${p.cluster})`);
  io.out(
    `Manifest        signature OK (ed25519) with ${trusted.pinned ? `the pinned release key ${trusted.publicKey}` : `the key it names, ${trusted.publicKey} (a localnet portal on this machine: nothing pinned)`}; policy ${p.policyVersion}, 1 AI16Z : ${p.ratio} ELIZAOS`,
  );
  if (p.origin !== origin) io.out(`                note: the manifest is issued for ${p.origin}, and you reach it as ${origin}`);
  return { client, origin, rpcProxyUrl: new URL('/api/v1/rpc', origin).href, trusted, params: officialParamsFromManifest(p), envelope };
}

/** The amount in AI16Z base units, with the signed mint decimals. @throws AmountError */
function amountIn(text: string, params: OfficialParams): bigint {
  return parsePositiveUiAmount(text, params.ai16z.decimals);
}

const ai16z = (amount: bigint | string, params: OfficialParams) => `${formatBaseUnits(BigInt(amount), params.ai16z.decimals)} AI16Z`;

/**
 * The wallet's allocation, accepted only when its Merkle proof leads to the signed snapshot root
 * (lib/snapshot/verify-eligibility.ts, as the browser checks it). The build answer decides the rest.
 * @throws AllocationUnverifiedError, and the portal client's errors
 */
async function showAllocation(portal: Portal, wallet: string, io: Io): Promise<void> {
  const eligibility = await portal.client.fetchEligibility(wallet);
  verifyEligibilityAgainstManifest({ wallet, eligibility, manifest: portal.envelope, releasePublicKey: portal.trusted.publicKey, params: portal.params });
  const taken = portal.trusted.manifest.parameters.snapshotTakenAt.slice(0, 10);
  if (eligibility.snapshotBalance === null) {
    io.out(`Allocation      ${wallet} is not in the snapshot of ${taken}`);
    return;
  }
  io.out(
    `Allocation      ${ai16z(eligibility.snapshotBalance, portal.params)} in the snapshot of ${taken} (proven under the signed snapshot root); ${ai16z(eligibility.remaining, portal.params)} remaining${eligibility.balance === null ? '' : `, ${ai16z(eligibility.balance, portal.params)} held`}`,
  );
}

/** The chain's view before signing: the dry run, the ELIZAOS account and its rent (components/migrate/simulate.ts). */
async function readChain(rpcUrl: string, bytes: Uint8Array, holder: PublicKey, params: OfficialParams, io: Io): Promise<ChainFacts> {
  const connection = new Connection(rpcUrl, { commitment: 'confirmed', fetch: io.fetch, disableRetryOnRateLimit: true });
  try {
    const result = await simulateBalanceChanges(connection, bytes, holder, params);
    return result.ok ? { kind: 'simulated', result, source: rpcUrl } : { kind: 'failed', reason: result.reason, logs: result.logs, source: rpcUrl };
  } catch (error) {
    return { kind: 'unavailable', reason: error instanceof Error ? error.message.slice(0, 200) : String(error), source: rpcUrl };
  }
}

function printPreview(migration: DecodedMigration, params: OfficialParams, chain: ChainFacts, expiresAt: Date, io: Io): void {
  io.out('');
  for (const line of formatPreview({ migration, params, chain, expiresAt, now: io.now() })) io.out(line);
  io.out('');
  if (chain.kind === 'failed') {
    throw new CliFailure('SIMULATION_FAILED', `Solana would refuse this transaction right now (${chain.reason}), so it is not signed.`, EXIT.REFUSED, 'Check that the wallet still holds the AI16Z and some SOL, then run the command again. Nothing was signed or sent.');
  }
}

async function confirmOrStop(yes: boolean, question: string, io: Io): Promise<void> {
  if (yes) return;
  if (!(await io.confirm(question))) throw new CliFailure('DECLINED', 'you did not confirm: nothing was signed.', EXIT.DECLINED);
}

function assertNotExpired(expiresAt: Date, id: string, io: Io): void {
  if (io.now() >= expiresAt) {
    throw new CliFailure('MIGRATION_EXPIRED', `the transaction of migration ${id} expired at ${expiresAt.toISOString()} before it was signed: nothing was signed or sent.`, EXIT.REFUSED, 'Run the command again for a fresh transaction.');
  }
}

/**
 * Builds on the portal, verifies on this machine (components/migrate/verify.ts `verifyBuild`, the
 * browser's check: the portal's description and the bytes against this machine's own expectation),
 * reads the chain and prints the preview.
 * @throws PolicyRefusal, CliFailure SIMULATION_FAILED, AmountError, AllocationUnverifiedError, the portal client's errors
 */
async function buildAndPreview(portal: Portal, wallet: string, amountText: string, rpcUrl: string | undefined, whose: string, io: Io, stage: { current: Stage }) {
  const amount = amountIn(amountText, portal.params);
  io.out(`Wallet          ${wallet} (${whose})`);
  await showAllocation(portal, wallet, io);
  stage.current = 'build';
  const build = await portal.client.buildMigration(wallet, amount);
  const holder = new PublicKey(wallet);
  const verified = verifyBuild(build, portal.params, holder, amount);
  const expiresAt = new Date(build.expiresAt);
  if (Number.isNaN(expiresAt.getTime())) {
    const url = new URL('/api/v1/migrations', portal.origin).href;
    throw new UnexpectedAnswerError(201, `${url} answered HTTP 201 with an unreadable expiresAt`, url);
  }
  io.out(`Migration       ${build.id}`);
  const chain = await readChain(rpcUrl ?? portal.rpcProxyUrl, verified.bytes, holder, portal.params, io);
  printPreview(verified.migration, portal.params, chain, expiresAt, io);
  return { id: build.id, verified, expiresAt };
}

/** `--keypair FILE --amount X`: build, verify, preview, confirm, sign, submit, wait. */
async function migrate(command: Extract<Command, { mode: 'migrate' }>, io: Io, stage: { current: Stage }): Promise<void> {
  const keypair = readKeypairFile(path.resolve(io.cwd, command.keypair));
  const portal = await openPortal(command.url, command.publicKey, io);
  const { id, verified, expiresAt } = await buildAndPreview(portal, keypair.publicKey, command.amount, command.rpcUrl, `from ${command.keypair}`, io, stage);
  await confirmOrStop(command.yes, `Sign as ${keypair.publicKey} and send this migration? Type yes to continue: `, io);
  assertNotExpired(expiresAt, id, io);
  const signed = signAsHolder(verified.bytes, keypair);
  checkSignedAgainstIssued(signed, verified.expected, verified.migration.messageHash);
  stage.current = 'submit';
  io.out(`Signed as ${keypair.publicKey}; sending through the portal (it checks the bytes again and co-signs as the treasury delegate)…`);
  const signature = await submitOnce(portal, id, signed, io);
  stage.current = 'wait';
  await waitForConfirmation(portal, id, signature, command.timeoutS, command.rpcUrl, io);
}

/**
 * `POST …/submit`, once. When its answer is lost (no connection, an undocumented answer from
 * something in between), the portal may have co-signed and sent it all the same: the state is
 * then followed instead (a built migration that never arrived expires on its own), never sent
 * again by a new build.
 * @returns the transaction's signature
 */
async function submitOnce(portal: Portal, id: string, signed: Uint8Array, io: Io): Promise<string> {
  const own = transactionSignature(signed);
  try {
    return (await portal.client.submitMigration(id, toBase64(signed))).signature;
  } catch (error) {
    if (!(error instanceof NetworkError) && !(error instanceof UnexpectedAnswerError)) throw error;
    io.out(`The answer to the submit was lost (${error.message}); it may have arrived all the same, so this follows the migration's state instead of sending again.`);
    return own;
  }
}

/** `--wallet ADDRESS --amount X --unsigned-out FILE`: build, verify, preview, write the file. */
async function prepare(command: Extract<Command, { mode: 'prepare' }>, io: Io, stage: { current: Stage }): Promise<void> {
  const portal = await openPortal(command.url, command.publicKey, io);
  const { id, verified, expiresAt } = await buildAndPreview(portal, command.wallet, command.amount, command.rpcUrl, 'offline signing: no key on this machine', io, stage);
  const file: OfflineFile = {
    id,
    transaction: toBase64(verified.bytes),
    expiresAt: expiresAt.toISOString(),
    messageHash: verified.migration.messageHash,
    format: OFFLINE_FORMAT,
    wallet: command.wallet,
    amount: verified.expected.amountIn.toString(),
    amountOut: verified.expected.amountOut.toString(),
    portal: portal.origin,
    manifest: portal.envelope,
  };
  const out = path.resolve(io.cwd, command.out);
  writeOfflineFile(out, file);
  io.out(`Wrote ${command.out}: the unsigned transaction of migration ${id}, to be signed by ${command.wallet}.`);
  io.out(`Next: sign its "transaction" as ${command.wallet} (or run --sign ${command.out} --keypair FILE --signed-out SIGNED.json on the signing machine),`);
  io.out(`then run --submit-signed SIGNED.json before ${expiresAt.toISOString()}. ${offlineTimingSentence()}`);
}

/** How long the offline round trip may take, plainly. */
function offlineTimingSentence(): string {
  return 'The transaction carries a recent blockhash, which lands for about 60–90 s at most, and the portal refuses it after its expiresAt (about a minute after the build). A custody flow that takes longer should use the deposit-and-receive path (docs/DESIGN.md "Deposit and receive") instead.';
}

/** `--sign FILE --keypair K --signed-out OUT`: verify the unsigned file offline, preview, confirm, sign, write. */
async function sign(command: Extract<Command, { mode: 'sign' }>, io: Io): Promise<void> {
  const file = readOfflineFile(path.resolve(io.cwd, command.file));
  const keypair = readKeypairFile(path.resolve(io.cwd, command.keypair));
  if (keypair.publicKey !== file.wallet) {
    throw new CliFailure('WRONG_KEYPAIR', `${command.keypair} is the key of ${keypair.publicKey}, but ${command.file} is a migration of ${file.wallet}: nothing was signed.`, EXIT.USAGE, 'Sign with the keypair of the wallet the file names.');
  }
  // The file is anyone's to write, its portal address included: no localnet exception here.
  const trusted = trustManifest(file.manifest, command.publicKey, null);
  const params = officialParamsFromManifest(trusted.manifest.parameters);
  io.out(`Portal          ${file.portal} (${trusted.manifest.parameters.cluster}), as recorded in ${command.file}`);
  io.out(`Manifest        signature OK (ed25519) with ${trusted.pinned ? `the pinned release key ${trusted.publicKey}` : `the key it names, ${trusted.publicKey} (localnet: nothing pinned)`}`);
  io.out(`Wallet          ${keypair.publicKey} (from ${command.keypair})`);
  io.out(`Migration       ${file.id}`);
  const holder = new PublicKey(keypair.publicKey);
  const expected = expectedFromInputs(params, holder, BigInt(file.amount), file.id);
  const problems: { code: string; message: string }[] = [];
  if (command.amount !== undefined) {
    const asked = amountIn(command.amount, params);
    if (asked !== expected.amountIn) problems.push({ code: 'AMOUNT_MISMATCH', message: `The file migrates ${ai16z(expected.amountIn, params)}, not the ${ai16z(asked, params)} you asked for (--amount).` });
  }
  if (expected.amountOut.toString() !== file.amountOut) {
    problems.push({ code: 'EXPECTED_MISMATCH', message: `The file says ${file.amountOut} ELIZAOS base units for ${file.amount} AI16Z base units; the signed ratio gives ${expected.amountOut}.` });
  }
  const bytes = fromBase64(file.transaction);
  const verdict = verifyMigrationTransaction(bytes, expected);
  if (!verdict.ok) problems.push(...verdict.violations);
  else if (verdict.migration.messageHash !== file.messageHash) {
    problems.push({ code: 'MESSAGE_CHANGED', message: `The transaction's message hash is ${verdict.migration.messageHash}, not the ${file.messageHash} the file was issued with: the file was changed.` });
  }
  if (problems.length > 0 || !verdict.ok) throw new PolicyRefusal(problems, 'built');
  printPreview(verdict.migration, params, { kind: 'offline' }, new Date(file.expiresAt), io);
  await confirmOrStop(command.yes, `Sign migration ${file.id} as ${keypair.publicKey}? Type yes to continue: `, io);
  const signed = signAsHolder(bytes, keypair);
  checkSignedAgainstIssued(signed, expected, file.messageHash);
  writeOfflineFile(path.resolve(io.cwd, command.out), { ...file, transaction: toBase64(signed) });
  io.out(`Wrote ${command.out}: migration ${file.id} signed by ${keypair.publicKey}.`);
  io.out(`Next: on a connected machine, run --submit-signed ${command.out} before ${file.expiresAt}. ${validitySentence(new Date(file.expiresAt), io.now())}`);
}

/** `--submit-signed FILE`: re-verify the signed bytes against the portal's record, send, wait. */
async function submitSigned(command: Extract<Command, { mode: 'submit' }>, io: Io, stage: { current: Stage }): Promise<void> {
  const file = readOfflineFile(path.resolve(io.cwd, command.file));
  const portal = await openPortal(command.url ?? file.portal, command.publicKey, io, command.url ? 'holder' : 'file');
  const record = await portal.client.fetchMigration(file.id);
  io.out(`Migration       ${record.id}: ${ai16z(record.amount, portal.params)} from ${record.wallet}, state ${record.state}`);
  const issued: [string, string, string][] = [
    ['wallet', record.wallet, file.wallet],
    ['AI16Z amount', record.amount, file.amount],
    ['ELIZAOS amount', record.amountOut, file.amountOut],
  ];
  const differs = issued.filter(([, theirs, mine]) => theirs !== mine);
  if (differs.length > 0) {
    throw new PolicyRefusal(differs.map(([name, theirs, mine]) => ({ code: 'EXPECTED_MISMATCH', message: `The file's ${name} (${mine}) is not the one the portal issued (${theirs}).` })), 'signed');
  }
  if (record.state === 'expired' || record.state === 'failed') throw new MigrationSettled(record.state, record.id, record.error);
  if (record.state !== 'built' && record.signature) {
    io.out(`Already sent (signature ${record.signature}): waiting for it instead of sending again.`);
    stage.current = 'wait';
    await waitForConfirmation(portal, record.id, record.signature, command.timeoutS, command.rpcUrl, io);
    return;
  }
  const expected = expectedFromInputs(portal.params, new PublicKey(record.wallet), BigInt(record.amount), record.id);
  const migration = checkSignedAgainstIssued(fromBase64(file.transaction), expected, file.messageHash);
  io.out('');
  io.out('Checked on this machine: the signed transaction is the official migration transaction the portal issued,');
  io.out(`signed by ${record.wallet}: you send ${formatBaseUnits(migration.sends.amount, migration.sends.decimals)} AI16Z and receive ${formatBaseUnits(migration.receives.amount, migration.receives.decimals)} ELIZAOS; message hash ${migration.messageHash}.`);
  io.out(validitySentence(new Date(file.expiresAt), io.now()));
  io.out('');
  stage.current = 'submit';
  const signature = await submitOnce(portal, record.id, fromBase64(file.transaction), io);
  stage.current = 'wait';
  await waitForConfirmation(portal, record.id, signature, command.timeoutS, command.rpcUrl, io);
}

/**
 * Polls `GET /api/v1/migrations/{id}` until the migration settles (the portal's reconciler decides
 * from the chain), then prints the signature, an explorer link and the receipt.
 * @throws MigrationSettled (failed, expired), CliFailure NOT_CONFIRMED after `timeoutS`
 */
async function waitForConfirmation(portal: Portal, id: string, signature: string, timeoutS: number, rpcUrl: string | undefined, io: Io): Promise<void> {
  const receipt = new URL(`/receipt/${id}`, portal.origin).href;
  io.out(`Sent: signature ${signature}. Waiting for confirmation (up to ${timeoutS} s)…`);
  const deadline = io.now().getTime() + timeoutS * 1000;
  for (;;) {
    try {
      const migration = await portal.client.fetchMigration(id);
      if (migration.state === 'confirmed') {
        const cluster = portal.trusted.manifest.parameters.cluster;
        io.out('');
        io.out(`Confirmed: you sent ${ai16z(migration.amount, portal.params)} and received ${formatBaseUnits(BigInt(migration.amountOut), portal.params.elizaos.decimals)} ELIZAOS.`);
        io.out(`  Signature  ${migration.signature ?? signature}`);
        if ((CLUSTERS as readonly string[]).includes(cluster)) io.out(`  Explorer   ${explorerTxUrl(migration.signature ?? signature, cluster as Cluster, rpcUrl ?? portal.rpcProxyUrl)}`);
        io.out(`  Receipt    ${receipt}`);
        return;
      }
      if (migration.state === 'failed' || migration.state === 'expired') throw new MigrationSettled(migration.state, id, migration.error);
    } catch (error) {
      // A dropped poll says nothing about the migration: keep polling until the deadline.
      if (!(error instanceof NetworkError)) throw error;
    }
    if (io.now().getTime() >= deadline) break;
    await io.sleep(POLL_INTERVAL_MS);
  }
  throw new CliFailure('CONFIRMATION_SLOW', `migration ${id} (signature ${signature}) is not confirmed after ${timeoutS} s; it may still land.`, EXIT.NOT_CONFIRMED, `Its receipt keeps checking and shows the final state: ${receipt}. Do not sign again.`);
}

if (process.argv[1] && /migrate[/\\]cli\.(ts|js|mjs)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}

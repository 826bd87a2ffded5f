/**
 * `npm run doctor`: a preflight of one deployment, from its environment (lib/config), its chain,
 * its database and its build. One line per check, each OK, WARN or ERROR with what to do; any
 * ERROR makes the command exit non-zero. It reads and never writes: the database is opened
 * without applying migrations.
 *
 * The on-chain checks are the start-up checks (lib/chain/startup.ts), reported per account.
 *
 * The database checks come from the running portal instead (`GET /api/v1/health`, its `database`
 * and `allowance` checks) when `appUrl` is given, or when the embedded PGlite directory is owned
 * by a running portal (`<dir>.owner.json`, lib/db/client.ts): PGlite allows one process per
 * directory, and a second one opening it reads a half-written state (README "Preflight").
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Connection, PublicKey } from '@solana/web3.js';
import { and, eq, gte, sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { inspectDeploymentOnChain } from '@/lib/chain/startup';
import { type AppConfig, type Cluster, ConfigError, parseEnv } from '@/lib/config/env';
import { type DbHandle, embeddedOwner, MIGRATIONS_FOLDER, openDatabase } from '@/lib/db/client';
import { MIGRATION_STATES, migrations, snapshotEntries } from '@/lib/db/schema';
import { diffAgainstDisk, readBuildRecord } from '@/lib/release/build-files';
import { canonicalJson } from '@/lib/release/canonical-json';
import { MANIFEST_PATH, verifySignedManifest } from '@/lib/release/manifest';
import { loadSnapshotTree } from '@/lib/snapshot/commitment';
import { formatBaseUnits } from '@/lib/solana/amounts';

export const DOCTOR_STATUS = { ok: 'OK', warn: 'WARN', error: 'ERROR' } as const;
export type DoctorStatus = (typeof DOCTOR_STATUS)[keyof typeof DOCTOR_STATUS];
export type DoctorLine = { status: DoctorStatus; check: string; message: string };

/** Genesis hashes of the public clusters (`getGenesisHash`); localnet accepts any. */
export const GENESIS_HASHES: Readonly<Record<Exclude<Cluster, 'localnet'>, string>> = {
  'mainnet-beta': '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d',
  devnet: 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG',
  testnet: '4uhcVJyU9pJkvQyS88uRDiswHXSCkY3zQawwpjk2NsNY',
};

/** `npm run manifest` writes the offline-signed manifest here (lib/release/served.ts). */
const PRESIGNED_FILE = 'migration-manifest.signed.json';
const HOUR_MS = 3_600_000;

export type DoctorOptions = {
  /** The deployment's environment (`process.env` after loading its .env files). */
  env: Record<string, string | undefined>;
  /** The build output directory (`.next`). */
  nextDir: string;
  now?: Date;
  /** WARN when the treasury allowance or balance lasts less than this at the last 24 h's rate. Default 72. */
  warnHours?: number;
  /** The running portal (its base URL): its health endpoint answers the database checks, and the manifest it serves is checked. */
  appUrl?: string;
  /** How long an RPC call may take before the RPC counts as unreachable, ms. Default 10 s. */
  rpcTimeoutMs?: number;
  /** Test seams. */
  openDb?: (url: string) => Promise<DbHandle>;
  fetcher?: typeof fetch;
  /** Who owns the embedded database directory (default: its `.owner.json`, lib/db/client.ts). */
  owner?: (databaseUrl: string) => { pid: number; url: string } | null;
};

/** Runs every check; never throws (a failure is an ERROR line). */
export async function runDoctor(options: DoctorOptions): Promise<DoctorLine[]> {
  const lines: DoctorLine[] = [];
  const add = (status: DoctorStatus, check: string, message: string) => lines.push({ status, check, message });
  const now = options.now ?? new Date();

  let config: AppConfig;
  try {
    config = parseEnv(options.env);
    add('OK', 'config', `the environment parses (${config.cluster}, RPC ${redactUrl(config.rpcUrl)}, origin ${config.appUrl})`);
  } catch (error) {
    if (error instanceof ConfigError) for (const p of error.problems) add('ERROR', 'config', `${p.variable} ${p.message} (see .env.example)`);
    else add('ERROR', 'config', String(error));
    return lines;
  }

  checkWindow(config, now, add);
  checkOperations(config, add);
  checkRelease(config, options.nextDir, add);

  // Chain.
  let chain: Awaited<ReturnType<typeof inspectDeploymentOnChain>> | null = null;
  const connection = new Connection(config.rpcUrl, { commitment: 'confirmed', disableRetryOnRateLimit: true });
  try {
    const genesis = await withTimeout(connection.getGenesisHash(), options.rpcTimeoutMs ?? 10_000);
    if (config.cluster === 'localnet') add('OK', 'rpc', `${redactUrl(config.rpcUrl)} reachable; genesis ${genesis} (localnet: any cluster accepted)`);
    else if (genesis === GENESIS_HASHES[config.cluster]) add('OK', 'rpc', `${redactUrl(config.rpcUrl)} reachable and on ${config.cluster} (genesis ${genesis})`);
    else add('ERROR', 'rpc', `${redactUrl(config.rpcUrl)} is not on ${config.cluster}: its genesis hash is ${genesis}, ${config.cluster}'s is ${GENESIS_HASHES[config.cluster]}. Fix SOLANA_RPC_URL or SOLANA_CLUSTER.`);
    chain = await withTimeout(inspectDeploymentOnChain(connection, config), options.rpcTimeoutMs ?? 10_000);
  } catch (error) {
    add('ERROR', 'rpc', `${redactUrl(config.rpcUrl)} is unreachable (${errorText(error)}): check SOLANA_RPC_URL and the provider; the chain checks were skipped`);
  }
  if (chain) reportChain(config, chain, add);

  // Database: through the running portal when there is one, else opened here.
  const owner = (options.owner ?? embeddedOwner)(config.databaseUrl);
  const portal = options.appUrl ?? owner?.url;
  if (portal) {
    await checkThroughPortal(config, portal, owner && !options.appUrl ? owner.pid : null, chain, options.warnHours ?? 72, options.fetcher ?? fetch, add);
    return lines;
  }
  let handle: DbHandle | null = null;
  try {
    handle = await openForDoctor(config.databaseUrl, options.openDb);
    add('OK', 'database', `${redactUrl(config.databaseUrl)} reachable`);
  } catch (error) {
    add('ERROR', 'database', `${redactUrl(config.databaseUrl)}: ${errorText(error)}`);
  }
  if (handle) {
    try {
      const migrated = await checkMigrations(handle, add);
      if (migrated) {
        await checkSnapshot(handle, add);
        await checkTreasuryRunway(config, handle, chain, now, options.warnHours ?? 72, add);
      }
    } catch (error) {
      add('ERROR', 'database', `a query failed: ${errorText(error)}`);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
  return lines;
}

type Add = (status: DoctorStatus, check: string, message: string) => void;

function checkWindow(config: AppConfig, now: Date, add: Add): void {
  const { opensAt, closesAt } = config.window;
  const days = (ms: number) => `${(ms / 86_400_000).toFixed(1)} days`;
  const length = closesAt.getTime() - opensAt.getTime();
  if (now >= closesAt) add('ERROR', 'window', `closed on ${closesAt.toISOString()}: the wallet flow refuses every migration. Set MIGRATION_CLOSES_AT if it was extended, or take the portal down`);
  else if (now < opensAt) add('OK', 'window', `opens ${opensAt.toISOString()} (in ${days(opensAt.getTime() - now.getTime())}), closes ${closesAt.toISOString()} (${days(length)} long)`);
  else add('OK', 'window', `open since ${opensAt.toISOString()}, closes ${closesAt.toISOString()} (${days(closesAt.getTime() - now.getTime())} left)`);
  if (length < 86_400_000 || length > 366 * 86_400_000) add('WARN', 'window', `the window is ${days(length)} long; the migration was announced for 90 days: check MIGRATION_OPENS_AT and MIGRATION_CLOSES_AT`);
  if (config.snapshotTakenAt > now) add('ERROR', 'window', `SNAPSHOT_TAKEN_AT ${config.snapshotTakenAt.toISOString()} is in the future: a snapshot cannot be taken after it is loaded`);
  else add('OK', 'window', `snapshot taken ${config.snapshotTakenAt.toISOString()}, before the window opens`);
}

function checkOperations(config: AppConfig, add: Add): void {
  if (config.opsWallets.length === 0) add('ERROR', 'ops', 'OPS_WALLETS is empty: nobody can sign in to pause the migration or post an incident. Set at least one ops wallet');
  else add('OK', 'ops', `${config.opsWallets.length} ops wallet(s): ${config.opsWallets.map((k) => k.toBase58()).join(', ')}`);
  if (config.killSwitch) add('WARN', 'kill switch', 'MIGRATION_KILL_SWITCH=on: the wallet flow is stopped at deploy level (status, FAQ and support stay up). Set it to off to reopen');
  else add('OK', 'kill switch', 'MIGRATION_KILL_SWITCH=off (deploy level)');
}

function checkRelease(config: AppConfig, nextDir: string, add: Add): void {
  const { signingKey, publicKey } = config.release;
  const presigned = path.join(nextDir, PRESIGNED_FILE);
  if (!publicKey) {
    add('ERROR', 'release key', 'neither RELEASE_SIGNING_KEY nor RELEASE_PUBLIC_KEY is set: the portal cannot serve a signed manifest and shows no allocation. See README "Verify this deployment"');
  } else if (signingKey) {
    add(
      config.cluster === 'mainnet-beta' ? 'WARN' : 'OK',
      'release key',
      `RELEASE_SIGNING_KEY set (public key ${publicKey.toBase58()}): the server signs its own manifest${config.cluster === 'mainnet-beta' ? '; on mainnet prefer signing offline (npm run manifest) and setting only RELEASE_PUBLIC_KEY' : ''}`,
    );
  } else if (existsSync(presigned)) {
    add('OK', 'release key', `RELEASE_PUBLIC_KEY ${publicKey.toBase58()}, manifest signed offline in ${path.relative(process.cwd(), presigned)}`);
  } else {
    add('ERROR', 'release key', `RELEASE_PUBLIC_KEY is set but there is no ${PRESIGNED_FILE} in ${nextDir}: sign one with \`npm run manifest\`, or set RELEASE_SIGNING_KEY`);
  }
  try {
    const record = readBuildRecord(nextDir);
    const differences = diffAgainstDisk(record, nextDir);
    if (differences.length > 0) add('ERROR', 'build', `${differences.length} file(s) under .next/static differ from the build's list (first: ${differences[0]?.path} ${differences[0]?.problem}): build again with npm run build`);
    else add('OK', 'build', `${record.files.length} static files listed for the manifest; build ${record.build.buildId}, commit ${record.build.commit}${record.build.dirty ? ' (dirty)' : ''}`);
    if (record.build.dirty && config.cluster === 'mainnet-beta') add('WARN', 'build', 'built from a checkout with uncommitted changes: the commit in the manifest does not describe the code');
  } catch (error) {
    add('ERROR', 'build', errorText(error));
  }
}

function reportChain(config: AppConfig, chain: Awaited<ReturnType<typeof inspectDeploymentOnChain>>, add: Add): void {
  const mint = (name: string, m: AppConfig['mints']['ai16z'], subject: 'ai16z' | 'elizaos') => {
    const problems = chain.problems.filter((p) => p.subject === subject);
    if (problems.length === 0) add('OK', `${name} mint`, `${m.address.toBase58()}: ${m.decimals} decimals, program ${m.programId.toBase58()}, no refused extension`);
    for (const p of problems) add('ERROR', `${name} mint`, p.message);
  };
  mint('AI16Z', config.mints.ai16z, 'ai16z');
  mint('ELIZAOS', config.mints.elizaos, 'elizaos');
  const vaultProblems = chain.problems.filter((p) => p.subject === 'vault');
  if (vaultProblems.length === 0 && chain.vault) {
    add('OK', 'vault', `${config.vault.tokenAccount.toBase58()} exists, owned by ${chain.vault.owner.toBase58()}, holds ${formatBaseUnits(chain.vault.amount, config.mints.ai16z.decimals)} AI16Z`);
  }
  for (const p of vaultProblems) add('ERROR', 'vault', p.message);
  for (const p of chain.problems.filter((x) => x.subject === 'treasury')) add('ERROR', 'treasury', p.message);
  reportDeposit(config, chain, add);
}

/** Lamports one payout costs its fee payer at most: two signatures and the rent of a new ELIZAOS account (Token-2022: 170 bytes). */
const PAYOUT_COST_LAMPORTS = 10_000n + 2_074_080n;

/** The deposit address and the payout fee payer (DESIGN.md "Deposit and receive"). */
function reportDeposit(config: AppConfig, chain: Awaited<ReturnType<typeof inspectDeploymentOnChain>>, add: Add): void {
  const problems = chain.problems.filter((p) => p.subject === 'deposit');
  for (const p of problems) add('ERROR', 'deposit', p.message);
  if (problems.length === 0 && chain.deposit) {
    add('OK', 'deposit', `${config.deposit.tokenAccount.toBase58()}: the AI16Z account of MIGRATION_DEPOSIT_OWNER ${config.deposit.owner.toBase58()} under AI16Z's token program, holds ${formatBaseUnits(chain.deposit.amount, config.mints.ai16z.decimals)} AI16Z awaiting payout or refund`);
  }
  if (!PublicKey.isOnCurve(config.deposit.owner.toBytes())) {
    add('WARN', 'deposit', 'MIGRATION_DEPOSIT_OWNER is off the ed25519 curve (a multisig vault): the portal cannot prepare refunds it can sign; its members refund with their own tool, to the source token account only');
  }
  add('OK', 'deposit', config.deposit.ownerKey ? 'MIGRATION_DEPOSIT_OWNER_SECRET_KEY set: the server signs refunds ops approve' : 'refunds are signed offline by the deposit owner (MIGRATION_DEPOSIT_OWNER_SECRET_KEY unset)');
  const sol = (lamports: bigint) => `${formatBaseUnits(lamports, 9)} SOL`;
  const fee = config.deposit.feePayer.publicKey.toBase58();
  const balance = chain.feePayerLamports;
  const payouts = balance / PAYOUT_COST_LAMPORTS;
  if (balance < PAYOUT_COST_LAMPORTS) add('ERROR', 'fee payer', `the payout fee payer ${fee} holds ${sol(balance)}: not enough for one payout (${sol(PAYOUT_COST_LAMPORTS)} with a new ELIZAOS account). Fund it, up to DEPOSIT_FEE_PAYER_MAX_SOL`);
  else if (balance > config.deposit.feePayerMaxLamports) add('WARN', 'fee payer', `the payout fee payer ${fee} holds ${sol(balance)}, above DEPOSIT_FEE_PAYER_MAX_SOL (${sol(config.deposit.feePayerMaxLamports)}): it is a hot key, move the excess away`);
  else add('OK', 'fee payer', `the payout fee payer ${fee} holds ${sol(balance)} (at most ${sol(config.deposit.feePayerMaxLamports)}): at least ${payouts} payouts`);
}

async function openForDoctor(url: string, open?: (url: string) => Promise<DbHandle>): Promise<DbHandle> {
  if (open) return open(url);
  if (url === 'memory://') throw new Error('memory:// is empty on every start: there is nothing to check (set DATABASE_URL to the deployment database)');
  if (url.startsWith('pglite://')) {
    const dir = path.resolve(url.slice('pglite://'.length));
    if (!existsSync(path.join(dir, 'PG_VERSION'))) throw new Error(`the embedded database ${dir} does not exist: start the app once or import the snapshot (npm run snapshot:import)`);
  }
  return openDatabase(url, { migrate: false });
}

async function checkMigrations(handle: DbHandle, add: Add): Promise<boolean> {
  const expected = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  let applied: string[] = [];
  try {
    applied = (await queryRows<{ hash: string }>(handle, sql`select hash from drizzle.__drizzle_migrations`)).map((r) => r.hash);
  } catch {
    applied = [];
  }
  const missing = expected.filter((m) => !applied.includes(m.hash));
  if (missing.length > 0) {
    add('ERROR', 'database', `${missing.length} of ${expected.length} migrations not applied: run npm run db:migrate (PGlite: or start the app once, it migrates on open)`);
    return false;
  }
  add('OK', 'database', `all ${expected.length} migrations applied`);
  return true;
}

async function checkSnapshot(handle: DbHandle, add: Add): Promise<void> {
  const state = await loadSnapshotTree(handle.db);
  switch (state.status) {
    case 'empty':
      add('ERROR', 'snapshot', 'no holder is loaded: every wallet would be NOT_IN_SNAPSHOT. Import it: npm run snapshot:import -- snapshot.csv');
      return;
    case 'uncommitted':
      add('ERROR', 'snapshot', `${state.holders} holders loaded but no Merkle root recorded: import the same file again (npm run snapshot:import) to record it`);
      return;
    case 'mismatch':
      add('ERROR', 'snapshot', `the ${state.holders} entries hash to ${state.computedRoot}, not the committed root ${state.commitment.merkleRoot}: snapshot_entries changed outside an import. Find out why before reopening`);
      return;
    case 'ok':
      add('OK', 'snapshot', `${state.commitment.holders} holders, ${state.commitment.total} AI16Z base units; entries match the committed root ${state.commitment.merkleRoot} (${state.commitment.committedAt.toISOString()})`);
  }
}

type ChainInspection = Awaited<ReturnType<typeof inspectDeploymentOnChain>>;

async function checkTreasuryRunway(config: AppConfig, handle: DbHandle, chain: ChainInspection | null, now: Date, warnHours: number, add: Add): Promise<void> {
  if (!chain?.treasury || chain.problems.some((p) => p.subject === 'treasury')) return;
  const [day] = await handle.db
    .select({ out: sql<string>`coalesce(sum(${migrations.amountOut}), 0)::text`, count: sql<number>`count(*)::int` })
    .from(migrations)
    .where(and(eq(migrations.state, MIGRATION_STATES.confirmed), gte(migrations.settledAt, new Date(now.getTime() - 24 * HOUR_MS))));
  const totals = await queryOne<{ allocated: string; used: string }>(
    handle,
    sql`select coalesce((select sum(${snapshotEntries.allocation}) from ${snapshotEntries}), 0)::text as allocated,
               (coalesce((select sum(${migrations.amountIn}) from ${migrations} where ${migrations.state} in ('confirmed', 'submitted')), 0)
                + coalesce((select sum(paid) from deposits where state in ('paid', 'payout_submitted')), 0))::text as used`,
  );
  const outstandingIn = BigInt(totals?.allocated ?? '0') - BigInt(totals?.used ?? '0');
  const outstanding = scaleAi16zToElizaos(outstandingIn > 0n ? outstandingIn : 0n, config);
  reportRunway(config, chain.treasury, { out: BigInt(day?.out ?? '0'), count: Number(day?.count ?? 0) }, outstanding, warnHours, add);
}

/**
 * The treasury and allowance lines: each amount (base units, from the chain), how long it lasts at
 * `rate` (ELIZAOS base units paid by confirmed migrations in the last 24 h, and how many), and how
 * much of `outstanding` (ELIZAOS base units still owed to the snapshot; null: unknown) it covers.
 */
function reportRunway(
  config: AppConfig,
  treasury: NonNullable<ChainInspection['treasury']>,
  rate: { out: bigint; count: number },
  outstanding: bigint | null,
  warnHours: number,
  add: Add,
): void {
  const { amount, delegatedAmount } = treasury;
  const dOut = config.mints.elizaos.decimals;
  const elizaos = (v: bigint) => `${formatBaseUnits(v, dOut, { maxFractionDigits: 2 })} ELIZAOS`;
  const coverage = (v: bigint) =>
    outstanding === null || outstanding === 0n
      ? ''
      : v >= outstanding
        ? `; covers all ${elizaos(outstanding)} still owed to the snapshot`
        : `; covers ${(Number((v * 10_000n) / outstanding) / 100).toFixed(2)}% of the ${elizaos(outstanding)} still owed to the snapshot`;
  const lasts = (v: bigint) => (rate.out === 0n ? null : (Number(v) / Number(rate.out)) * 24);
  const runway = (v: bigint) => {
    const hours = lasts(v);
    return hours === null ? `no confirmed migration in the last 24 h` : `lasts ≈ ${hours >= 48 ? `${(hours / 24).toFixed(1)} days` : `${hours.toFixed(1)} h`} at the last 24 h's rate (${elizaos(rate.out)} in ${rate.count} migrations)`;
  };
  const figures = [
    ['treasury', amount, `the treasury holds ${elizaos(amount)}`, 'fund TREASURY_TOKEN_ACCOUNT from the cold treasury'],
    ['allowance', delegatedAmount, `the delegate may move ${elizaos(delegatedAmount)}`, 'the treasury owner must ApproveChecked a new allowance for the delegate'],
  ] as const;
  for (const [check, value, what, fix] of figures) {
    const hours = lasts(value);
    if (value === 0n) add('ERROR', check, `${what}: no migration can be paid out. ${fix[0]?.toUpperCase()}${fix.slice(1)}`);
    else if (hours !== null && hours < warnHours) add('WARN', check, `${what}; ${runway(value)}: less than ${warnHours} h. ${fix[0]?.toUpperCase()}${fix.slice(1)} soon`);
    else add('OK', check, `${what}; ${runway(value)}${coverage(value)}`);
  }
}

/** What the doctor reads of a `GET /api/v1/health` answer (lib/observability/health.ts). */
type PortalHealth = {
  checks?: {
    database?: { status?: string; message?: string; migrations?: { pending?: number; total?: number }; snapshot?: { status?: string; merkleRoot?: string | null; holders?: number | null } };
    allowance?: { outflow24h?: string | null; migrations24h?: number | null };
  };
};

const SNAPSHOT_PROBLEMS: Record<string, string> = {
  empty: 'no holder is loaded: every wallet would be NOT_IN_SNAPSHOT. Import it: npm run snapshot:import -- snapshot.csv',
  uncommitted: 'holders loaded but no Merkle root recorded: import the same file again (npm run snapshot:import) to record it',
  mismatch: 'the entries do not hash to the committed root: snapshot_entries changed outside an import. Find out why before reopening',
};

/**
 * The database checks as the running portal reports them (`GET /api/v1/health`): reachable and
 * migrated, the snapshot, the treasury runway at the portal's last 24 h's rate, and the manifest it
 * serves against its snapshot root. `ownerPid`: the process that owns the embedded database.
 */
async function checkThroughPortal(config: AppConfig, portal: string, ownerPid: number | null, chain: ChainInspection | null, warnHours: number, fetcher: typeof fetch, add: Add): Promise<void> {
  const url = new URL('/api/v1/health', portal).href;
  const inUse = ownerPid === null ? '' : `; the embedded database ${redactUrl(config.databaseUrl)} is in use by the running portal (pid ${ownerPid}), so it is not opened here (PGlite allows one process per directory)`;
  let health: PortalHealth;
  try {
    const response = await fetcher(url, { signal: AbortSignal.timeout(10_000), headers: { accept: 'application/json' } });
    // 503 is an answer too: a failing check.
    health = (await response.json()) as PortalHealth;
    if (!health.checks?.database) throw new Error(`HTTP ${response.status} without a database check`);
  } catch (error) {
    add(
      'ERROR',
      'database',
      ownerPid === null
        ? `${url} could not be read (${errorText(error)}): is the portal running at ${portal}?`
        : `the embedded database is in use by pid ${ownerPid}, whose health endpoint ${url} did not answer (${errorText(error)}): stop that process to check the directory here, or make it answer`,
    );
    return;
  }
  const database = health.checks.database;
  if (database.status !== 'ok') {
    add('ERROR', 'database', `the running portal at ${portal} reports: ${database.message ?? 'failing'}${inUse}`);
    return;
  }
  add('OK', 'database', `checked by the running portal at ${portal} (GET /api/v1/health): ${database.message ?? 'ok'}${inUse}`);
  const snapshot = database.snapshot;
  const root = snapshot?.status === 'ok' ? (snapshot.merkleRoot ?? null) : null;
  if (snapshot?.status === 'ok') add('OK', 'snapshot', `${snapshot.holders ?? '?'} holders; entries match the committed root ${snapshot.merkleRoot} (as the running portal checked them)`);
  else if (snapshot?.status && SNAPSHOT_PROBLEMS[snapshot.status]) add('ERROR', 'snapshot', SNAPSHOT_PROBLEMS[snapshot.status] ?? snapshot.status);
  else add('WARN', 'snapshot', 'the running portal has not checked its snapshot yet: run the doctor again in a few seconds');
  const allowance = health.checks.allowance;
  if (chain?.treasury && !chain.problems.some((p) => p.subject === 'treasury')) {
    if (typeof allowance?.outflow24h === 'string' && /^\d+$/.test(allowance.outflow24h)) {
      reportRunway(config, chain.treasury, { out: BigInt(allowance.outflow24h), count: Number(allowance.migrations24h ?? 0) }, null, warnHours, add);
    } else add('WARN', 'treasury', "the running portal has not read the last 24 h's outflow yet: the runway is not known");
  }
  await checkServedManifest(config, root, portal, fetcher, add);
}

/** ELIZAOS base units owed for AI16Z base units (display only: floors when decimals shrink). */
function scaleAi16zToElizaos(amount: bigint, config: AppConfig): bigint {
  const dIn = config.mints.ai16z.decimals;
  const dOut = config.mints.elizaos.decimals;
  const product = amount * config.ratio;
  return dOut >= dIn ? product * 10n ** BigInt(dOut - dIn) : product / 10n ** BigInt(dIn - dOut);
}

/** The manifest the portal serves: signed by the release key, committing to `dbRoot` (the database's snapshot root; null: none). */
async function checkServedManifest(config: AppConfig, dbRoot: string | null, appUrl: string, fetcher: typeof fetch, add: Add): Promise<void> {
  const url = new URL(MANIFEST_PATH, appUrl).href;
  let body: unknown;
  try {
    const response = await fetcher(url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) {
      add('ERROR', 'manifest', `${url} answered HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      return;
    }
    body = await response.json();
  } catch (error) {
    add('ERROR', 'manifest', `${url} could not be read: ${errorText(error)}`);
    return;
  }
  const check = verifySignedManifest(body, config.release.publicKey?.toBase58());
  if (!check.ok) {
    add('ERROR', 'manifest', `${url}: ${check.problem.message}`);
    return;
  }
  const served = check.signed.manifest.parameters.snapshot?.merkleRoot ?? null;
  if (served !== dbRoot) add('ERROR', 'manifest', `the served manifest commits to snapshot root ${served ?? 'none'}, the database to ${dbRoot ?? 'none'}`);
  else add('OK', 'manifest', `${url} is signed by the release key and commits to the database's snapshot root (${canonicalJson(check.signed.manifest).length} bytes)`);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms).unref())]);
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message && !error.message.includes(cause.message) ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

/** URLs may carry provider keys or database passwords: print scheme, host and path only. */
export function redactUrl(value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === 'pglite:' || u.protocol === 'memory:') return value;
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return value;
  }
}

/** The lines as printed: status, check, message; one per line. */
export function formatDoctor(lines: DoctorLine[]): string {
  const width = Math.max(...lines.map((l) => l.check.length), 8);
  const counts = { OK: 0, WARN: 0, ERROR: 0 };
  for (const l of lines) counts[l.status] += 1;
  return [
    ...lines.map((l) => `${l.status.padEnd(5)} ${l.check.padEnd(width)}  ${l.message}`),
    '',
    `${counts.OK} OK, ${counts.WARN} WARN, ${counts.ERROR} ERROR${counts.ERROR > 0 ? ': fix every ERROR before opening the portal' : ''}`,
  ].join('\n');
}

/** Rows of a raw query (PGlite and node-postgres both answer `{ rows }`). */
async function queryRows<T>(handle: DbHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await handle.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

async function queryOne<T>(handle: DbHandle, query: ReturnType<typeof sql>): Promise<T | undefined> {
  return (await queryRows<T>(handle, query))[0];
}

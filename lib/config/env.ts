/**
 * The environment, parsed once with a schema into a typed configuration.
 *
 * Nothing else in the app reads `process.env`: it calls `getConfig()` (lib/config/index.ts),
 * which parses with {@link parseEnv}. Every variable is documented in `.env.example`.
 * This module is pure (no I/O) so it can be unit-tested without Next.
 */
import { isIP } from 'node:net';
import { Keypair, PublicKey } from '@solana/web3.js';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from '@solana/spl-token';
import bs58 from 'bs58';
import { z } from 'zod';

/** The AI16Z mint on mainnet (Token-2022, 9 decimals); see ../shared/NOTES.md "The real mints". */
export const AI16Z_MAINNET_MINT = 'HeLp6NuQkmYB4pYWo2zYs22mESHXPQYzXbB8n4V98jwC';
/** The ELIZAOS mint on mainnet (standard SPL Token, 9 decimals, freeze authority none); see ../shared/NOTES.md "The real mints". */
export const ELIZAOS_MAINNET_MINT = 'DuMbhu7mvQvqQHGcnikDgb4XegXJRyhUBfdU22uELiZA';

export const CLUSTERS = ['mainnet-beta', 'devnet', 'testnet', 'localnet'] as const;
export type Cluster = (typeof CLUSTERS)[number];

const publicKey = (what: string) =>
  z
    .string({ error: `must be set to ${what} (a base58 Solana address, 32–44 characters)` })
    .trim()
    .transform((value, ctx) => {
      try {
        return new PublicKey(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be ${what} as a base58 Solana address (got "${value}")` });
        return z.NEVER;
      }
    });

const decimals = z.coerce
  .number({ error: 'must be an integer from 0 to 9' })
  .int('must be an integer from 0 to 9')
  .min(0, 'must be an integer from 0 to 9')
  .max(9, 'must be an integer from 0 to 9');

const tokenProgram = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === 'token' || value === TOKEN_PROGRAM_ID.toBase58()) return TOKEN_PROGRAM_ID;
    if (value === 'token-2022' || value === TOKEN_2022_PROGRAM_ID.toBase58()) return TOKEN_2022_PROGRAM_ID;
    ctx.addIssue({
      code: 'custom',
      message: `must be "token" (SPL Token), "token-2022" (Token Extensions) or one of their program ids (got "${value}")`,
    });
    return z.NEVER;
  });

const isoDate = (what: string) =>
  z
    .string({ error: `must be set to ${what} as an ISO 8601 date-time with offset, e.g. 2026-12-01T00:00:00Z` })
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)), {
      message: `must be ${what} as an ISO 8601 date-time with offset, e.g. 2026-12-01T00:00:00Z`,
    })
    .transform((v) => new Date(v));

const secretKey = z
  .string({ error: 'must be set to the base58 encoding of a 64-byte ed25519 secret key' })
  .trim()
  .transform((value, ctx) => {
    try {
      const bytes = value.startsWith('[') ? Uint8Array.from(JSON.parse(value) as number[]) : bs58.decode(value);
      if (bytes.length !== 64) throw new Error('length');
      return Keypair.fromSecretKey(bytes);
    } catch {
      // Never echo the value: it is a secret.
      ctx.addIssue({ code: 'custom', message: 'must be a 64-byte ed25519 secret key, base58 or a JSON byte array (the value given is not one)' });
      return z.NEVER;
    }
  });

const httpUrl = (what: string) =>
  z
    .string({ error: `must be set to ${what}, an http(s) URL` })
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    }, `must be ${what}, an http(s) URL such as https://api.mainnet-beta.solana.com`);

const databaseUrl = z
  .string()
  .trim()
  .refine((v) => /^(pglite:\/\/.+|postgres(ql)?:\/\/.+|memory:\/\/)$/.test(v), {
    message: 'must be pglite://<directory> (embedded), memory:// (embedded, not persisted) or postgres://user:pass@host:port/db',
  });

/** A list of host names (lowercase, no scheme, no port), comma-separated. */
const hostList = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const hosts: string[] = [];
    for (const part of value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
      if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/.test(part)) {
        ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of host names such as x.com,github.com ("${part}" is not one)` });
        return z.NEVER;
      }
      hosts.push(part);
    }
    return hosts;
  });

/** A secret of at least 32 bytes (UTF-8), e.g. `openssl rand -base64 48`. Never echoed. */
const sessionSecret = z
  .string()
  .refine((v) => new TextEncoder().encode(v).length >= 32, {
    message: 'must be at least 32 bytes of random text, e.g. the output of `openssl rand -base64 48` (the value given is shorter)',
  })
  .transform((v) => new TextEncoder().encode(v));

/**
 * Reverse proxies whose `X-Forwarded-For` is believed: comma-separated IP addresses and CIDR
 * blocks (`10.0.0.0/8,fd00::/8,127.0.0.1`), normalised to `address` or `address/prefix`.
 */
const proxyList = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const entries: string[] = [];
    for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [address = '', prefix, ...rest] = part.split('/');
      const version = isIP(address);
      const bits = version === 4 ? 32 : 128;
      const validPrefix = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
      if (version === 0 || rest.length > 0 || !validPrefix) {
        ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of IP addresses or CIDR blocks of your reverse proxies, such as 10.0.0.0/8,127.0.0.1 ("${part}" is not one)` });
        return z.NEVER;
      }
      entries.push(prefix === undefined ? address.toLowerCase() : `${address.toLowerCase()}/${Number(prefix)}`);
    }
    return entries;
  });

const walletList = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (value === '') return [] as PublicKey[];
    const keys: PublicKey[] = [];
    for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      try {
        keys.push(new PublicKey(part));
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of base58 Solana addresses ("${part}" is not one)` });
        return z.NEVER;
      }
    }
    return keys;
  });

/** A comma-separated list of http(s) URLs (empty: none). */
const urlList = (what: string) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      const urls: string[] = [];
      for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
        let ok = false;
        try {
          const u = new URL(part);
          ok = u.protocol === 'http:' || u.protocol === 'https:';
        } catch {
          ok = false;
        }
        if (!ok) {
          // Host only: a provider key in the path or query is a secret.
          ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of ${what}, http(s) URLs (an entry is not one)` });
          return z.NEVER;
        }
        urls.push(part);
      }
      return urls;
    });

const positiveNumber = (what: string) =>
  z.coerce.number({ error: `must be ${what}` }).refine((v) => Number.isFinite(v) && v > 0, `must be ${what}`);

/** pino's levels, plus `silent` (nothing is written). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The schema of the environment. Keys are the variable names; see `.env.example`. */
export const envSchema = z
  .object({
    SOLANA_CLUSTER: z.enum(CLUSTERS, { error: `must be one of ${CLUSTERS.join(', ')}` }),
    SOLANA_RPC_URL: httpUrl('the JSON-RPC endpoint of the cluster'),
    SOLANA_RPC_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a whole number of milliseconds from 100 to 120000, e.g. 10000' })
      .int('must be a whole number of milliseconds from 100 to 120000, e.g. 10000')
      .min(100, 'must be a whole number of milliseconds from 100 to 120000, e.g. 10000')
      .max(120_000, 'must be a whole number of milliseconds from 100 to 120000, e.g. 10000')
      .prefault(10_000),
    SOLANA_RPC_FALLBACK_URLS: urlList('JSON-RPC endpoints of the same cluster').prefault(''),
    PUBLIC_APP_URL: httpUrl('the public origin of this portal').prefault('http://localhost:3000'),
    AI16Z_MINT: publicKey('the AI16Z mint').prefault(AI16Z_MAINNET_MINT),
    AI16Z_DECIMALS: decimals.prefault(9),
    AI16Z_TOKEN_PROGRAM: tokenProgram.prefault('token-2022'),
    ELIZAOS_MINT: publicKey('the ELIZAOS mint').prefault(ELIZAOS_MAINNET_MINT),
    ELIZAOS_DECIMALS: decimals.prefault(9),
    ELIZAOS_TOKEN_PROGRAM: tokenProgram.prefault('token'),
    MIGRATION_VAULT_OWNER: publicKey('the owner of the migration vault'),
    MIGRATION_VAULT_TOKEN_ACCOUNT: publicKey("the vault's AI16Z token account"),
    TREASURY_TOKEN_ACCOUNT: publicKey("the treasury's ELIZAOS token account"),
    TREASURY_DELEGATE_SECRET_KEY: secretKey,
    MIGRATION_DEPOSIT_OWNER: publicKey('the owner of the deposit address (a wallet distinct from the vault owner)'),
    MIGRATION_DEPOSIT_OWNER_SECRET_KEY: secretKey.optional(),
    DEPOSIT_FEE_PAYER_SECRET_KEY: secretKey,
    DEPOSIT_PAYOUT_WITHIN_MINUTES: z.coerce
      .number({ error: 'must be a whole number of minutes from 1 to 1440, e.g. 10' })
      .int('must be a whole number of minutes from 1 to 1440, e.g. 10')
      .min(1, 'must be a whole number of minutes from 1 to 1440, e.g. 10')
      .max(1440, 'must be a whole number of minutes from 1 to 1440, e.g. 10')
      .prefault(10),
    DEPOSIT_FEE_PAYER_MAX_SOL: z.coerce
      .number({ error: 'must be a positive number of SOL, e.g. 2' })
      .positive('must be a positive number of SOL, e.g. 2')
      .max(1_000, 'must be at most 1000 SOL: the payout fee payer is a hot key')
      .prefault(2),
    MIGRATION_RATIO: z.coerce
      .number({ error: 'must be a positive integer (ELIZAOS per AI16Z), e.g. 6' })
      .int('must be a positive integer (ELIZAOS per AI16Z), e.g. 6')
      .positive('must be a positive integer (ELIZAOS per AI16Z), e.g. 6')
      .prefault(6),
    MIGRATION_OPENS_AT: isoDate('the moment the migration window opens'),
    MIGRATION_CLOSES_AT: isoDate('the moment the migration window closes'),
    SNAPSHOT_TAKEN_AT: isoDate('the moment the holder snapshot was taken'),
    DATABASE_URL: databaseUrl.prefault('pglite://.data/pglite'),
    OPS_WALLETS: walletList.prefault(''),
    MIGRATION_KILL_SWITCH: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).prefault('off'),
    OPS_SESSION_SECRET: sessionSecret.optional(),
    OPS_LINK_HOSTS: hostList.prefault('x.com,github.com'),
    MAINTENANCE_FLAG_URL: httpUrl('the URL at which the edge middleware reads the maintenance flag').optional(),
    LOCALNET_CONFIG_FILE: z.string().trim().optional(),
    RELEASE_SIGNING_KEY: secretKey.optional(),
    RELEASE_PUBLIC_KEY: publicKey('the release public key that signs the deployment manifest').optional(),
    TRUSTED_PROXIES: proxyList.prefault(''),
    METRICS_TOKEN: z
      .string()
      .refine((v) => new TextEncoder().encode(v).length >= 16, {
        message: 'must be at least 16 bytes of random text, e.g. the output of `openssl rand -hex 24` (the value given is shorter)',
      })
      .optional(),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).prefault('info'),
    STATUS_CACHE_DIR: z.string().trim().prefault('.data/status-cache'),
    ALERT_ALLOWANCE_HOURS: positiveNumber('a positive number of hours, e.g. 72').prefault(72),
    ALERT_FAILURE_RATE_PERCENT: positiveNumber('a positive percentage, e.g. 10').prefault(10),
    ALERT_FAILURE_MIN_SETTLED: z.coerce.number({ error: 'must be a whole number, e.g. 20' }).int('must be a whole number, e.g. 20').min(1, 'must be a whole number, e.g. 20').prefault(20),
    ALERT_CSP_REPORTS_PER_HOUR: positiveNumber('a positive number of reports per hour, e.g. 50').prefault(50),
    ALERT_SUBMITTED_STUCK_MINUTES: positiveNumber('a positive number of minutes, e.g. 10').prefault(10),
    DUST_REFERENCE_ELIZAOS_PER_SOL: z
      .string()
      .trim()
      .regex(/^\d{1,12}(\.\d{1,9})?$/, 'must be a positive decimal number of ELIZAOS per SOL, e.g. 30000')
      .refine((v) => /[1-9]/.test(v), 'must be a positive decimal number of ELIZAOS per SOL, e.g. 30000')
      .optional(),
    DUST_REFERENCE_AS_OF: isoDate('the date of the DUST_REFERENCE_ELIZAOS_PER_SOL rate').optional(),
    RATE_LIMIT_SCALE: z.coerce
      .number({ error: 'must be a positive integer multiplier of the default rate limits, e.g. 1' })
      .int('must be a positive integer multiplier of the default rate limits, e.g. 1')
      .positive('must be a positive integer multiplier of the default rate limits, e.g. 1')
      .prefault(1),
  })
  .superRefine((env, ctx) => {
    if (env.MIGRATION_CLOSES_AT <= env.MIGRATION_OPENS_AT) {
      ctx.addIssue({ code: 'custom', path: ['MIGRATION_CLOSES_AT'], message: 'must be later than MIGRATION_OPENS_AT' });
    }
    if (env.SNAPSHOT_TAKEN_AT > env.MIGRATION_OPENS_AT) {
      ctx.addIssue({ code: 'custom', path: ['SNAPSHOT_TAKEN_AT'], message: 'must not be later than MIGRATION_OPENS_AT' });
    }
    if (env.LOCALNET_CONFIG_FILE && env.SOLANA_CLUSTER !== 'localnet') {
      ctx.addIssue({ code: 'custom', path: ['LOCALNET_CONFIG_FILE'], message: 'may only be set when SOLANA_CLUSTER=localnet (it exposes demo keypairs)' });
    }
    if (env.RELEASE_SIGNING_KEY && env.RELEASE_PUBLIC_KEY && !env.RELEASE_SIGNING_KEY.publicKey.equals(env.RELEASE_PUBLIC_KEY)) {
      ctx.addIssue({ code: 'custom', path: ['RELEASE_PUBLIC_KEY'], message: 'must be the public key of RELEASE_SIGNING_KEY (or leave one of them unset)' });
    }
    if (!env.OPS_SESSION_SECRET && env.SOLANA_CLUSTER !== 'localnet') {
      ctx.addIssue({
        code: 'custom',
        path: ['OPS_SESSION_SECRET'],
        message: 'must be set outside localnet: at least 32 bytes of random text that signs ops sessions, e.g. `openssl rand -base64 48`',
      });
    }
    if (env.MIGRATION_DEPOSIT_OWNER.equals(env.MIGRATION_VAULT_OWNER)) {
      ctx.addIssue({ code: 'custom', path: ['MIGRATION_DEPOSIT_OWNER'], message: 'must differ from MIGRATION_VAULT_OWNER: deposits are held apart from migrated AI16Z until they are paid or refunded' });
    }
    if (env.MIGRATION_DEPOSIT_OWNER_SECRET_KEY && !env.MIGRATION_DEPOSIT_OWNER_SECRET_KEY.publicKey.equals(env.MIGRATION_DEPOSIT_OWNER)) {
      ctx.addIssue({ code: 'custom', path: ['MIGRATION_DEPOSIT_OWNER_SECRET_KEY'], message: 'must be the secret key of MIGRATION_DEPOSIT_OWNER (or leave it unset: refunds are then signed offline)' });
    }
    if (env.DEPOSIT_FEE_PAYER_SECRET_KEY.publicKey.equals(env.MIGRATION_DEPOSIT_OWNER)) {
      ctx.addIssue({ code: 'custom', path: ['DEPOSIT_FEE_PAYER_SECRET_KEY'], message: 'must not be the deposit owner’s key: the payout fee payer is a hot key with a bounded SOL balance' });
    }
    if (env.AI16Z_MINT.equals(env.ELIZAOS_MINT)) {
      ctx.addIssue({ code: 'custom', path: ['ELIZAOS_MINT'], message: 'must differ from AI16Z_MINT' });
    }
  });

export type MintConfig = { address: PublicKey; decimals: number; programId: PublicKey };

/** The typed configuration of one deployment. Amount-free: amounts live in the database and on chain. */
export type AppConfig = {
  cluster: Cluster;
  rpcUrl: string;
  /** `SOLANA_RPC_FALLBACK_URLS`: endpoints of the same cluster tried in order when the primary fails (lib/chain/pool.ts). */
  rpcFallbackUrls: string[];
  /** Milliseconds after which the server gives up on one JSON-RPC call at one endpoint (a hung provider must not hang a holder's request). */
  rpcTimeoutMs: number;
  appUrl: string;
  mints: { ai16z: MintConfig; elizaos: MintConfig };
  vault: { owner: PublicKey; tokenAccount: PublicKey };
  treasury: { tokenAccount: PublicKey; delegate: Keypair };
  /**
   * Deposit and receive (DESIGN.md "Deposit and receive"). `tokenAccount` is the owner's AI16Z
   * ATA under AI16Z's token program (what a wallet's "send to address" derives). `ownerKey`: the
   * deposit owner's key, when the server signs refunds itself (else they are signed offline).
   * `feePayer`: the hot key paying payout fees and ATA rent; its SOL should stay at most
   * `feePayerMaxLamports` (doctor and the metrics report it). `payoutWithinMinutes`: the delay the
   * pages promise between a final deposit and its payout.
   */
  deposit: { owner: PublicKey; tokenAccount: PublicKey; ownerKey: Keypair | null; feePayer: Keypair; payoutWithinMinutes: number; feePayerMaxLamports: bigint };
  /** ELIZAOS per AI16Z, as a whole-number ratio (1 : ratio). */
  ratio: bigint;
  window: { opensAt: Date; closesAt: Date };
  snapshotTakenAt: Date;
  databaseUrl: string;
  opsWallets: PublicKey[];
  /** Deploy-level kill switch (`MIGRATION_KILL_SWITCH=on`); cannot be lifted from the ops console. */
  killSwitch: boolean;
  /**
   * HMAC key (HS256) of ops session tokens, ≥ 32 bytes. Required outside localnet; on localnet,
   * when unset, lib/ops/session.ts uses a random per-process key (sessions end on restart).
   */
  opsSessionSecret: Uint8Array | null;
  /** Hosts an incident link may point to (https only); the portal's own host is always allowed. */
  opsLinkHosts: string[];
  /** localnet only: `.localnet/config.json`, whose demo keypairs the demo wallet offers. */
  localnetConfigFile: string | null;
  /** Multiplies every default rate limit (benchmarks and load tests raise it). */
  rateLimitScale: number;
  /**
   * `METRICS_TOKEN`: the bearer token of `GET /api/v1/metrics` (compared in constant time); null:
   * metrics are off (the endpoint answers 404 and nothing is recorded).
   */
  metricsToken: string | null;
  /** `LOG_LEVEL` of the one server logger (lib/observability/log.ts). */
  logLevel: LogLevel;
  /** `STATUS_CACHE_DIR`: where the last known good public status is kept on disk for a database outage (lib/status/last-known.ts). */
  statusCacheDir: string;
  /** Thresholds of `npm run ops -- alerts` (lib/observability/alerts.ts). */
  alerts: { allowanceHours: number; failureRatePercent: number; failureMinSettled: number; cspReportsPerHour: number; submittedStuckMinutes: number };
  /**
   * A reference rate, ELIZAOS per SOL (decimal text), with its date: the page tells a holder
   * when the fee and the rent are worth more than the ELIZAOS a migration brings (dust). Null:
   * no rate is published, and the page shows the costs in SOL without comparing.
   */
  dustReference: { elizaosPerSol: string; asOf: Date | null } | null;
  /**
   * `TRUSTED_PROXIES`: the reverse proxies (addresses, CIDR blocks) whose `X-Forwarded-For` names
   * the client (lib/security/client-address.ts); empty (the default): the client is the TCP peer.
   */
  trustedProxies: string[];
  /**
   * The release key of the signed deployment manifest (lib/release). `signingKey`: the server
   * signs the manifest itself (demo, e2e, small deployments). `publicKey`: the key the manifest
   * must verify with (RELEASE_PUBLIC_KEY, else the signing key's), given to the browser and
   * printed for `npm run verify`; null when neither is configured.
   */
  release: { signingKey: Keypair | null; publicKey: PublicKey | null };
};

/** Thrown when the environment is missing or malformed; `message` names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration (see .env.example):\n${problems.map((p) => `  - ${p.variable} ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses an environment (`process.env`-shaped) into an {@link AppConfig}.
 * Empty strings count as unset, so `FOO=` in a `.env` file falls back to the default.
 *
 * @throws ConfigError naming each missing or malformed variable and what it should look like.
 */
export function parseEnv(env: Record<string, string | undefined>): AppConfig {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '(environment)');
        return { variable, message: variable in input ? issue.message : messageForMissing(issue.message) };
      }),
    );
  }
  const e = result.data;
  return {
    cluster: e.SOLANA_CLUSTER,
    rpcUrl: e.SOLANA_RPC_URL,
    rpcFallbackUrls: e.SOLANA_RPC_FALLBACK_URLS,
    rpcTimeoutMs: e.SOLANA_RPC_TIMEOUT_MS,
    appUrl: new URL(e.PUBLIC_APP_URL).origin,
    mints: {
      ai16z: { address: e.AI16Z_MINT, decimals: e.AI16Z_DECIMALS, programId: e.AI16Z_TOKEN_PROGRAM },
      elizaos: { address: e.ELIZAOS_MINT, decimals: e.ELIZAOS_DECIMALS, programId: e.ELIZAOS_TOKEN_PROGRAM },
    },
    vault: { owner: e.MIGRATION_VAULT_OWNER, tokenAccount: e.MIGRATION_VAULT_TOKEN_ACCOUNT },
    treasury: { tokenAccount: e.TREASURY_TOKEN_ACCOUNT, delegate: e.TREASURY_DELEGATE_SECRET_KEY },
    deposit: {
      owner: e.MIGRATION_DEPOSIT_OWNER,
      // Off-curve owners allowed in the derivation (a multisig vault may own it; doctor says what that means for refunds).
      tokenAccount: getAssociatedTokenAddressSync(e.AI16Z_MINT, e.MIGRATION_DEPOSIT_OWNER, true, e.AI16Z_TOKEN_PROGRAM),
      ownerKey: e.MIGRATION_DEPOSIT_OWNER_SECRET_KEY ?? null,
      feePayer: e.DEPOSIT_FEE_PAYER_SECRET_KEY,
      payoutWithinMinutes: e.DEPOSIT_PAYOUT_WITHIN_MINUTES,
      feePayerMaxLamports: BigInt(Math.round(e.DEPOSIT_FEE_PAYER_MAX_SOL * 1_000_000_000)),
    },
    ratio: BigInt(e.MIGRATION_RATIO),
    window: { opensAt: e.MIGRATION_OPENS_AT, closesAt: e.MIGRATION_CLOSES_AT },
    snapshotTakenAt: e.SNAPSHOT_TAKEN_AT,
    databaseUrl: e.DATABASE_URL,
    opsWallets: e.OPS_WALLETS,
    killSwitch: e.MIGRATION_KILL_SWITCH === 'on',
    opsSessionSecret: e.OPS_SESSION_SECRET ?? null,
    opsLinkHosts: e.OPS_LINK_HOSTS,
    localnetConfigFile: e.LOCALNET_CONFIG_FILE ?? null,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    metricsToken: e.METRICS_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    statusCacheDir: e.STATUS_CACHE_DIR,
    alerts: {
      allowanceHours: e.ALERT_ALLOWANCE_HOURS,
      failureRatePercent: e.ALERT_FAILURE_RATE_PERCENT,
      failureMinSettled: e.ALERT_FAILURE_MIN_SETTLED,
      cspReportsPerHour: e.ALERT_CSP_REPORTS_PER_HOUR,
      submittedStuckMinutes: e.ALERT_SUBMITTED_STUCK_MINUTES,
    },
    dustReference: e.DUST_REFERENCE_ELIZAOS_PER_SOL ? { elizaosPerSol: e.DUST_REFERENCE_ELIZAOS_PER_SOL, asOf: e.DUST_REFERENCE_AS_OF ?? null } : null,
    trustedProxies: e.TRUSTED_PROXIES,
    release: { signingKey: e.RELEASE_SIGNING_KEY ?? null, publicKey: e.RELEASE_PUBLIC_KEY ?? e.RELEASE_SIGNING_KEY?.publicKey ?? null },
  };
}

/**
 * Only `DATABASE_URL` (default `pglite://.data/pglite`), for commands that need nothing else
 * (snapshot import, database migration).
 *
 * @throws ConfigError when it is malformed.
 */
export function parseDatabaseUrl(env: Record<string, string | undefined>): string {
  const value = env.DATABASE_URL?.trim() || 'pglite://.data/pglite';
  const result = databaseUrl.safeParse(value);
  if (!result.success) throw new ConfigError([{ variable: 'DATABASE_URL', message: result.error.issues[0]?.message ?? 'is malformed' }]);
  return result.data;
}

/**
 * Only `TRUSTED_PROXIES` (default: none), for server.ts, which needs it before Next (and the full
 * configuration check at start-up) is loaded.
 *
 * @throws ConfigError when an entry is malformed.
 */
export function parseTrustedProxies(env: Record<string, string | undefined>): string[] {
  const result = proxyList.safeParse(env.TRUSTED_PROXIES ?? '');
  if (!result.success) throw new ConfigError([{ variable: 'TRUSTED_PROXIES', message: result.error.issues[0]?.message ?? 'is malformed' }]);
  return result.data;
}

/**
 * Only `LOG_LEVEL` (default `info`), for the logger (lib/observability/log.ts), which server.ts and
 * scripts load before (or without) the full configuration. A malformed value falls back to `info`
 * (the full check at start-up names it).
 */
export function parseLogLevel(env: Record<string, string | undefined>): LogLevel {
  const value = env.LOG_LEVEL?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : 'info';
}

function messageForMissing(message: string): string {
  return message.startsWith('must') ? `is not set: it ${message}` : `is not set (${message})`;
}

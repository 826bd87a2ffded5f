import { Keypair } from '@solana/web3.js';
import bs58 from 'bs58';
import { describe, expect, it } from 'vitest';
import { AI16Z_MAINNET_MINT, ConfigError, ELIZAOS_MAINNET_MINT, parseDatabaseUrl, parseEnv } from '@/lib/config/env';

const key = () => Keypair.generate().publicKey.toBase58();
const valid = () => ({
  SOLANA_CLUSTER: 'localnet',
  SOLANA_RPC_URL: 'http://127.0.0.1:8899',
  ELIZAOS_MINT: key(),
  MIGRATION_VAULT_OWNER: key(),
  MIGRATION_VAULT_TOKEN_ACCOUNT: key(),
  TREASURY_TOKEN_ACCOUNT: key(),
  TREASURY_DELEGATE_SECRET_KEY: bs58.encode(Keypair.generate().secretKey),
  MIGRATION_DEPOSIT_OWNER: key(),
  DEPOSIT_FEE_PAYER_SECRET_KEY: bs58.encode(Keypair.generate().secretKey),
  MIGRATION_OPENS_AT: '2026-12-01T00:00:00Z',
  MIGRATION_CLOSES_AT: '2027-03-01T00:00:00Z',
  SNAPSHOT_TAKEN_AT: '2026-11-20T00:00:00Z',
});

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.variable} ${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  it('parses a complete environment with defaults', () => {
    const config = parseEnv(valid());
    expect(config.mints.ai16z.address.toBase58()).toBe(AI16Z_MAINNET_MINT);
    expect(config.mints.ai16z.decimals).toBe(9);
    expect(config.mints.ai16z.programId.toBase58()).toBe('TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb');
    expect(config.mints.elizaos.programId.toBase58()).toBe('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
    expect(config.ratio).toBe(6n);
    expect(config.databaseUrl).toBe('pglite://.data/pglite');
    expect(config.killSwitch).toBe(false);
    expect(config.opsWallets).toEqual([]);
  });

  it.each([
    ['SOLANA_RPC_URL', 'not a url', /SOLANA_RPC_URL must be the JSON-RPC endpoint/],
    ['SOLANA_CLUSTER', 'mainnet', /SOLANA_CLUSTER must be one of mainnet-beta, devnet, testnet, localnet/],
    ['ELIZAOS_MINT', 'xyz0OIl', /ELIZAOS_MINT must be the ELIZAOS mint as a base58 Solana address/],
    ['AI16Z_DECIMALS', '12', /AI16Z_DECIMALS must be an integer from 0 to 9/],
    ['ELIZAOS_TOKEN_PROGRAM', 'spl', /ELIZAOS_TOKEN_PROGRAM must be "token"/],
    ['TREASURY_DELEGATE_SECRET_KEY', 'abc', /TREASURY_DELEGATE_SECRET_KEY must be a 64-byte ed25519 secret key/],
    ['MIGRATION_OPENS_AT', '1 December', /MIGRATION_OPENS_AT must be the moment the migration window opens as an ISO 8601/],
    ['MIGRATION_CLOSES_AT', '2026-11-30T00:00:00Z', /MIGRATION_CLOSES_AT must be later than MIGRATION_OPENS_AT/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be pglite:/],
    ['OPS_WALLETS', `${key()},nope`, /OPS_WALLETS must be a comma-separated list.*"nope"/],
    ['MIGRATION_KILL_SWITCH', 'yes', /MIGRATION_KILL_SWITCH must be "on" or "off"/],
    ['MIGRATION_RATIO', '1.5', /MIGRATION_RATIO must be a positive integer/],
  ])('names %s when it is malformed', (variable, value, pattern) => {
    const problems = problemsOf({ ...valid(), [variable]: value });
    expect(problems.join('\n')).toMatch(pattern);
  });

  it('defaults the ELIZAOS mint to the mainnet one (SPL Token, 9 decimals)', () => {
    const env: Record<string, string | undefined> = valid();
    delete env.ELIZAOS_MINT;
    const config = parseEnv(env);
    expect(config.mints.elizaos).toMatchObject({ decimals: 9 });
    expect(config.mints.elizaos.address.toBase58()).toBe(ELIZAOS_MAINNET_MINT);
    expect(config.mints.elizaos.programId.toBase58()).toBe('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
  });

  it('names every missing required variable', () => {
    const problems = problemsOf({ SOLANA_CLUSTER: 'localnet' });
    for (const variable of ['SOLANA_RPC_URL', 'MIGRATION_VAULT_TOKEN_ACCOUNT', 'TREASURY_DELEGATE_SECRET_KEY', 'MIGRATION_OPENS_AT']) {
      expect(problems.some((p) => p.startsWith(`${variable} is not set`))).toBe(true);
    }
  });

  it('never echoes a secret key in its message', () => {
    const secret = 'S3cretS3cretS3cret';
    const problems = problemsOf({ ...valid(), TREASURY_DELEGATE_SECRET_KEY: secret });
    expect(problems.join('\n')).not.toContain(secret);
  });

  it('refuses demo keypairs outside localnet', () => {
    expect(problemsOf({ ...valid(), SOLANA_CLUSTER: 'mainnet-beta', LOCALNET_CONFIG_FILE: '.localnet/config.json' }).join()).toMatch(/LOCALNET_CONFIG_FILE may only be set/);
  });

  it('reads the release key: a signing key gives its public key; a pinned public key alone is kept; they must agree', () => {
    const release = Keypair.generate();
    expect(parseEnv(valid()).release).toEqual({ signingKey: null, publicKey: null });
    const signing = parseEnv({ ...valid(), RELEASE_SIGNING_KEY: bs58.encode(release.secretKey) }).release;
    expect(signing.publicKey?.toBase58()).toBe(release.publicKey.toBase58());
    expect(signing.signingKey?.publicKey.toBase58()).toBe(release.publicKey.toBase58());
    const pinned = parseEnv({ ...valid(), RELEASE_PUBLIC_KEY: release.publicKey.toBase58() }).release;
    expect(pinned).toEqual({ signingKey: null, publicKey: release.publicKey });
    expect(problemsOf({ ...valid(), RELEASE_SIGNING_KEY: bs58.encode(release.secretKey), RELEASE_PUBLIC_KEY: Keypair.generate().publicKey.toBase58() }).join()).toMatch(
      /RELEASE_PUBLIC_KEY must be the public key of RELEASE_SIGNING_KEY/,
    );
    const secret = 'NotAKeyNotAKeyNotAKey';
    const problems = problemsOf({ ...valid(), RELEASE_SIGNING_KEY: secret }).join();
    expect(problems).toMatch(/RELEASE_SIGNING_KEY must be a 64-byte ed25519 secret key/);
    expect(problems).not.toContain(secret);
  });

  it('requires OPS_SESSION_SECRET (≥ 32 bytes) outside localnet, and never echoes it', () => {
    expect(problemsOf({ ...valid(), SOLANA_CLUSTER: 'mainnet-beta' }).join('\n')).toMatch(/OPS_SESSION_SECRET is not set: it must be set outside localnet/);
    const short = 'only-twenty-bytes-xx';
    const problems = problemsOf({ ...valid(), OPS_SESSION_SECRET: short }).join('\n');
    expect(problems).toMatch(/OPS_SESSION_SECRET must be at least 32 bytes/);
    expect(problems).not.toContain(short);
    const config = parseEnv({ ...valid(), SOLANA_CLUSTER: 'mainnet-beta', OPS_SESSION_SECRET: 's'.repeat(32) });
    expect(config.opsSessionSecret).toEqual(new TextEncoder().encode('s'.repeat(32)));
    expect(parseEnv(valid()).opsSessionSecret).toBeNull();
  });

  it('parses the incident link hosts and the maintenance flag URL', () => {
    expect(parseEnv(valid()).opsLinkHosts).toEqual(['x.com', 'github.com']);
    expect(parseEnv({ ...valid(), OPS_LINK_HOSTS: 'Status.Example.org, x.com' }).opsLinkHosts).toEqual(['status.example.org', 'x.com']);
    expect(problemsOf({ ...valid(), OPS_LINK_HOSTS: 'https://x.com' }).join()).toMatch(/OPS_LINK_HOSTS must be a comma-separated list of host names/);
    expect(problemsOf({ ...valid(), MAINTENANCE_FLAG_URL: 'ftp://x' }).join()).toMatch(/MAINTENANCE_FLAG_URL must be/);
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ ...valid(), DATABASE_URL: '', MIGRATION_RATIO: ' ' }).databaseUrl).toBe('pglite://.data/pglite');
  });
});

describe('parseDatabaseUrl', () => {
  it('defaults to the embedded database and rejects other schemes', () => {
    expect(parseDatabaseUrl({})).toBe('pglite://.data/pglite');
    expect(parseDatabaseUrl({ DATABASE_URL: 'postgres://u:p@localhost:5432/db' })).toBe('postgres://u:p@localhost:5432/db');
    expect(() => parseDatabaseUrl({ DATABASE_URL: 'sqlite://x' })).toThrow(/DATABASE_URL/);
  });
});

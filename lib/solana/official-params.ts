/**
 * The official public parameters of the migration, in one shape: the two mints (address,
 * decimals, token program), the vault's AI16Z token account, the treasury's ELIZAOS token account,
 * the treasury delegate, the ratio, and the deposit address of the deposit-and-receive path
 * (DESIGN.md "Deposit and receive"). Every value is public on chain.
 *
 * Three sources state them, and each is read into this shape here:
 * - the deployment's configuration (the server: `/check`, `/migrate`, the build, the manifest);
 * - the signed deployment manifest's `parameters` (lib/release/manifest.ts; the verify CLI,
 *   `npm run migrate`, the browser's eligibility check), whose JSON keeps its own field names
 *   (`tokenProgram`, `vault.tokenAccount`, …: the signed format does not change);
 * - a `MigrationExpected` (lib/solana/builder.ts), the accounts one migration must touch.
 *
 * {@link officialParamsDifferences} is the one field-by-field comparison (with the fields' names
 * in messages), used wherever two of them must agree (the page against the signed manifest, the
 * page's expectation against the server's).
 *
 * Pure; no `node:` imports (the browser bundles it).
 */
import { PublicKey } from '@solana/web3.js';
import type { AppConfig } from '@/lib/config/env';
import type { ManifestParameters } from '@/lib/release/manifest';
import { convertAi16zToElizaos } from '@/lib/solana/amounts';
import type { MigrationExpected, MintRef } from '@/lib/solana/builder';

/** A mint as the public parameters state it: base58 address, decimals (0–9), base58 token program (Token or Token-2022). */
export type OfficialMint = { mint: string; decimals: number; programId: string };

/** The official parameters: what `/check`, the browser's build check and `npm run migrate` verify against. */
export type OfficialParams = {
  ai16z: OfficialMint;
  elizaos: OfficialMint;
  /** The migration vault's AI16Z token account (base58): where the holder's AI16Z goes. */
  vaultTokenAccount: string;
  /** The treasury's ELIZAOS token account (base58): where the holder's ELIZAOS comes from. */
  treasuryTokenAccount: string;
  /** The treasury delegate (base58): the key that co-signs and moves the ELIZAOS. */
  treasuryDelegate: string;
  /** ELIZAOS per AI16Z, a whole number as a decimal string. */
  ratio: string;
  /**
   * The deposit address (DESIGN.md "Deposit and receive"), base58: `owner` is the wallet holders
   * send to; `tokenAccount` its AI16Z associated token account under AI16Z's token program, where
   * the AI16Z arrives.
   */
  deposit: OfficialDeposit;
};

/** The deposit address as the public parameters state it (base58 text). */
export type OfficialDeposit = { owner: string; tokenAccount: string };

/** The accounts of the official parameters one migration's expectation also states (neither the ratio nor the deposit address). */
export type OfficialAccounts = Omit<OfficialParams, 'ratio' | 'deposit'>;

/** What {@link officialParamsDifferences} compares: the accounts, and the ratio and deposit address when both sides state them. */
export type ComparableParams = OfficialAccounts & { ratio?: string; deposit?: OfficialDeposit };

type Field = { name: string; read: (p: ComparableParams) => string | number | undefined };

/** Each field once, in this order, with its name in messages. */
const FIELDS: readonly Field[] = [
  { name: 'AI16Z mint', read: (p) => p.ai16z.mint },
  { name: 'AI16Z decimals', read: (p) => p.ai16z.decimals },
  { name: 'AI16Z token program', read: (p) => p.ai16z.programId },
  { name: 'ELIZAOS mint', read: (p) => p.elizaos.mint },
  { name: 'ELIZAOS decimals', read: (p) => p.elizaos.decimals },
  { name: 'ELIZAOS token program', read: (p) => p.elizaos.programId },
  { name: 'migration vault', read: (p) => p.vaultTokenAccount },
  { name: 'treasury account', read: (p) => p.treasuryTokenAccount },
  { name: 'treasury delegate', read: (p) => p.treasuryDelegate },
  { name: 'ratio', read: (p) => p.ratio },
  { name: 'deposit owner', read: (p) => p.deposit?.owner },
  { name: 'deposit token account', read: (p) => p.deposit?.tokenAccount },
];

/** One field where two statements of the parameters disagree; values as text. */
export type ParamDifference = { field: string; mine: string; theirs: string };

/**
 * Every field where `theirs` differs from `mine` (empty when they agree), in a fixed order. The
 * ratio and the deposit address are compared when either side states them (an expectation states
 * neither); one side stating a field the other leaves out is a difference.
 */
export function officialParamsDifferences(mine: ComparableParams, theirs: ComparableParams): ParamDifference[] {
  const differences: ParamDifference[] = [];
  for (const { name, read } of FIELDS) {
    const a = read(mine);
    const b = read(theirs);
    if (a === undefined && b === undefined) continue;
    if (a !== b) differences.push({ field: name, mine: String(a), theirs: String(b) });
  }
  return differences;
}

/** The official parameters of a deployment's configuration. */
export function officialParamsFromConfig(config: Pick<AppConfig, 'mints' | 'vault' | 'treasury' | 'ratio' | 'deposit'>): OfficialParams {
  const mint = (m: AppConfig['mints']['ai16z']): OfficialMint => ({ mint: m.address.toBase58(), decimals: m.decimals, programId: m.programId.toBase58() });
  return {
    ai16z: mint(config.mints.ai16z),
    elizaos: mint(config.mints.elizaos),
    vaultTokenAccount: config.vault.tokenAccount.toBase58(),
    treasuryTokenAccount: config.treasury.tokenAccount.toBase58(),
    treasuryDelegate: config.treasury.delegate.publicKey.toBase58(),
    ratio: config.ratio.toString(),
    deposit: { owner: config.deposit.owner.toBase58(), tokenAccount: config.deposit.tokenAccount.toBase58() },
  };
}

/** The official parameters a (verified) manifest states (`manifest.parameters`). */
export function officialParamsFromManifest(parameters: ManifestParameters): OfficialParams {
  const mint = (m: ManifestParameters['ai16z']): OfficialMint => ({ mint: m.mint, decimals: m.decimals, programId: m.tokenProgram });
  return {
    ai16z: mint(parameters.ai16z),
    elizaos: mint(parameters.elizaos),
    vaultTokenAccount: parameters.vault.tokenAccount,
    treasuryTokenAccount: parameters.treasury.tokenAccount,
    treasuryDelegate: parameters.treasury.delegate,
    ratio: parameters.ratio,
    deposit: { owner: parameters.deposit.owner, tokenAccount: parameters.deposit.tokenAccount },
  };
}

/**
 * The manifest's statement of the official parameters (its field names), plus the vault's owner,
 * which the manifest states and the transaction checks do not need.
 */
export function manifestFieldsOf(params: OfficialParams, vaultOwner: string): Pick<ManifestParameters, 'ai16z' | 'elizaos' | 'vault' | 'treasury' | 'ratio' | 'deposit'> {
  const mint = (m: OfficialMint) => ({ mint: m.mint, decimals: m.decimals, tokenProgram: m.programId });
  return {
    ai16z: mint(params.ai16z),
    elizaos: mint(params.elizaos),
    vault: { tokenAccount: params.vaultTokenAccount, owner: vaultOwner },
    treasury: { tokenAccount: params.treasuryTokenAccount, delegate: params.treasuryDelegate },
    ratio: params.ratio,
    deposit: { owner: params.deposit.owner, tokenAccount: params.deposit.tokenAccount },
  };
}

/** The accounts an expectation names, as the official parameters state them (base58 text). */
export function officialAccountsOf(expected: MigrationExpected): OfficialAccounts {
  const mint = (m: MintRef): OfficialMint => ({ mint: m.mint.toBase58(), decimals: m.decimals, programId: m.programId.toBase58() });
  return {
    ai16z: mint(expected.ai16z),
    elizaos: mint(expected.elizaos),
    vaultTokenAccount: expected.vaultTokenAccount.toBase58(),
    treasuryTokenAccount: expected.treasuryTokenAccount.toBase58(),
    treasuryDelegate: expected.treasuryDelegate.toBase58(),
  };
}

/**
 * A mint of the parameters as the builder and the policy take it.
 * @throws Error when an address is not base58 of 32 bytes
 */
export function mintRefOf(m: OfficialMint): MintRef {
  return { mint: new PublicKey(m.mint), decimals: m.decimals, programId: new PublicKey(m.programId) };
}

/**
 * ELIZAOS base units the holder receives for `amountIn` AI16Z base units, exactly (bigint).
 * @throws AmountError when the amount cannot be converted exactly
 */
export function amountOutFor(params: OfficialParams, amountIn: bigint): bigint {
  return convertAi16zToElizaos(amountIn, params.ai16z.decimals, params.elizaos.decimals, BigInt(params.ratio));
}

/**
 * What one migration's transaction must do under these parameters.
 * @param migration.amountIn / amountOut AI16Z / ELIZAOS base units
 * @throws Error when an address of the parameters is not base58 of 32 bytes
 */
export function expectedMigrationOf(params: OfficialAccounts, migration: { migrationId: string; holder: PublicKey; amountIn: bigint; amountOut: bigint }): MigrationExpected {
  return {
    migrationId: migration.migrationId,
    holder: migration.holder,
    ai16z: mintRefOf(params.ai16z),
    elizaos: mintRefOf(params.elizaos),
    vaultTokenAccount: new PublicKey(params.vaultTokenAccount),
    treasuryTokenAccount: new PublicKey(params.treasuryTokenAccount),
    treasuryDelegate: new PublicKey(params.treasuryDelegate),
    amountIn: migration.amountIn,
    amountOut: migration.amountOut,
  };
}

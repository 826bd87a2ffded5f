import { unpackAccount } from '@solana/spl-token';
import type { Connection } from '@solana/web3.js';
import type { AppConfig } from '@/lib/config/env';
import { assertSupportedMint, UnsupportedMintError } from '@/lib/solana/mint';

/** Thrown by {@link verifyDeploymentOnChain}; `problems` has one actionable line each. */
export class StartupCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(`The chain does not match the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StartupCheckError';
  }
}

/**
 * Checks, in one `getMultipleAccounts` call, that the configured mints, vault and treasury exist
 * on the cluster as configured: each mint is owned by its configured token program, has the
 * configured decimals and no extension that changes what a transfer moves or runs
 * (lib/solana/mint.ts); the vault token account holds AI16Z and is owned by the vault owner;
 * the treasury token account holds ELIZAOS and has the server's delegate approved.
 *
 * @throws StartupCheckError listing every mismatch (with the variable to fix).
 * @throws Error when the RPC cannot be reached.
 */
export async function verifyDeploymentOnChain(connection: Connection, config: AppConfig): Promise<void> {
  const { ai16z, elizaos } = config.mints;
  const [ai16zInfo, elizaosInfo, vaultInfo, treasuryInfo] = await connection.getMultipleAccountsInfo(
    [ai16z.address, elizaos.address, config.vault.tokenAccount, config.treasury.tokenAccount],
    'confirmed',
  );
  const problems: string[] = [];
  const mints = [
    ['AI16Z', ai16z, ai16zInfo],
    ['ELIZAOS', elizaos, elizaosInfo],
  ] as const;
  for (const [name, mint, info] of mints) {
    if (!info) {
      problems.push(`${name}_MINT ${mint.address.toBase58()} does not exist on ${config.rpcUrl}`);
      continue;
    }
    try {
      assertSupportedMint({ address: mint.address, owner: info.owner, data: info.data }, { decimals: mint.decimals, programId: mint.programId });
    } catch (error) {
      // Name the variable to fix: the decimals or the program when that is what differs, else the mint.
      const reason = error instanceof UnsupportedMintError ? error.reason : null;
      const variable = reason === 'DECIMALS_MISMATCH' ? `${name}_DECIMALS` : reason === 'WRONG_PROGRAM' ? `${name}_TOKEN_PROGRAM` : `${name}_MINT`;
      problems.push(`${variable}: the mint ${mint.address.toBase58()} ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!vaultInfo) {
    problems.push(`MIGRATION_VAULT_TOKEN_ACCOUNT ${config.vault.tokenAccount.toBase58()} does not exist`);
  } else {
    try {
      const vault = unpackAccount(config.vault.tokenAccount, vaultInfo, ai16z.programId);
      if (!vault.mint.equals(ai16z.address)) problems.push(`MIGRATION_VAULT_TOKEN_ACCOUNT holds mint ${vault.mint.toBase58()}, not AI16Z`);
      if (!vault.owner.equals(config.vault.owner)) problems.push(`MIGRATION_VAULT_TOKEN_ACCOUNT is owned by ${vault.owner.toBase58()}, not MIGRATION_VAULT_OWNER`);
    } catch {
      problems.push(`MIGRATION_VAULT_TOKEN_ACCOUNT is not a token account of AI16Z's token program`);
    }
  }
  if (!treasuryInfo) {
    problems.push(`TREASURY_TOKEN_ACCOUNT ${config.treasury.tokenAccount.toBase58()} does not exist`);
  } else {
    try {
      const treasury = unpackAccount(config.treasury.tokenAccount, treasuryInfo, elizaos.programId);
      if (!treasury.mint.equals(elizaos.address)) problems.push(`TREASURY_TOKEN_ACCOUNT holds mint ${treasury.mint.toBase58()}, not ELIZAOS`);
      if (!treasury.delegate?.equals(config.treasury.delegate.publicKey)) {
        problems.push(
          `TREASURY_TOKEN_ACCOUNT has no allowance for the delegate ${config.treasury.delegate.publicKey.toBase58()} (TREASURY_DELEGATE_SECRET_KEY): the treasury owner must ApproveChecked it`,
        );
      }
    } catch {
      problems.push(`TREASURY_TOKEN_ACCOUNT is not a token account of ELIZAOS's token program`);
    }
  }
  if (problems.length > 0) throw new StartupCheckError(problems);
}

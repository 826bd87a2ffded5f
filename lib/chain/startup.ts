import { unpackAccount } from '@solana/spl-token';
import type { Connection, PublicKey } from '@solana/web3.js';
import type { AppConfig } from '@/lib/config/env';
import { assertSupportedMint, UnsupportedMintError } from '@/lib/solana/mint';

/** Thrown by {@link verifyDeploymentOnChain}; `problems` has one actionable line each. */
export class StartupCheckError extends Error {
  constructor(readonly problems: string[]) {
    super(`The chain does not match the configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StartupCheckError';
  }
}

/** What to fix, per account the deployment depends on. */
export type ChainProblem = { subject: 'ai16z' | 'elizaos' | 'vault' | 'treasury' | 'deposit'; message: string };

/** The chain as the configuration sees it: problems, and the figures the preflight reports. */
export type ChainInspection = {
  problems: ChainProblem[];
  /** The treasury token account, when it decoded as an ELIZAOS account (base units). */
  treasury: { amount: bigint; delegate: PublicKey | null; delegatedAmount: bigint } | null;
  /** The vault token account, when it decoded as an AI16Z account (base units). */
  vault: { amount: bigint; owner: PublicKey } | null;
  /** The deposit token account, when it decoded as an AI16Z account (base units). */
  deposit: { amount: bigint; owner: PublicKey } | null;
  /** SOL of the payout fee payer (lamports; 0 when the account does not exist). */
  feePayerLamports: bigint;
};

/**
 * Reads, in one `getMultipleAccounts` call, the configured mints, vault and treasury, and lists
 * every way they differ from the configuration: each mint must be owned by its configured token
 * program, have the configured decimals and no extension that changes what a transfer moves or
 * runs (lib/solana/mint.ts); the vault token account holds AI16Z and is owned by the vault owner;
 * the treasury token account holds ELIZAOS and has the server's delegate approved; the deposit
 * token account exists, is AI16Z's, under AI16Z's token program, owned by the deposit owner, with
 * no delegate (DESIGN.md "Deposit and receive").
 * Used by start-up ({@link verifyDeploymentOnChain}) and by `npm run doctor`.
 *
 * @throws Error when the RPC cannot be reached.
 */
export async function inspectDeploymentOnChain(connection: Connection, config: AppConfig): Promise<ChainInspection> {
  const { ai16z, elizaos } = config.mints;
  const [ai16zInfo, elizaosInfo, vaultInfo, treasuryInfo, depositInfo, feePayerInfo] = await connection.getMultipleAccountsInfo(
    [ai16z.address, elizaos.address, config.vault.tokenAccount, config.treasury.tokenAccount, config.deposit.tokenAccount, config.deposit.feePayer.publicKey],
    'confirmed',
  );
  const problems: ChainProblem[] = [];
  let treasuryFigures: ChainInspection['treasury'] = null;
  let vaultFigures: ChainInspection['vault'] = null;
  const mints = [
    ['AI16Z', 'ai16z', ai16z, ai16zInfo],
    ['ELIZAOS', 'elizaos', elizaos, elizaosInfo],
  ] as const;
  for (const [name, subject, mint, info] of mints) {
    if (!info) {
      problems.push({ subject, message: `${name}_MINT ${mint.address.toBase58()} does not exist on ${config.rpcUrl}` });
      continue;
    }
    try {
      assertSupportedMint({ address: mint.address, owner: info.owner, data: info.data }, { decimals: mint.decimals, programId: mint.programId });
    } catch (error) {
      // Name the variable to fix: the decimals or the program when that is what differs, else the mint.
      const reason = error instanceof UnsupportedMintError ? error.reason : null;
      const variable = reason === 'DECIMALS_MISMATCH' ? `${name}_DECIMALS` : reason === 'WRONG_PROGRAM' ? `${name}_TOKEN_PROGRAM` : `${name}_MINT`;
      problems.push({ subject, message: `${variable}: the mint ${mint.address.toBase58()} ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  if (!vaultInfo) {
    problems.push({ subject: 'vault', message: `MIGRATION_VAULT_TOKEN_ACCOUNT ${config.vault.tokenAccount.toBase58()} does not exist` });
  } else {
    try {
      const vault = unpackAccount(config.vault.tokenAccount, vaultInfo, ai16z.programId);
      vaultFigures = { amount: vault.amount, owner: vault.owner };
      if (!vault.mint.equals(ai16z.address)) problems.push({ subject: 'vault', message: `MIGRATION_VAULT_TOKEN_ACCOUNT holds mint ${vault.mint.toBase58()}, not AI16Z` });
      if (!vault.owner.equals(config.vault.owner)) problems.push({ subject: 'vault', message: `MIGRATION_VAULT_TOKEN_ACCOUNT is owned by ${vault.owner.toBase58()}, not MIGRATION_VAULT_OWNER` });
    } catch {
      problems.push({ subject: 'vault', message: `MIGRATION_VAULT_TOKEN_ACCOUNT is not a token account of AI16Z's token program` });
    }
  }
  if (!treasuryInfo) {
    problems.push({ subject: 'treasury', message: `TREASURY_TOKEN_ACCOUNT ${config.treasury.tokenAccount.toBase58()} does not exist` });
  } else {
    try {
      const treasury = unpackAccount(config.treasury.tokenAccount, treasuryInfo, elizaos.programId);
      treasuryFigures = { amount: treasury.amount, delegate: treasury.delegate, delegatedAmount: treasury.delegatedAmount };
      if (!treasury.mint.equals(elizaos.address)) problems.push({ subject: 'treasury', message: `TREASURY_TOKEN_ACCOUNT holds mint ${treasury.mint.toBase58()}, not ELIZAOS` });
      if (!treasury.delegate?.equals(config.treasury.delegate.publicKey)) {
        problems.push({
          subject: 'treasury',
          message: `TREASURY_TOKEN_ACCOUNT has no allowance for the delegate ${config.treasury.delegate.publicKey.toBase58()} (TREASURY_DELEGATE_SECRET_KEY): the treasury owner must ApproveChecked it`,
        });
      }
    } catch {
      problems.push({ subject: 'treasury', message: `TREASURY_TOKEN_ACCOUNT is not a token account of ELIZAOS's token program` });
    }
  }
  let depositFigures: ChainInspection['deposit'] = null;
  const depositAccount = config.deposit.tokenAccount.toBase58();
  if (!depositInfo) {
    problems.push({ subject: 'deposit', message: `the deposit token account ${depositAccount} (the AI16Z associated token account of MIGRATION_DEPOSIT_OWNER) does not exist: create it (an idempotent ATA creation for that owner under AI16Z's token program)` });
  } else if (!depositInfo.owner.equals(ai16z.programId)) {
    problems.push({ subject: 'deposit', message: `the deposit token account ${depositAccount} is owned by ${depositInfo.owner.toBase58()}, not by AI16Z's token program` });
  } else {
    try {
      const deposit = unpackAccount(config.deposit.tokenAccount, depositInfo, ai16z.programId);
      depositFigures = { amount: deposit.amount, owner: deposit.owner };
      if (!deposit.mint.equals(ai16z.address)) problems.push({ subject: 'deposit', message: `the deposit token account ${depositAccount} holds mint ${deposit.mint.toBase58()}, not AI16Z` });
      if (!deposit.owner.equals(config.deposit.owner)) problems.push({ subject: 'deposit', message: `the deposit token account ${depositAccount} is owned by ${deposit.owner.toBase58()}, not MIGRATION_DEPOSIT_OWNER` });
      if (deposit.delegate) problems.push({ subject: 'deposit', message: `the deposit token account ${depositAccount} has a delegate (${deposit.delegate.toBase58()}): revoke it, nobody but its owner may move deposits` });
      if (deposit.closeAuthority && !deposit.closeAuthority.equals(config.deposit.owner)) problems.push({ subject: 'deposit', message: `the deposit token account ${depositAccount} has a close authority other than its owner` });
    } catch {
      problems.push({ subject: 'deposit', message: `the deposit token account ${depositAccount} is not a token account of AI16Z's token program` });
    }
  }
  return { problems, treasury: treasuryFigures, vault: vaultFigures, deposit: depositFigures, feePayerLamports: BigInt(feePayerInfo?.lamports ?? 0) };
}

/**
 * Start-up check: {@link inspectDeploymentOnChain}, refusing to start on any problem.
 *
 * @throws StartupCheckError listing every mismatch (with the variable to fix).
 * @throws Error when the RPC cannot be reached.
 */
export async function verifyDeploymentOnChain(connection: Connection, config: AppConfig): Promise<void> {
  const { problems } = await inspectDeploymentOnChain(connection, config);
  if (problems.length > 0) throw new StartupCheckError(problems.map((p) => p.message));
}

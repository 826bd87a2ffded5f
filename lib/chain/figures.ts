import 'server-only';
import { unpackAccount } from '@solana/spl-token';
import { getConnection } from '@/lib/chain';
import { getConfig } from '@/lib/config';

/** Live on-chain figures of the migration, all in base units of their mint. */
export type ChainFigures = {
  /** AI16Z held by the migration vault token account (base units, AI16Z decimals). */
  vaultAi16z: bigint;
  /** ELIZAOS held by the treasury token account (base units, ELIZAOS decimals). */
  treasuryElizaos: bigint;
  /** Remaining SPL allowance of the server's delegate on the treasury account (base units, ELIZAOS decimals); 0 if another delegate is set. */
  delegateAllowance: bigint;
  /** AI16Z held by the deposit token account, not yet refunded (base units, AI16Z decimals; DESIGN.md "Deposit and receive"); 0 when the account is missing. */
  depositAi16z: bigint;
  /** SOL of the payout fee payer (lamports): bounded on purpose, and it must cover the payouts' fees and rent. */
  depositFeePayerLamports: bigint;
  /** Slot the figures were read at. */
  slot: number;
};

/**
 * Reads the vault, treasury and deposit token accounts and the payout fee payer in one `getMultipleAccounts` call and decodes them
 * with `@solana/spl-token`'s `unpackAccount` under each mint's own token program.
 *
 * @throws Error when the RPC is unreachable or either account is missing or not a token account.
 */
export async function readChainFigures(): Promise<ChainFigures> {
  const config = getConfig();
  const { context, value } = await getConnection().getMultipleAccountsInfoAndContext(
    [config.vault.tokenAccount, config.treasury.tokenAccount, config.deposit.tokenAccount, config.deposit.feePayer.publicKey],
    'confirmed',
  );
  const [vaultInfo, treasuryInfo, depositInfo, feePayerInfo] = value;
  if (!vaultInfo) throw new Error(`vault token account ${config.vault.tokenAccount.toBase58()} does not exist`);
  if (!treasuryInfo) throw new Error(`treasury token account ${config.treasury.tokenAccount.toBase58()} does not exist`);
  const vault = unpackAccount(config.vault.tokenAccount, vaultInfo, config.mints.ai16z.programId);
  const treasury = unpackAccount(config.treasury.tokenAccount, treasuryInfo, config.mints.elizaos.programId);
  const delegateAllowance = treasury.delegate?.equals(config.treasury.delegate.publicKey) ? treasury.delegatedAmount : 0n;
  const depositAi16z = depositInfo ? unpackAccount(config.deposit.tokenAccount, depositInfo, config.mints.ai16z.programId).amount : 0n;
  return {
    vaultAi16z: vault.amount,
    treasuryElizaos: treasury.amount,
    delegateAllowance,
    depositAi16z,
    depositFeePayerLamports: BigInt(feePayerInfo?.lamports ?? 0),
    slot: context.slot,
  };
}

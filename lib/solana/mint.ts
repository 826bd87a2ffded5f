/**
 * Start-up check of the two mints (DESIGN.md "The on-chain transaction"): each must be an
 * initialised mint of SPL Token or Token-2022 with the configured decimals and no extension that
 * changes what a transfer moves or runs. The migration's promise is "you send exactly X AI16Z and
 * receive exactly 6X ELIZAOS"; a transfer fee, a hook, a permanent delegate, confidential
 * balances, a non-transferable or pausable mint would each break it.
 */
import { AccountState, ExtensionType, MINT_SIZE, getDefaultAccountState, getExtensionTypes, unpackMint } from '@solana/spl-token';
import type { PublicKey } from '@solana/web3.js';
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from '@/lib/solana/constants';

/** Why a mint is refused. */
export const UNSUPPORTED_MINT_REASONS = {
  /** The account is not owned by SPL Token or Token-2022, or not by the configured one. */
  WRONG_PROGRAM: 'WRONG_PROGRAM',
  /** The bytes are not an initialised mint. */
  NOT_A_MINT: 'NOT_A_MINT',
  DECIMALS_MISMATCH: 'DECIMALS_MISMATCH',
  /** A Token-2022 extension that changes what a transfer moves or runs (or one this code does not know). */
  EXTENSION: 'EXTENSION',
} as const;
export type UnsupportedMintReason = (typeof UNSUPPORTED_MINT_REASONS)[keyof typeof UNSUPPORTED_MINT_REASONS];

/** The mint cannot be used for the migration. `extension` names the offending extension, when that is the reason. */
export class UnsupportedMintError extends Error {
  constructor(
    readonly reason: UnsupportedMintReason,
    message: string,
    readonly extension?: string,
  ) {
    super(message);
    this.name = 'UnsupportedMintError';
  }
}

/**
 * Extension type ids the Token-2022 program defines but `@solana/spl-token` 0.4.15's
 * `ExtensionType` enum does not name (it skips them), from the program's own `ExtensionType`
 * (https://github.com/solana-program/token-2022, `extension/mod.rs`).
 */
const UNNAMED_EXTENSION_TYPES: ReadonlyMap<number, string> = new Map([
  [16, 'ConfidentialTransferFeeConfig'],
  [17, 'ConfidentialTransferFeeAmount'],
  [24, 'ConfidentialMintBurn'],
]);

/** Extensions that change what a transfer moves or runs, with the reason shown to operators. */
const REFUSED_EXTENSIONS: ReadonlyMap<number, string> = new Map([
  [ExtensionType.TransferFeeConfig, 'a transfer fee would be withheld from every transfer, so the amounts would not be exact'],
  [ExtensionType.TransferHook, "every transfer would run the hook program's code, with extra accounts"],
  [ExtensionType.ConfidentialTransferMint, 'balances could move confidentially, outside what the portal can check'],
  [16, 'confidential transfer fees would apply'],
  [24, 'confidential mint and burn would hide supply changes'],
  [ExtensionType.PermanentDelegate, 'a permanent delegate could move or burn anyone’s tokens at any time'],
  [ExtensionType.NonTransferable, 'the token cannot be transferred at all'],
  [ExtensionType.PausableConfig, 'an authority can pause every transfer'],
]);

/**
 * Extensions that leave a transfer's amount and code alone. Everything not listed here or refused
 * above (including ids this library does not know) is refused too: fail closed.
 * `DefaultAccountState` is allowed only with the `Initialized` state (checked below): with `Frozen`,
 * the holder's new ELIZAOS account would be frozen and the transfer into it would fail.
 * `InterestBearingConfig` and `ScaledUiAmountConfig` change only how wallets display an amount, not
 * the base units moved.
 */
const ALLOWED_EXTENSIONS: ReadonlySet<number> = new Set([
  ExtensionType.MintCloseAuthority,
  ExtensionType.DefaultAccountState,
  ExtensionType.InterestBearingConfig,
  ExtensionType.MetadataPointer,
  ExtensionType.TokenMetadata,
  ExtensionType.GroupPointer,
  ExtensionType.TokenGroup,
  ExtensionType.GroupMemberPointer,
  ExtensionType.TokenGroupMember,
  ExtensionType.ScaledUiAmountConfig,
  ExtensionType.PermissionedBurn,
]);

/** The raw account, as `getAccountInfo` returns it. */
export type MintAccountInput = {
  address: PublicKey;
  /** The program that owns the account. */
  owner: PublicKey;
  data: Uint8Array;
};

/** What the deployment configures for the mint. */
export type MintExpectation = {
  decimals: number;
  /** The configured token program; omitted → either SPL Token or Token-2022. */
  programId?: PublicKey;
};

/** A mint that passed: its decimals, token program and extension names (empty for classic Token). */
export type SupportedMint = { decimals: number; programId: PublicKey; extensions: string[] };

/**
 * Checks that an account is a mint this migration can use, by unpacking it with spl-token's
 * `unpackMint` under its owning program and listing its extensions with `getExtensionTypes`.
 *
 * @param info the mint's address, owning program and raw data.
 * @param expected the configured decimals (and token program, when configured).
 * @returns decimals, program and extension names (`ExtensionType` names; `#<id>` for ids spl-token does not name).
 * @throws UnsupportedMintError `WRONG_PROGRAM` (owner is neither SPL Token nor Token-2022, or not the
 *   configured one), `NOT_A_MINT` (bytes do not unpack as an initialised mint), `DECIMALS_MISMATCH`,
 *   `EXTENSION` (names the extension: TransferFeeConfig, TransferHook, ConfidentialTransferMint,
 *   ConfidentialTransferFeeConfig, ConfidentialMintBurn, PermanentDelegate, NonTransferable,
 *   PausableConfig, DefaultAccountState=Frozen, or an unknown id).
 * @see https://spl.solana.com/token-2022/extensions
 */
export function assertSupportedMint(info: MintAccountInput, expected: MintExpectation): SupportedMint {
  const owner = info.owner;
  if (!owner.equals(TOKEN_PROGRAM_ID) && !owner.equals(TOKEN_2022_PROGRAM_ID)) {
    throw new UnsupportedMintError('WRONG_PROGRAM', `is owned by ${owner.toBase58()}, which is neither the SPL Token nor the Token-2022 program`);
  }
  if (expected.programId && !owner.equals(expected.programId)) {
    throw new UnsupportedMintError('WRONG_PROGRAM', `is owned by ${programLabel(owner)}, not by the configured ${programLabel(expected.programId)}`);
  }
  // A classic Token mint is exactly 82 bytes; anything longer would be parsed as Token-2022 TLV.
  if (owner.equals(TOKEN_PROGRAM_ID) && info.data.length !== MINT_SIZE) {
    throw new UnsupportedMintError('NOT_A_MINT', `is ${info.data.length} bytes, not an SPL Token mint (${MINT_SIZE} bytes)`);
  }
  const data = Buffer.from(info.data);
  let mint: ReturnType<typeof unpackMint>;
  let types: number[];
  try {
    mint = unpackMint(info.address, { data, owner, lamports: 0, executable: false }, owner);
    types = getExtensionTypes(mint.tlvData);
  } catch (error) {
    throw new UnsupportedMintError('NOT_A_MINT', `is not a mint account (${error instanceof Error ? error.name || error.message : 'unreadable'})`);
  }
  if (!mint.isInitialized) throw new UnsupportedMintError('NOT_A_MINT', 'is not an initialised mint');
  if (mint.decimals !== expected.decimals) {
    throw new UnsupportedMintError('DECIMALS_MISMATCH', `has ${mint.decimals} decimals, but ${expected.decimals} are configured`);
  }

  const extensions: string[] = [];
  // Type 0 is TLV padding, not an extension.
  for (const type of types.filter((t) => t !== ExtensionType.Uninitialized)) {
    const name = extensionName(type);
    const refused = REFUSED_EXTENSIONS.get(type);
    if (refused) throw new UnsupportedMintError('EXTENSION', `has the ${name} extension: ${refused}`, name);
    if (!ALLOWED_EXTENSIONS.has(type)) {
      throw new UnsupportedMintError('EXTENSION', `has the ${name} extension, which this portal does not know to be safe for transfers`, name);
    }
    if (type === ExtensionType.DefaultAccountState && getDefaultAccountState(mint)?.state !== AccountState.Initialized) {
      throw new UnsupportedMintError('EXTENSION', `has the ${name} extension set to frozen: new token accounts start frozen and cannot receive the transfer`, name);
    }
    extensions.push(name);
  }
  return { decimals: mint.decimals, programId: owner, extensions };
}

/** The `ExtensionType` name of an extension id (spl-token's enum, then the ids it skips, then `#<id>`). */
export function extensionName(type: number): string {
  const named = ExtensionType[type] as string | undefined;
  return named ?? UNNAMED_EXTENSION_TYPES.get(type) ?? `#${type}`;
}

function programLabel(id: PublicKey): string {
  if (id.equals(TOKEN_PROGRAM_ID)) return 'SPL Token program';
  if (id.equals(TOKEN_2022_PROGRAM_ID)) return 'Token-2022 program';
  return id.toBase58();
}

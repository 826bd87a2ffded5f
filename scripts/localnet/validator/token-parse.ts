/**
 * SPL Token and Token-2022 state in the shapes the real RPC's `jsonParsed` encoding and token
 * methods use (Agave's account-decoder): `{program, parsed: {type, info}, space}`, token amounts as
 * `{amount, decimals, uiAmount, uiAmountString}`, Token-2022 `extensions` as `{extension, state?}`.
 */
import { PublicKey, type AccountInfo } from '@solana/web3.js';
import {
  AccountState,
  ExtensionType,
  getCpiGuard,
  getDefaultAccountState,
  getExtensionData,
  getExtensionTypes,
  getGroupMemberPointerState,
  getGroupPointerState,
  getInterestBearingMintConfigState,
  getMemoTransfer,
  getMetadataPointerState,
  getMintCloseAuthority,
  getPausableConfig,
  getPermanentDelegate,
  getScaledUiAmountConfig,
  getTokenGroupMemberState,
  getTokenGroupState,
  getTransferFeeAmount,
  getTransferFeeConfig,
  getTransferHook,
  getTransferHookAccount,
  unpackAccount,
  unpackMint,
  type Account as TokenAccount,
  type Mint,
  type TransferFee,
} from '@solana/spl-token';
import { unpack as unpackTokenMetadata } from '@solana/spl-token-metadata';
import type { AccountReader, StoredAccount } from '@/scripts/localnet/validator/types';

export const TOKEN_PROGRAM_ID = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM_ID = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
export const TOKEN_PROGRAM_IDS: readonly string[] = [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID];

/** Base layout sizes, in bytes. A Token-2022 account with extensions is longer (an ATA with ImmutableOwner is 170). */
export const TOKEN_ACCOUNT_SIZE = 165;
export const MINT_SIZE = 82;
const ACCOUNT_TYPE_MINT = 1;
const ACCOUNT_TYPE_ACCOUNT = 2;
/** Offsets inside a token account: mint at 0, owner at 32, delegate option at 72. */
export const TOKEN_ACCOUNT_MINT_OFFSET = 0;
export const TOKEN_ACCOUNT_OWNER_OFFSET = 32;

export type UiTokenAmount = { amount: string; decimals: number; uiAmount: number | null; uiAmountString: string };
export type UiExtension = { extension: string; state?: Record<string, unknown> };
export type ParsedAccountJson = { program: 'spl-token' | 'spl-token-2022'; parsed: { type: 'account' | 'mint'; info: Record<string, unknown> }; space: number };

/** 'spl-token' | 'spl-token-2022' for the two token programs, null otherwise. */
export function tokenProgramName(owner: string): ParsedAccountJson['program'] | null {
  if (owner === TOKEN_PROGRAM_ID) return 'spl-token';
  if (owner === TOKEN_2022_PROGRAM_ID) return 'spl-token-2022';
  return null;
}

/** Whether token-program data is an account or a mint (by length, then the Token-2022 account-type byte). */
export function tokenStateKind(account: StoredAccount): 'account' | 'mint' | null {
  if (tokenProgramName(account.owner) === null) return null;
  const { data } = account;
  if (data.length === TOKEN_ACCOUNT_SIZE) return 'account';
  if (data.length === MINT_SIZE) return 'mint';
  if (account.owner !== TOKEN_2022_PROGRAM_ID || data.length <= TOKEN_ACCOUNT_SIZE) return null;
  if (data[TOKEN_ACCOUNT_SIZE] === ACCOUNT_TYPE_ACCOUNT) return 'account';
  if (data[TOKEN_ACCOUNT_SIZE] === ACCOUNT_TYPE_MINT) return 'mint';
  return null;
}

function toAccountInfo(account: StoredAccount): AccountInfo<Buffer> {
  return {
    data: Buffer.from(account.data.buffer, account.data.byteOffset, account.data.byteLength),
    executable: account.executable,
    lamports: Number(account.lamports),
    owner: new PublicKey(account.owner),
  };
}

/** Decodes an initialized token account; null when the data is not one. */
export function readTokenAccount(address: string, account: StoredAccount): TokenAccount | null {
  if (tokenStateKind(account) !== 'account') return null;
  try {
    const parsed = unpackAccount(new PublicKey(address), toAccountInfo(account), new PublicKey(account.owner));
    return parsed.isInitialized ? parsed : null;
  } catch {
    return null;
  }
}

/** Decodes an initialized mint; null when the data is not one. */
export function readMint(address: string, account: StoredAccount): Mint | null {
  if (tokenStateKind(account) !== 'mint') return null;
  try {
    const parsed = unpackMint(new PublicKey(address), toAccountInfo(account), new PublicKey(account.owner));
    return parsed.isInitialized ? parsed : null;
  } catch {
    return null;
  }
}

/** The mint's decimals, read through `readAccount`; null when the mint is missing or not a mint. */
export function mintDecimals(mint: string, readAccount: AccountReader): number | null {
  const account = readAccount(mint);
  return account === null ? null : (readMint(mint, account)?.decimals ?? null);
}

/** `{amount, decimals, uiAmount, uiAmountString}` with Agave's float and trimmed-string rules. */
export function uiTokenAmount(amount: bigint, decimals: number): UiTokenAmount {
  return { amount: amount.toString(), decimals, uiAmount: Number(amount) / 10 ** decimals, uiAmountString: realNumberStringTrimmed(amount, decimals) };
}

function realNumberStringTrimmed(amount: bigint, decimals: number): string {
  if (decimals === 0) return amount.toString();
  const padded = amount.toString().padStart(decimals + 1, '0');
  const text = `${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

/** Token account `info` of jsonParsed; null when `account` is not a token account or its mint is unreadable. */
export function tokenAccountInfo(address: string, account: StoredAccount, readAccount: AccountReader): Record<string, unknown> | null {
  const token = readTokenAccount(address, account);
  if (token === null) return null;
  const decimals = mintDecimals(token.mint.toBase58(), readAccount);
  // Agave needs the mint's decimals to render amounts; without them it falls back to binary.
  if (decimals === null) return null;
  const info: Record<string, unknown> = {
    isNative: token.isNative,
    mint: token.mint.toBase58(),
    owner: token.owner.toBase58(),
    state: token.isFrozen ? 'frozen' : 'initialized',
    tokenAmount: uiTokenAmount(token.amount, decimals),
  };
  if (token.delegate !== null) {
    info.delegate = token.delegate.toBase58();
    info.delegatedAmount = uiTokenAmount(token.delegatedAmount, decimals);
  }
  if (token.rentExemptReserve !== null) info.rentExemptReserve = uiTokenAmount(token.rentExemptReserve, decimals);
  if (token.closeAuthority !== null) info.closeAuthority = token.closeAuthority.toBase58();
  const extensions = accountExtensions(token);
  if (extensions.length > 0) info.extensions = extensions;
  return info;
}

/** Mint `info` of jsonParsed; null when `account` is not a mint. */
export function mintInfo(address: string, account: StoredAccount): Record<string, unknown> | null {
  const mint = readMint(address, account);
  if (mint === null) return null;
  const info: Record<string, unknown> = {
    decimals: mint.decimals,
    freezeAuthority: mint.freezeAuthority?.toBase58() ?? null,
    isInitialized: mint.isInitialized,
    mintAuthority: mint.mintAuthority?.toBase58() ?? null,
    supply: mint.supply.toString(),
  };
  const extensions = mintExtensions(mint);
  if (extensions.length > 0) info.extensions = extensions;
  return info;
}

/** The jsonParsed value for a token-program account; null means "fall back to base64", as the real RPC does. */
export function parseTokenProgramAccount(address: string, account: StoredAccount, readAccount: AccountReader): ParsedAccountJson | null {
  const program = tokenProgramName(account.owner);
  const kind = tokenStateKind(account);
  if (program === null || kind === null) return null;
  const info = kind === 'account' ? tokenAccountInfo(address, account, readAccount) : mintInfo(address, account);
  return info === null ? null : { program, parsed: { type: kind, info }, space: account.data.length };
}

const ZERO_KEY = PublicKey.default.toBase58();

/** OptionalNonZeroPubkey: the all-zero key reads as "none". */
function optionalKey(key: PublicKey | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  const text = key.toBase58();
  return text === ZERO_KEY ? null : text;
}

function accountStateName(state: AccountState): string {
  if (state === AccountState.Initialized) return 'initialized';
  if (state === AccountState.Frozen) return 'frozen';
  return 'uninitialized';
}

function transferFee(fee: TransferFee): Record<string, unknown> {
  return { epoch: fee.epoch, maximumFee: fee.maximumFee, transferFeeBasisPoints: fee.transferFeeBasisPoints };
}

function accountExtensions(token: TokenAccount): UiExtension[] {
  return extensionTypes(token.tlvData).map((type): UiExtension => {
    switch (type) {
      case ExtensionType.ImmutableOwner:
        return { extension: 'immutableOwner' };
      case ExtensionType.NonTransferableAccount:
        return { extension: 'nonTransferableAccount' };
      case ExtensionType.PausableAccount:
        return { extension: 'pausableAccount' };
      case ExtensionType.TransferFeeAmount: {
        const state = getTransferFeeAmount(token);
        return state === null ? unparseable() : { extension: 'transferFeeAmount', state: { withheldAmount: state.withheldAmount } };
      }
      case ExtensionType.MemoTransfer: {
        const state = getMemoTransfer(token);
        return state === null ? unparseable() : { extension: 'memoTransfer', state: { requireIncomingTransferMemos: state.requireIncomingTransferMemos } };
      }
      case ExtensionType.CpiGuard: {
        const state = getCpiGuard(token);
        return state === null ? unparseable() : { extension: 'cpiGuard', state: { lockCpi: state.lockCpi } };
      }
      case ExtensionType.TransferHookAccount: {
        const state = getTransferHookAccount(token);
        return state === null ? unparseable() : { extension: 'transferHookAccount', state: { transferring: state.transferring } };
      }
      default:
        return unparseable();
    }
  });
}

function mintExtensions(mint: Mint): UiExtension[] {
  return extensionTypes(mint.tlvData).map((type): UiExtension => {
    switch (type) {
      case ExtensionType.NonTransferable:
        return { extension: 'nonTransferable' };
      case ExtensionType.MintCloseAuthority: {
        const state = getMintCloseAuthority(mint);
        return state === null ? unparseable() : { extension: 'mintCloseAuthority', state: { closeAuthority: optionalKey(state.closeAuthority) } };
      }
      case ExtensionType.PermanentDelegate: {
        const state = getPermanentDelegate(mint);
        return state === null ? unparseable() : { extension: 'permanentDelegate', state: { delegate: optionalKey(state.delegate) } };
      }
      case ExtensionType.DefaultAccountState: {
        const state = getDefaultAccountState(mint);
        return state === null ? unparseable() : { extension: 'defaultAccountState', state: { accountState: accountStateName(state.state) } };
      }
      case ExtensionType.TransferFeeConfig: {
        const state = getTransferFeeConfig(mint);
        return state === null
          ? unparseable()
          : {
              extension: 'transferFeeConfig',
              state: {
                transferFeeConfigAuthority: optionalKey(state.transferFeeConfigAuthority),
                withdrawWithheldAuthority: optionalKey(state.withdrawWithheldAuthority),
                withheldAmount: state.withheldAmount,
                olderTransferFee: transferFee(state.olderTransferFee),
                newerTransferFee: transferFee(state.newerTransferFee),
              },
            };
      }
      case ExtensionType.InterestBearingConfig: {
        const state = getInterestBearingMintConfigState(mint);
        return state === null
          ? unparseable()
          : {
              extension: 'interestBearingConfig',
              state: {
                rateAuthority: optionalKey(state.rateAuthority),
                initializationTimestamp: state.initializationTimestamp,
                preUpdateAverageRate: state.preUpdateAverageRate,
                lastUpdateTimestamp: state.lastUpdateTimestamp,
                currentRate: state.currentRate,
              },
            };
      }
      case ExtensionType.TransferHook: {
        const state = getTransferHook(mint);
        return state === null ? unparseable() : { extension: 'transferHook', state: { authority: optionalKey(state.authority), programId: optionalKey(state.programId) } };
      }
      case ExtensionType.MetadataPointer: {
        const state = getMetadataPointerState(mint);
        return state === null ? unparseable() : { extension: 'metadataPointer', state: { authority: optionalKey(state.authority), metadataAddress: optionalKey(state.metadataAddress) } };
      }
      case ExtensionType.TokenMetadata:
        return tokenMetadataExtension(mint);
      case ExtensionType.GroupPointer: {
        const state = getGroupPointerState(mint);
        return state === null ? unparseable() : { extension: 'groupPointer', state: { authority: optionalKey(state.authority), groupAddress: optionalKey(state.groupAddress) } };
      }
      case ExtensionType.GroupMemberPointer: {
        const state = getGroupMemberPointerState(mint);
        return state === null ? unparseable() : { extension: 'groupMemberPointer', state: { authority: optionalKey(state.authority), memberAddress: optionalKey(state.memberAddress) } };
      }
      case ExtensionType.TokenGroup: {
        const state = getTokenGroupState(mint);
        return state === null
          ? unparseable()
          : { extension: 'tokenGroup', state: { updateAuthority: optionalKey(state.updateAuthority), mint: optionalKey(state.mint), size: state.size, maxSize: state.maxSize } };
      }
      case ExtensionType.TokenGroupMember: {
        const state = getTokenGroupMemberState(mint);
        return state === null
          ? unparseable()
          : { extension: 'tokenGroupMember', state: { mint: optionalKey(state.mint), group: optionalKey(state.group), memberNumber: state.memberNumber } };
      }
      case ExtensionType.ScaledUiAmountConfig: {
        const state = getScaledUiAmountConfig(mint);
        return state === null
          ? unparseable()
          : {
              extension: 'scaledUiAmountConfig',
              state: {
                authority: optionalKey(state.authority),
                multiplier: String(state.multiplier),
                newMultiplierEffectiveTimestamp: state.newMultiplierEffectiveTimestamp,
                newMultiplier: String(state.newMultiplier),
              },
            };
      }
      case ExtensionType.PausableConfig: {
        const state = getPausableConfig(mint);
        return state === null ? unparseable() : { extension: 'pausableConfig', state: { authority: optionalKey(state.authority), paused: state.paused } };
      }
      default:
        return unparseable();
    }
  });
}

function tokenMetadataExtension(mint: Mint): UiExtension {
  const data = getExtensionData(ExtensionType.TokenMetadata, mint.tlvData);
  if (data === null) return unparseable();
  try {
    const metadata = unpackTokenMetadata(data);
    return {
      extension: 'tokenMetadata',
      state: {
        updateAuthority: optionalKey(metadata.updateAuthority),
        mint: metadata.mint.toBase58(),
        name: metadata.name,
        symbol: metadata.symbol,
        uri: metadata.uri,
        additionalMetadata: metadata.additionalMetadata.map(([key, value]) => [key, value]),
      },
    };
  } catch {
    return unparseable();
  }
}

function unparseable(): UiExtension {
  return { extension: 'unparseableExtension' };
}

function extensionTypes(tlvData: Buffer): ExtensionType[] {
  try {
    // The TLV area ends with zero padding; "Uninitialized" entries are not extensions.
    return getExtensionTypes(tlvData).filter((type) => type !== ExtensionType.Uninitialized);
  } catch {
    return [];
  }
}

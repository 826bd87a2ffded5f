import {
  ACCOUNT_SIZE,
  ACCOUNT_TYPE_SIZE,
  AccountState,
  AccountType,
  ExtensionType,
  LENGTH_SIZE,
  MINT_SIZE,
  MintLayout,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  TYPE_SIZE,
  getMintLen,
  getTypeLen,
} from '@solana/spl-token';
import { Keypair, PublicKey, SystemProgram } from '@solana/web3.js';
import { describe, expect, it } from 'vitest';
import { UnsupportedMintError, assertSupportedMint, extensionName } from '@/lib/solana/mint';

type Extension = { type: number; data?: Uint8Array };

/** Mint bytes as the token programs lay them out: 82-byte base; for extensions, padding to 165, the account type, then TLV entries. */
function mintData(o: { decimals?: number; initialized?: boolean; extensions?: Extension[] } = {}): Buffer {
  const base = Buffer.alloc(MINT_SIZE);
  MintLayout.encode(
    {
      mintAuthorityOption: 1,
      mintAuthority: Keypair.generate().publicKey,
      supply: 1_000_000_000_000n,
      decimals: o.decimals ?? 9,
      isInitialized: o.initialized ?? true,
      freezeAuthorityOption: 0,
      freezeAuthority: PublicKey.default,
    },
    base,
  );
  const extensions = o.extensions ?? [];
  if (extensions.length === 0) return base;
  const entries = extensions.map(({ type, data }) => {
    const value = Buffer.from(data ?? new Uint8Array(knownLength(type)));
    const header = Buffer.alloc(TYPE_SIZE + LENGTH_SIZE);
    header.writeUInt16LE(type, 0);
    header.writeUInt16LE(value.length, TYPE_SIZE);
    return Buffer.concat([header, value]);
  });
  const padding = Buffer.alloc(ACCOUNT_SIZE - MINT_SIZE);
  return Buffer.concat([base, padding, Buffer.from([AccountType.Mint]), ...entries]);
}

function knownLength(type: number): number {
  try {
    return getTypeLen(type);
  } catch {
    return 8; // variable-length or unknown to spl-token: any payload
  }
}

const address = Keypair.generate().publicKey;
const check = (data: Uint8Array, owner: PublicKey = TOKEN_2022_PROGRAM_ID, expected: { decimals: number; programId?: PublicKey } = { decimals: 9 }) =>
  assertSupportedMint({ address, owner, data }, expected);

function refusal(run: () => unknown): UnsupportedMintError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UnsupportedMintError);
    return error as UnsupportedMintError;
  }
  throw new Error('expected the mint to be refused');
}

describe('assertSupportedMint: accepted mints', () => {
  it('a classic SPL Token mint', () => {
    expect(check(mintData(), TOKEN_PROGRAM_ID, { decimals: 9, programId: TOKEN_PROGRAM_ID })).toEqual({ decimals: 9, programId: TOKEN_PROGRAM_ID, extensions: [] });
  });

  it('a Token-2022 mint without extensions', () => {
    expect(check(mintData({ decimals: 6 }), TOKEN_2022_PROGRAM_ID, { decimals: 6 })).toEqual({ decimals: 6, programId: TOKEN_2022_PROGRAM_ID, extensions: [] });
  });

  it('an AI16Z-like Token-2022 mint with MetadataPointer + TokenMetadata', () => {
    const data = mintData({ extensions: [{ type: ExtensionType.MetadataPointer }, { type: ExtensionType.TokenMetadata, data: new Uint8Array(120) }] });
    // Same length spl-token computes for these extensions.
    expect(data.length).toBe(getMintLen([ExtensionType.MetadataPointer], { [ExtensionType.TokenMetadata]: 120 }));
    expect(check(data, TOKEN_2022_PROGRAM_ID, { decimals: 9, programId: TOKEN_2022_PROGRAM_ID }).extensions).toEqual(['MetadataPointer', 'TokenMetadata']);
  });

  it.each([
    ['MintCloseAuthority', ExtensionType.MintCloseAuthority],
    ['GroupPointer', ExtensionType.GroupPointer],
    ['GroupMemberPointer', ExtensionType.GroupMemberPointer],
    ['InterestBearingConfig', ExtensionType.InterestBearingConfig],
    ['ScaledUiAmountConfig', ExtensionType.ScaledUiAmountConfig],
  ])('%s (leaves transfers alone)', (name, type) => {
    expect(check(mintData({ extensions: [{ type }] })).extensions).toEqual([name]);
  });

  it('DefaultAccountState = Initialized', () => {
    const data = mintData({ extensions: [{ type: ExtensionType.DefaultAccountState, data: Uint8Array.from([AccountState.Initialized]) }] });
    expect(check(data).extensions).toEqual(['DefaultAccountState']);
  });

  it('ignores TLV padding (type 0)', () => {
    const data = mintData({ extensions: [{ type: ExtensionType.MetadataPointer }, { type: ExtensionType.Uninitialized, data: new Uint8Array(0) }] });
    expect(check(data).extensions).toEqual(['MetadataPointer']);
  });
});

describe('assertSupportedMint: extensions that change what a transfer moves or runs', () => {
  it.each([
    ['TransferFeeConfig', ExtensionType.TransferFeeConfig],
    ['TransferHook', ExtensionType.TransferHook],
    ['ConfidentialTransferMint', ExtensionType.ConfidentialTransferMint],
    ['ConfidentialTransferFeeConfig', 16],
    ['ConfidentialMintBurn', 24],
    ['PermanentDelegate', ExtensionType.PermanentDelegate],
    ['NonTransferable', ExtensionType.NonTransferable],
    ['PausableConfig', ExtensionType.PausableConfig],
    ['#99', 99],
  ])('refuses %s', (name, type) => {
    const error = refusal(() => check(mintData({ extensions: [{ type: ExtensionType.MetadataPointer }, { type }] })));
    expect(error.reason).toBe('EXTENSION');
    expect(error.extension).toBe(name);
    expect(error.message).toContain(name);
  });

  it('refuses DefaultAccountState = Frozen', () => {
    const error = refusal(() => check(mintData({ extensions: [{ type: ExtensionType.DefaultAccountState, data: Uint8Array.from([AccountState.Frozen]) }] })));
    expect(error.reason).toBe('EXTENSION');
    expect(error.extension).toBe('DefaultAccountState');
    expect(error.message).toContain('frozen');
  });
});

describe('assertSupportedMint: not a usable mint', () => {
  it('refuses an account owned by another program', () => {
    expect(refusal(() => check(mintData(), SystemProgram.programId)).reason).toBe('WRONG_PROGRAM');
  });

  it('refuses a mint of the other token program than configured', () => {
    expect(refusal(() => check(mintData(), TOKEN_2022_PROGRAM_ID, { decimals: 9, programId: TOKEN_PROGRAM_ID })).reason).toBe('WRONG_PROGRAM');
  });

  it('refuses other decimals than configured', () => {
    const error = refusal(() => check(mintData({ decimals: 6 }), TOKEN_2022_PROGRAM_ID, { decimals: 9 }));
    expect(error.reason).toBe('DECIMALS_MISMATCH');
    expect(error.message).toContain('6 decimals');
  });

  it('refuses an uninitialised mint', () => {
    expect(refusal(() => check(mintData({ initialized: false }))).reason).toBe('NOT_A_MINT');
  });

  it.each([
    ['too short', new Uint8Array(10), TOKEN_2022_PROGRAM_ID],
    ['a classic token account (165 bytes)', new Uint8Array(ACCOUNT_SIZE), TOKEN_PROGRAM_ID],
    ['a classic mint with trailing bytes', Buffer.concat([mintData(), Buffer.alloc(100)]), TOKEN_PROGRAM_ID],
    ['a Token-2022 account, not a mint', Buffer.concat([mintData(), Buffer.alloc(ACCOUNT_SIZE - MINT_SIZE), Buffer.from([AccountType.Account])]), TOKEN_2022_PROGRAM_ID],
    ['a truncated TLV entry', Buffer.concat([mintData(), Buffer.alloc(ACCOUNT_SIZE - MINT_SIZE + ACCOUNT_TYPE_SIZE - 1), Buffer.from([AccountType.Mint, 18])]), TOKEN_2022_PROGRAM_ID],
  ] as const)('refuses %s', (_name, data, owner) => {
    expect(refusal(() => check(data, owner)).reason).toBe('NOT_A_MINT');
  });
});

describe('extensionName', () => {
  it('names extensions by spl-token’s ExtensionType, then the ids it skips, then by number', () => {
    expect(extensionName(ExtensionType.TransferHook)).toBe('TransferHook');
    expect(extensionName(16)).toBe('ConfidentialTransferFeeConfig');
    expect(extensionName(17)).toBe('ConfidentialTransferFeeAmount');
    expect(extensionName(24)).toBe('ConfidentialMintBurn');
    expect(extensionName(26)).toBe('PausableConfig');
    expect(extensionName(200)).toBe('#200');
  });
});

/**
 * jsonParsed instructions: the programs this local cluster's transactions use (System, SPL Memo,
 * Associated Token Account, SPL Token and Token-2022 common instructions) in the shape of Agave's
 * transaction-status parsers, `{program, programId, parsed: {type, info}, stackHeight}`. Anything
 * else is returned partially decoded, `{programId, accounts, data, stackHeight}`, as the real RPC
 * does for programs it cannot parse.
 */
import bs58 from 'bs58';
import { TOKEN_PROGRAM_IDS, uiTokenAmount } from '@/scripts/localnet/validator/token-parse';
import { MEMO_PROGRAM_IDS, SYSTEM_PROGRAM_ID, decodeUtf8 } from '@/scripts/localnet/validator/wire';

const ASSOCIATED_TOKEN_PROGRAM_ID = 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL';

export type ParsedInstructionJson =
  | { program: string; programId: string; parsed: unknown; stackHeight: number | null }
  | { programId: string; accounts: string[]; data: string; stackHeight: number | null };

type Parsed = { program: string; parsed: unknown };

/** Parses one instruction whose accounts are already resolved to addresses. */
export function parseInstruction(programId: string, accounts: string[], data: Uint8Array, stackHeight: number | null): ParsedInstructionJson {
  let parsed: Parsed | null = null;
  try {
    parsed = parseKnown(programId, accounts, data);
  } catch {
    parsed = null;
  }
  if (parsed === null) return { programId, accounts, data: bs58.encode(data), stackHeight };
  return { program: parsed.program, programId, parsed: parsed.parsed, stackHeight };
}

function parseKnown(programId: string, accounts: string[], data: Uint8Array): Parsed | null {
  if (MEMO_PROGRAM_IDS.has(programId)) {
    const text = decodeUtf8(data);
    return text === null ? null : { program: 'spl-memo', parsed: text };
  }
  if (programId === SYSTEM_PROGRAM_ID) return wrap('system', parseSystem(accounts, new Bytes(data)));
  if (programId === ASSOCIATED_TOKEN_PROGRAM_ID) return wrap('spl-associated-token-account', parseAssociatedToken(accounts, data));
  if (TOKEN_PROGRAM_IDS.includes(programId)) return wrap('spl-token', parseToken(accounts, new Bytes(data)));
  return null;
}

function wrap(program: string, parsed: { type: string; info: Record<string, unknown> } | null): Parsed | null {
  return parsed === null ? null : { program, parsed };
}

/** Little-endian reader that throws past the end (caught by `parseInstruction`). */
class Bytes {
  private offset = 0;
  constructor(private readonly data: Uint8Array) {}

  private view(length: number): DataView {
    if (this.offset + length > this.data.length) throw new Error('instruction data too short');
    const view = new DataView(this.data.buffer, this.data.byteOffset + this.offset, length);
    this.offset += length;
    return view;
  }

  u8(): number {
    return this.view(1).getUint8(0);
  }

  u32(): number {
    return this.view(4).getUint32(0, true);
  }

  u64(): bigint {
    return this.view(8).getBigUint64(0, true);
  }

  key(): string {
    const view = this.view(32);
    return bs58.encode(new Uint8Array(view.buffer, view.byteOffset, 32));
  }

  optionKey(): string | null {
    const present = this.u8();
    const key = this.key();
    return present === 1 ? key : null;
  }

  rustString(): string {
    const length = Number(this.u64());
    const view = this.view(length);
    return new TextDecoder().decode(new Uint8Array(view.buffer, view.byteOffset, length));
  }
}

function account(accounts: string[], index: number): string {
  const key = accounts[index];
  if (key === undefined) throw new Error('not enough accounts');
  return key;
}

function parseSystem(accounts: string[], data: Bytes): { type: string; info: Record<string, unknown> } | null {
  const at = (index: number): string => account(accounts, index);
  switch (data.u32()) {
    case 0:
      return { type: 'createAccount', info: { source: at(0), newAccount: at(1), lamports: data.u64(), space: data.u64(), owner: data.key() } };
    case 1:
      return { type: 'assign', info: { account: at(0), owner: data.key() } };
    case 2:
      return { type: 'transfer', info: { source: at(0), destination: at(1), lamports: data.u64() } };
    case 3: {
      const base = data.key();
      const seed = data.rustString();
      return { type: 'createAccountWithSeed', info: { source: at(0), newAccount: at(1), base, seed, lamports: data.u64(), space: data.u64(), owner: data.key() } };
    }
    case 4:
      return { type: 'advanceNonce', info: { nonceAccount: at(0), recentBlockhashesSysvar: at(1), nonceAuthority: at(2) } };
    case 8:
      return { type: 'allocate', info: { account: at(0), space: data.u64() } };
    default:
      return null;
  }
}

function parseAssociatedToken(accounts: string[], data: Uint8Array): { type: string; info: Record<string, unknown> } | null {
  const at = (index: number): string => account(accounts, index);
  const kind = data.length === 0 ? 0 : data[0];
  if (kind !== 0 && kind !== 1) return null;
  return {
    type: kind === 0 ? 'create' : 'createIdempotent',
    info: { source: at(0), account: at(1), wallet: at(2), mint: at(3), systemProgram: at(4), tokenProgram: at(5) },
  };
}

function parseToken(accounts: string[], data: Bytes): { type: string; info: Record<string, unknown> } | null {
  const at = (index: number): string => account(accounts, index);
  switch (data.u8()) {
    case 0: {
      const decimals = data.u8();
      const mintAuthority = data.key();
      const freezeAuthority = data.optionKey();
      return { type: 'initializeMint', info: withOptional({ mint: at(0), decimals, mintAuthority, rentSysvar: at(1) }, 'freezeAuthority', freezeAuthority) };
    }
    case 1:
      return { type: 'initializeAccount', info: { account: at(0), mint: at(1), owner: at(2), rentSysvar: at(3) } };
    case 3:
      return { type: 'transfer', info: { source: at(0), destination: at(1), ...authority(accounts, 2, 'authority'), amount: data.u64().toString() } };
    case 4:
      return { type: 'approve', info: { source: at(0), delegate: at(1), ...authority(accounts, 2, 'owner'), amount: data.u64().toString() } };
    case 7:
      return { type: 'mintTo', info: { mint: at(0), account: at(1), ...authority(accounts, 2, 'mintAuthority'), amount: data.u64().toString() } };
    case 8:
      return { type: 'burn', info: { account: at(0), mint: at(1), ...authority(accounts, 2, 'authority'), amount: data.u64().toString() } };
    case 9:
      return { type: 'closeAccount', info: { account: at(0), destination: at(1), ...authority(accounts, 2, 'owner') } };
    case 12: {
      const amount = data.u64();
      return { type: 'transferChecked', info: { source: at(0), mint: at(1), destination: at(2), ...authority(accounts, 3, 'authority'), tokenAmount: uiTokenAmount(amount, data.u8()) } };
    }
    case 14: {
      const amount = data.u64();
      return { type: 'mintToChecked', info: { mint: at(0), account: at(1), ...authority(accounts, 2, 'mintAuthority'), tokenAmount: uiTokenAmount(amount, data.u8()) } };
    }
    case 15: {
      const amount = data.u64();
      return { type: 'burnChecked', info: { account: at(0), mint: at(1), ...authority(accounts, 2, 'authority'), tokenAmount: uiTokenAmount(amount, data.u8()) } };
    }
    case 16:
      return { type: 'initializeAccount2', info: { account: at(0), mint: at(1), owner: data.key(), rentSysvar: at(2) } };
    case 18:
      return { type: 'initializeAccount3', info: { account: at(0), mint: at(1), owner: data.key() } };
    case 20: {
      const decimals = data.u8();
      const mintAuthority = data.key();
      return { type: 'initializeMint2', info: withOptional({ mint: at(0), decimals, mintAuthority }, 'freezeAuthority', data.optionKey()) };
    }
    case 22:
      return { type: 'initializeImmutableOwner', info: { account: at(0) } };
    default:
      return null;
  }
}

/** A single authority, or `multisig<Name>` plus `signers` when multisig signers follow it. */
function authority(accounts: string[], index: number, name: string): Record<string, unknown> {
  const key = account(accounts, index);
  const signers = accounts.slice(index + 1);
  if (signers.length === 0) return { [name]: key };
  return { [`multisig${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`]: key, signers };
}

function withOptional(info: Record<string, unknown>, name: string, value: string | null): Record<string, unknown> {
  return value === null ? info : { ...info, [name]: value };
}

/**
 * "Is this transaction official?" (issue 7, part 6): a verdict and a human-readable decode of any
 * Solana transaction, in the browser, with the shared policies and the portal's public parameters.
 *
 * What "official" means without server state. A migration transaction is specific to one migration
 * (its amount, its memo id), which a pasted transaction does not come with. So it is official when
 * it has exactly the official shape: `verifyMigrationTransaction` passes against an expectation
 * made of the public parameters (mints, decimals, token programs, vault, treasury, delegate, the
 * 1 : ratio conversion, the caps) plus what only the transaction can say — the holder is its fee
 * payer, the migration id is the UUID in its `elizaos-migration:v1:` memo, the AI16Z amount is its
 * AI16Z transfer's. The ELIZAOS amount must then be exactly ratio × that (the policy checks it).
 * A Revoke is official when the revoke policy passes with the fee payer as holder and the holder's
 * AI16Z and ELIZAOS associated token accounts as the accounts it may clear. Everything else is
 * NOT official, with the violations of the shape it is closest to.
 *
 * Runs in the browser and in Node: no `node:` imports.
 */
import {
  AuthorityType,
  TokenInstruction,
  decodeInstruction,
  decodeTransferCheckedInstruction,
  getAssociatedTokenAddressSync,
} from '@solana/spl-token';
import { ComputeBudgetInstruction, PublicKey, SystemInstruction, TransactionInstruction, VersionedTransaction } from '@solana/web3.js';
import { AmountError, convertAi16zToElizaos } from '@/lib/solana/amounts';
import type { MigrationExpected, MintRef } from '@/lib/solana/builder';
import {
  ASSOCIATED_TOKEN_PROGRAM_ID,
  COMPUTE_BUDGET_PROGRAM_ID,
  LIGHTHOUSE_PROGRAM_ID,
  MEMO_PREFIX,
  MEMO_PROGRAM_ID,
  MEMO_V1_PROGRAM_ID,
  PROGRAM_NAMES,
  SYSTEM_PROGRAM_ID,
  isTokenProgram,
} from '@/lib/solana/constants';
import { lighthouseKind, verifyMigrationTransaction, type DecodedMigration } from '@/lib/solana/policy';
import { verifyRevokeTransaction, type DecodedRevokeTransaction } from '@/lib/solana/revoke-policy';

/** The official parameters, as the page receives them (base58 strings; decimals; ratio as a decimal string). */
export type OfficialParams = {
  ai16z: { mint: string; decimals: number; programId: string };
  elizaos: { mint: string; decimals: number; programId: string };
  vaultTokenAccount: string;
  treasuryTokenAccount: string;
  treasuryDelegate: string;
  ratio: string;
};

export type CheckViolation = { code: string; message: string; instructionIndex?: number };

export type CheckVerdict =
  | { kind: 'migration'; migration: DecodedMigration }
  | { kind: 'revoke'; revoke: DecodedRevokeTransaction }
  | { kind: 'not-official'; closestShape: 'migration' | 'revoke'; violations: CheckViolation[] };

/** One decoded field of an instruction. Amounts are bigint base units (lamports for SOL). */
export type Field =
  | { label: string; kind: 'address'; address: string }
  | { label: string; kind: 'tokenAmount'; amount: bigint; decimals: number | null; symbol: string | null }
  | { label: string; kind: 'lamports'; amount: bigint }
  | { label: string; kind: 'text'; text: string };

export type DescribedInstruction = { index: number; programId: string; programName: string; name: string; fields: Field[] };

export type DescribedTransaction = {
  version: 'legacy' | number;
  feePayer: string;
  /** Required signers, in order, and whether each signature slot is filled. */
  signers: { address: string; signed: boolean }[];
  recentBlockhash: string;
  /** Accounts loaded from lookup tables (a v0 transaction): the decode cannot name them. */
  lookupTableAccounts: number;
  instructions: DescribedInstruction[];
};

/** The input was neither a transaction nor a signature; `message` says what is wrong. */
export class CheckInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckInputError';
  }
}

/** What the holder pasted: a transaction signature, or transaction wire bytes. */
export type CheckInput = { kind: 'signature'; signature: string } | { kind: 'transaction'; bytes: Uint8Array };

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const UUID_IN_MEMO = new RegExp(`^${MEMO_PREFIX}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`, 'i');
/** A UUID no migration has: stands in for a missing or malformed memo id, so the policy names the memo. */
const NO_MIGRATION_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Reads pasted text: a base58 signature (64 bytes) or a base64 wire transaction (legacy or v0).
 * White space inside is ignored (copies wrap lines).
 * @throws CheckInputError with a sentence saying what the text is not.
 */
export function parseCheckInput(text: string, decodeBase58: (s: string) => Uint8Array): CheckInput {
  const compact = text.replace(/\s+/g, '');
  if (compact === '') throw new CheckInputError('Paste a transaction (base64) or a transaction signature.');
  if (compact.length <= 90 && BASE58.test(compact)) {
    let bytes: Uint8Array | null = null;
    try {
      bytes = decodeBase58(compact);
    } catch {
      bytes = null;
    }
    if (bytes?.length === 64) return { kind: 'signature', signature: compact };
  }
  if (!BASE64.test(compact) || compact.length % 4 !== 0) {
    throw new CheckInputError('This is neither a base64 transaction nor a transaction signature (a signature is 87–88 base58 characters).');
  }
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(compact), (c) => c.charCodeAt(0));
  } catch {
    throw new CheckInputError('This is not valid base64.');
  }
  try {
    VersionedTransaction.deserialize(bytes);
  } catch {
    throw new CheckInputError('These bytes are not a Solana transaction: it could not be decoded.');
  }
  return { kind: 'transaction', bytes };
}

/**
 * The verdict on `bytes` (see the module comment for what "official" means).
 * @param bytes wire-format transaction, signed or not.
 * @param params the official public parameters.
 * @param opts known-drainer addresses refused anywhere.
 * Never throws: undecodable bytes are NOT official with `MALFORMED_TRANSACTION`.
 */
export function checkOfficial(bytes: Uint8Array, params: OfficialParams, opts: { knownDrainers?: readonly string[] } = {}): CheckVerdict {
  let tx: VersionedTransaction;
  try {
    tx = VersionedTransaction.deserialize(bytes);
  } catch {
    return { kind: 'not-official', closestShape: 'migration', violations: [{ code: 'MALFORMED_TRANSACTION', message: 'The bytes are not a Solana transaction.' }] };
  }
  const keys = tx.message.staticAccountKeys;
  const holder = keys[0];
  if (!holder) return { kind: 'not-official', closestShape: 'migration', violations: [{ code: 'MALFORMED_TRANSACTION', message: 'The transaction has no fee payer.' }] };
  const programOf = (i: number) => keys[tx.message.compiledInstructions[i]?.programIdIndex ?? -1];
  const tokenTags = tx.message.compiledInstructions.filter((_, i) => {
    const p = programOf(i);
    return p !== undefined && isTokenProgram(p);
  });
  const looksLikeRevoke = tokenTags.length > 0 && tokenTags.every((ix) => ix.data[0] === TokenInstruction.Revoke);

  if (looksLikeRevoke) {
    let accounts: { address: PublicKey; programId: PublicKey }[] = [];
    try {
      accounts = [params.ai16z, params.elizaos].map((m) => ({
        address: getAssociatedTokenAddressSync(new PublicKey(m.mint), holder, false, new PublicKey(m.programId)),
        programId: new PublicKey(m.programId),
      }));
    } catch {
      accounts = []; // an off-curve fee payer has no associated token accounts: every Revoke is WRONG_ACCOUNT
    }
    const verdict = verifyRevokeTransaction(bytes, { holder, accounts }, { knownDrainers: opts.knownDrainers, requireAll: false });
    return verdict.ok ? { kind: 'revoke', revoke: verdict.revoke } : { kind: 'not-official', closestShape: 'revoke', violations: verdict.violations };
  }

  const ai16z = mintRef(params.ai16z);
  const elizaos = mintRef(params.elizaos);
  let migrationId = NO_MIGRATION_ID;
  let amountIn = 1n;
  tx.message.compiledInstructions.forEach((compiled, i) => {
    const programId = programOf(i);
    if (!programId) return;
    if (programId.equals(MEMO_PROGRAM_ID)) {
      const match = UUID_IN_MEMO.exec(new TextDecoder().decode(compiled.data));
      if (match?.[1] && migrationId === NO_MIGRATION_ID) migrationId = match[1].toLowerCase();
    }
    if (programId.equals(ai16z.programId) && compiled.data[0] === TokenInstruction.TransferChecked && amountIn === 1n) {
      try {
        const ix = new TransactionInstruction({ programId, keys: compiled.accountKeyIndexes.map((k) => ({ pubkey: keys[k] ?? PublicKey.default, isSigner: false, isWritable: false })), data: Buffer.from(compiled.data) });
        const decoded = decodeTransferCheckedInstruction(ix, programId);
        if (decoded.keys.mint.pubkey.equals(ai16z.mint) && decoded.data.amount > 0n) amountIn = decoded.data.amount;
      } catch {
        // Left at the placeholder: the policy reports the malformed leg.
      }
    }
  });
  let amountOut: bigint;
  try {
    amountOut = convertAi16zToElizaos(amountIn, ai16z.decimals, elizaos.decimals, BigInt(params.ratio));
  } catch (error) {
    const why = error instanceof AmountError ? error.message : 'it cannot be converted';
    return { kind: 'not-official', closestShape: 'migration', violations: [{ code: 'WRONG_AMOUNT', message: `The AI16Z amount is not one the migration can convert exactly (${why}).` }] };
  }
  const expected: MigrationExpected = {
    migrationId,
    holder,
    ai16z,
    elizaos,
    vaultTokenAccount: new PublicKey(params.vaultTokenAccount),
    treasuryTokenAccount: new PublicKey(params.treasuryTokenAccount),
    treasuryDelegate: new PublicKey(params.treasuryDelegate),
    amountIn,
    amountOut,
  };
  const verdict = verifyMigrationTransaction(bytes, expected, { knownDrainers: opts.knownDrainers });
  return verdict.ok ? { kind: 'migration', migration: verdict.migration } : { kind: 'not-official', closestShape: 'migration', violations: verdict.violations };
}

function mintRef(m: OfficialParams['ai16z']): MintRef {
  return { mint: new PublicKey(m.mint), decimals: m.decimals, programId: new PublicKey(m.programId) };
}

/**
 * Every instruction of `bytes` in plain fields, decoded with the libraries' own decoders (spl-token
 * `decodeInstruction`, web3.js System/ComputeBudget decoders); what they cannot decode is shown as
 * "not decoded" with its program, never guessed.
 * @param mints symbols and decimals of the official mints, to show their amounts in UI units.
 * @throws CheckInputError when the bytes are not a transaction.
 */
export function describeTransaction(bytes: Uint8Array, mints: { symbol: string; mint: string; decimals: number }[]): DescribedTransaction {
  let tx: VersionedTransaction;
  try {
    tx = VersionedTransaction.deserialize(bytes);
  } catch {
    throw new CheckInputError('These bytes are not a Solana transaction: it could not be decoded.');
  }
  const message = tx.message;
  const keys = message.staticAccountKeys;
  const lookupTableAccounts = message.addressTableLookups.reduce((n, l) => n + l.readonlyIndexes.length + l.writableIndexes.length, 0);
  const signers = keys.slice(0, message.header.numRequiredSignatures).map((k, i) => ({ address: k.toBase58(), signed: (tx.signatures[i] ?? new Uint8Array()).some((b) => b !== 0) }));
  const instructions = message.compiledInstructions.map((compiled, index): DescribedInstruction => {
    const programId = keys[compiled.programIdIndex];
    if (!programId) return { index, programId: '?', programName: 'a program loaded from a lookup table', name: 'Not decoded', fields: [] };
    const metas = compiled.accountKeyIndexes.map((k) => ({ pubkey: keys[k] ?? null, isSigner: message.isAccountSigner(k), isWritable: message.isAccountWritable(k) }));
    const base = { index, programId: programId.toBase58(), programName: PROGRAM_NAMES.get(programId.toBase58()) ?? 'Unknown program' };
    if (metas.some((m) => m.pubkey === null)) {
      return { ...base, name: 'Not decoded', fields: [{ label: 'Why', kind: 'text', text: 'It uses accounts from an address lookup table, which this page cannot see.' }] };
    }
    const ix = new TransactionInstruction({ programId, keys: metas.map((m) => ({ pubkey: m.pubkey ?? PublicKey.default, isSigner: m.isSigner, isWritable: m.isWritable })), data: Buffer.from(compiled.data) });
    try {
      return { ...base, ...describeInstruction(ix, mints) };
    } catch {
      return { ...base, name: 'Not decoded', fields: [{ label: 'Data', kind: 'text', text: `${compiled.data.length} bytes, ${metas.length} accounts` }] };
    }
  });
  return { version: message.version, feePayer: keys[0]?.toBase58() ?? '?', signers, recentBlockhash: message.recentBlockhash, lookupTableAccounts, instructions };
}

const addr = (label: string, key: PublicKey | undefined): Field => ({ label, kind: 'address', address: key?.toBase58() ?? '?' });

function describeInstruction(ix: TransactionInstruction, mints: { symbol: string; mint: string; decimals: number }[]): { name: string; fields: Field[] } {
  const p = ix.programId;
  if (p.equals(COMPUTE_BUDGET_PROGRAM_ID)) {
    const type = ComputeBudgetInstruction.decodeInstructionType(ix);
    if (type === 'SetComputeUnitLimit') return { name: 'Set compute unit limit', fields: [{ label: 'Units', kind: 'text', text: String(ComputeBudgetInstruction.decodeSetComputeUnitLimit(ix).units) }] };
    if (type === 'SetComputeUnitPrice') {
      return { name: 'Set priority fee price', fields: [{ label: 'Micro-lamports per unit', kind: 'text', text: String(ComputeBudgetInstruction.decodeSetComputeUnitPrice(ix).microLamports) }] };
    }
    return { name: type, fields: [] };
  }
  if (p.equals(SYSTEM_PROGRAM_ID)) {
    const type = SystemInstruction.decodeInstructionType(ix);
    if (type === 'Transfer') {
      const t = SystemInstruction.decodeTransfer(ix);
      return { name: 'SOL transfer', fields: [addr('From', t.fromPubkey), addr('To', t.toPubkey), { label: 'Amount', kind: 'lamports', amount: t.lamports }] };
    }
    if (type === 'Assign') {
      const a = SystemInstruction.decodeAssign(ix);
      return { name: 'Assign account to a program', fields: [addr('Account', a.accountPubkey), addr('New owner program', a.programId)] };
    }
    return { name: `System: ${type}`, fields: ix.keys.map((k, i) => addr(`Account ${i + 1}`, k.pubkey)) };
  }
  if (isTokenProgram(p)) return describeToken(ix, mints);
  if (p.equals(ASSOCIATED_TOKEN_PROGRAM_ID)) {
    const tag = ix.data[0];
    const name = tag === undefined || tag === 0 ? 'Create token account' : tag === 1 ? 'Create token account if missing (idempotent)' : tag === 2 ? 'Recover nested account' : `ATA #${tag}`;
    const [payer, account, owner, mint] = ix.keys.map((k) => k.pubkey);
    return { name, fields: [addr('Account', account), addr('Owner', owner), addr('Mint', mint), addr('Rent paid by', payer)] };
  }
  if (p.equals(MEMO_PROGRAM_ID) || p.equals(MEMO_V1_PROGRAM_ID)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(ix.data);
    } catch {
      text = '(not valid text)';
    }
    return { name: 'Memo', fields: [{ label: 'Text', kind: 'text', text }] };
  }
  if (p.equals(LIGHTHOUSE_PROGRAM_ID)) return { name: `Wallet guard: ${lighthouseKind(ix.data[0])}`, fields: [] };
  return { name: 'Not decoded', fields: [{ label: 'Data', kind: 'text', text: `${ix.data.length} bytes, ${ix.keys.length} accounts` }, ...ix.keys.map((k, i) => addr(`Account ${i + 1}`, k.pubkey))] };
}

function describeToken(ix: TransactionInstruction, mints: { symbol: string; mint: string; decimals: number }[]): { name: string; fields: Field[] } {
  const symbolOf = (mint: PublicKey) => mints.find((m) => m.mint === mint.toBase58())?.symbol ?? null;
  const tag = ix.data[0];
  if (tag === TokenInstruction.TransferChecked) {
    const t = decodeTransferCheckedInstruction(ix, ix.programId);
    return {
      name: 'Token transfer (checked)',
      fields: [
        { label: 'Amount', kind: 'tokenAmount', amount: t.data.amount, decimals: t.data.decimals, symbol: symbolOf(t.keys.mint.pubkey) },
        addr('Mint', t.keys.mint.pubkey),
        addr('From account', t.keys.source.pubkey),
        addr('To account', t.keys.destination.pubkey),
        addr('Authorised by', t.keys.owner.pubkey),
      ],
    };
  }
  const d = decodeInstruction(ix, ix.programId);
  const k = d.keys as Record<string, { pubkey: PublicKey } | undefined>;
  const data = d.data as unknown as Record<string, unknown>;
  const amount = (label: string): Field => ({
    label,
    kind: 'tokenAmount',
    amount: typeof data.amount === 'bigint' ? data.amount : 0n,
    decimals: typeof data.decimals === 'number' ? data.decimals : null,
    symbol: k.mint ? symbolOf(k.mint.pubkey) : null,
  });
  switch (d.data.instruction) {
    case TokenInstruction.Transfer:
      return { name: 'Token transfer (unchecked: mint and decimals not stated)', fields: [amount('Amount'), addr('From account', k.source?.pubkey), addr('To account', k.destination?.pubkey), addr('Authorised by', k.owner?.pubkey)] };
    case TokenInstruction.Approve:
    case TokenInstruction.ApproveChecked:
      return { name: 'Approve a delegate (lets another key spend your tokens)', fields: [amount('Up to'), addr('Account', k.account?.pubkey), addr('Delegate', k.delegate?.pubkey), addr('Authorised by', k.owner?.pubkey)] };
    case TokenInstruction.Revoke:
      return { name: 'Revoke the delegate', fields: [addr('Account', k.account?.pubkey), addr('Authorised by', k.owner?.pubkey)] };
    case TokenInstruction.SetAuthority: {
      const newAuthority = data.newAuthority instanceof PublicKey ? data.newAuthority : null;
      return {
        name: 'Change an authority',
        fields: [
          addr('Account or mint', k.account?.pubkey),
          { label: 'Authority', kind: 'text', text: AuthorityType[data.authorityType as AuthorityType] ?? String(data.authorityType) },
          newAuthority ? addr('New authority', newAuthority) : { label: 'New authority', kind: 'text', text: 'none' },
          addr('Authorised by', k.currentAuthority?.pubkey),
        ],
      };
    }
    case TokenInstruction.CloseAccount:
      return { name: 'Close a token account', fields: [addr('Account', k.account?.pubkey), addr('Rent goes to', k.destination?.pubkey), addr('Authorised by', k.authority?.pubkey)] };
    case TokenInstruction.Burn:
    case TokenInstruction.BurnChecked:
      return { name: 'Burn (destroy) tokens', fields: [amount('Amount'), addr('Account', k.account?.pubkey), addr('Authorised by', k.owner?.pubkey)] };
    default:
      return { name: `Token: ${TokenInstruction[d.data.instruction] ?? `#${tag}`}`, fields: Object.entries(k).map(([label, meta]) => addr(label, meta?.pubkey)) };
  }
}

/**
 * "Is this transaction official?" (README "Is this transaction official? (`/check`)"): a verdict and a human-readable decode of any
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
import { lighthouseKind } from '@/lib/solana/envelope';
import { expectedMigrationOf, mintRefOf, type OfficialParams } from '@/lib/solana/official-params';
import { verifyMigrationTransaction, type DecodedMigration } from '@/lib/solana/policy';
import { verifyRevokeTransaction, type DecodedRevokeTransaction } from '@/lib/solana/revoke-policy';
import { BASE64, UUID_SOURCE } from '@/lib/text/patterns';

/** The official parameters a transaction is checked against: the one shape of lib/solana/official-params.ts. */
export type { OfficialParams } from '@/lib/solana/official-params';

export type CheckViolation = { code: string; message: string; instructionIndex?: number };

export type CheckVerdict =
  | { kind: 'migration'; migration: DecodedMigration }
  | { kind: 'revoke'; revoke: DecodedRevokeTransaction }
  | { kind: 'not-official'; closestShape: 'migration' | 'revoke'; violations: CheckViolation[] };

/**
 * What an instruction is, as a stable key: the page words it from `check.instructions.{name}` in
 * messages/{locale}.json (this module holds no user text). Names with a `detail` show it verbatim
 * (a decoder's own name or tag, such as `RequestHeapFrame` or `#7`).
 */
export const INSTRUCTION_NAMES = [
  'setComputeUnitLimit',
  'setComputeUnitPrice',
  'computeBudgetOther',
  'solTransfer',
  'systemAssign',
  'systemOther',
  'ataCreate',
  'ataCreateIdempotent',
  'ataRecoverNested',
  'ataOther',
  'memo',
  'walletGuard',
  'walletGuardNoData',
  'tokenTransferChecked',
  'tokenTransfer',
  'tokenApprove',
  'tokenRevoke',
  'tokenSetAuthority',
  'tokenCloseAccount',
  'tokenBurn',
  'tokenOther',
  'notDecoded',
] as const;
export type InstructionName = (typeof INSTRUCTION_NAMES)[number];

/** What a decoded field is, as a stable key: worded from `check.fields.{label}` (`accountN` with the field's `n`). */
export const FIELD_LABELS = [
  'units',
  'microLamportsPerUnit',
  'from',
  'to',
  'amount',
  'account',
  'accountN',
  'newOwnerProgram',
  'owner',
  'mint',
  'rentPaidBy',
  'text',
  'fromAccount',
  'toAccount',
  'authorisedBy',
  'upTo',
  'delegate',
  'accountOrMint',
  'authority',
  'newAuthority',
  'rentGoesTo',
  'why',
  'data',
] as const;
export type FieldLabel = (typeof FIELD_LABELS)[number];

/** Fixed sentences a field may hold instead of data, worded from `check.notes.{note}`. */
export const FIELD_NOTES = ['lookupTableAccounts', 'invalidText', 'none'] as const;
export type FieldNote = (typeof FIELD_NOTES)[number];

/**
 * The field's label; `n` numbers it (`accountN`, 1-based) and `role` is the decoder's own name for
 * an account it could not label otherwise (e.g. `currentAuthority`), shown verbatim.
 */
type FieldHead = { label: FieldLabel; n?: number; role?: string };

/** One decoded field of an instruction. Amounts are bigint base units (lamports for SOL). */
export type Field = FieldHead &
  (
    | { kind: 'address'; address: string }
    | { kind: 'tokenAmount'; amount: bigint; decimals: number | null; symbol: string | null }
    | { kind: 'lamports'; amount: bigint }
    /** Data shown verbatim (a memo's text, a number, an authority type's name). */
    | { kind: 'text'; text: string }
    /** Data not decoded: its size. */
    | { kind: 'size'; bytes: number; accounts: number }
    | { kind: 'note'; note: FieldNote }
  );

/**
 * One instruction. `programId` is null for a program loaded from a lookup table (not in the bytes);
 * `programName` is null for a program the portal does not know.
 */
export type DescribedInstruction = { index: number; programId: string | null; programName: string | null; name: InstructionName; detail?: string; fields: Field[] };

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

/** Why pasted text is not checkable; the page words it from `check.input.{code}`. */
export const CHECK_INPUT_ERRORS = ['EMPTY', 'UNRECOGNISED', 'NOT_BASE64', 'NOT_A_TRANSACTION', 'EXPLORER_NOT_TRANSACTION'] as const;
export type CheckInputErrorCode = (typeof CHECK_INPUT_ERRORS)[number];

/** The input was neither a transaction nor a signature; `code` says why, `message` in English (logs, tests). */
export class CheckInputError extends Error {
  constructor(
    readonly code: CheckInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CheckInputError';
  }
}

/** Explorers whose transaction pages (`/tx/<signature>`) a holder may paste, by host. */
export const EXPLORER_HOSTS: Readonly<Record<string, 'solana-explorer' | 'solscan' | 'solanafm'>> = {
  'explorer.solana.com': 'solana-explorer',
  'solscan.io': 'solscan',
  'www.solscan.io': 'solscan',
  'solana.fm': 'solanafm',
  'www.solana.fm': 'solanafm',
};
export type ExplorerName = (typeof EXPLORER_HOSTS)[string];

/**
 * What the holder pasted: a transaction signature (typed, or from an explorer's transaction page),
 * transaction wire bytes (base64 or base58), or the address of a web site (is it the portal?).
 */
export type CheckInput =
  | { kind: 'signature'; signature: string; explorer?: ExplorerName; cluster?: string }
  | { kind: 'transaction'; bytes: Uint8Array; encoding: 'base64' | 'base58' }
  | { kind: 'site'; url: string; origin: string };

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]+$/;
/** Text that reads as a web address: a scheme, or a host name with a dot (base58 and base64 have none). */
const LOOKS_LIKE_URL = /^(?:[a-z][a-z0-9+.-]*:\/\/|(?:[\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]{2,}(?:[:/?#]|$))/iu;
const UUID_IN_MEMO = new RegExp(`^${MEMO_PREFIX}(${UUID_SOURCE})$`, 'i');
/** A UUID no migration has: stands in for a missing or malformed memo id, so the policy names the memo. */
const NO_MIGRATION_ID = '00000000-0000-0000-0000-000000000000';

function isSignature(text: string, decodeBase58: (s: string) => Uint8Array): boolean {
  if (text.length > 90 || !BASE58.test(text)) return false;
  try {
    return decodeBase58(text).length === 64;
  } catch {
    return false;
  }
}

function transactionFrom(bytes: Uint8Array): boolean {
  try {
    VersionedTransaction.deserialize(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A pasted web address: an explorer's transaction page gives its signature (`cluster` from its
 * query, if any); any other address is a site to compare with the official origin.
 * @throws CheckInputError EXPLORER_NOT_TRANSACTION for an explorer page that is not a transaction's.
 */
function parseUrl(text: string, decodeBase58: (s: string) => Uint8Array): CheckInput {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new CheckInputError('UNRECOGNISED', 'This is not a web address, a transaction or a transaction signature.');
  }
  const explorer = EXPLORER_HOSTS[url.hostname.toLowerCase()];
  if (explorer && (url.protocol === 'https:' || url.protocol === 'http:')) {
    const match = /^\/tx\/([1-9A-HJ-NP-Za-km-z]+)\/?$/.exec(url.pathname);
    const signature = match?.[1];
    if (!signature || !isSignature(signature, decodeBase58)) {
      throw new CheckInputError('EXPLORER_NOT_TRANSACTION', 'This explorer page is not a transaction: open the transaction on the explorer and copy that address.');
    }
    const cluster = url.searchParams.get('cluster') ?? undefined;
    return { kind: 'signature', signature, explorer, ...(cluster ? { cluster } : {}) };
  }
  return { kind: 'site', url: url.toString(), origin: url.origin };
}

/**
 * Reads pasted text: a base58 signature (64 bytes); the address of a Solana Explorer, Solscan or
 * SolanaFM transaction page; a wire transaction (legacy or v0) in base64 or base58; or the address
 * of a site. White space inside a signature or a transaction is ignored (copies wrap lines).
 * A recovery phrase or a private key is the caller's to catch first (lib/support/secret-guard.ts).
 * @throws CheckInputError with a sentence saying what the text is not.
 */
export function parseCheckInput(text: string, decodeBase58: (s: string) => Uint8Array): CheckInput {
  const trimmed = text.trim();
  const compact = text.replace(/\s+/g, '');
  if (compact === '') throw new CheckInputError('EMPTY', 'Paste a transaction, a transaction signature, an explorer link or a site address.');
  if (!/\s/.test(trimmed) && LOOKS_LIKE_URL.test(trimmed)) return parseUrl(trimmed, decodeBase58);
  if (isSignature(compact, decodeBase58)) return { kind: 'signature', signature: compact };
  if (BASE58.test(compact) && compact.length > 90) {
    let bytes: Uint8Array | null = null;
    try {
      bytes = decodeBase58(compact);
    } catch {
      bytes = null;
    }
    // A base58 string of digits and letters is also valid base64 of other bytes: the base58
    // reading wins only when it is a transaction.
    if (bytes && transactionFrom(bytes)) return { kind: 'transaction', bytes, encoding: 'base58' };
  }
  if (!BASE64.test(compact) || compact.length % 4 !== 0) {
    throw new CheckInputError('UNRECOGNISED', 'This is not a transaction (base64 or base58), a transaction signature, an explorer link or a web address.');
  }
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(compact), (c) => c.charCodeAt(0));
  } catch {
    throw new CheckInputError('NOT_BASE64', 'This is not valid base64.');
  }
  if (!transactionFrom(bytes)) throw new CheckInputError('NOT_A_TRANSACTION', 'These bytes are not a Solana transaction: it could not be decoded.');
  return { kind: 'transaction', bytes, encoding: 'base64' };
}

/**
 * Whether a site's address is the portal's: its origin (scheme, host as the browser resolves it,
 * port) must equal the official origin named in the signed deployment manifest (parameters.origin),
 * exactly. A look-alike (`elizaos-migrati0n.app`, `migrate.elizaos.app.evil.io`, an IDN homoglyph:
 * `new URL` writes it as punycode) is not.
 * @param origin the pasted site's origin (`CheckInput` site `origin`).
 * @param officialOrigin the manifest's `parameters.origin`.
 */
export function isOfficialOrigin(origin: string, officialOrigin: string): boolean {
  try {
    return new URL(origin).origin === new URL(officialOrigin).origin;
  } catch {
    return false;
  }
}

/** Known-drainer findings first: the one reason a phishing victim must read before any other. */
export function drainersFirst<V extends { code: string }>(violations: readonly V[]): V[] {
  return [...violations].sort((a, b) => Number(b.code === 'KNOWN_DRAINER') - Number(a.code === 'KNOWN_DRAINER'));
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
    return verdict.ok ? { kind: 'revoke', revoke: verdict.revoke } : { kind: 'not-official', closestShape: 'revoke', violations: drainersFirst(verdict.violations) };
  }

  const ai16z = mintRefOf(params.ai16z);
  const elizaos = mintRefOf(params.elizaos);
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
  const expected = expectedMigrationOf(params, { migrationId, holder, amountIn, amountOut });
  const verdict = verifyMigrationTransaction(bytes, expected, { knownDrainers: opts.knownDrainers });
  return verdict.ok ? { kind: 'migration', migration: verdict.migration } : { kind: 'not-official', closestShape: 'migration', violations: drainersFirst(verdict.violations) };
}


/**
 * Every instruction of `bytes` in plain fields, decoded with the libraries' own decoders (spl-token
 * `decodeInstruction`, web3.js System/ComputeBudget decoders); what they cannot decode is shown as
 * `notDecoded` with its program, never guessed. Names and labels are keys (see
 * {@link INSTRUCTION_NAMES}, {@link FIELD_LABELS}): the page words them in its locale.
 * @param mints symbols and decimals of the official mints, to show their amounts in UI units.
 * @throws CheckInputError when the bytes are not a transaction.
 */
export function describeTransaction(bytes: Uint8Array, mints: { symbol: string; mint: string; decimals: number }[]): DescribedTransaction {
  let tx: VersionedTransaction;
  try {
    tx = VersionedTransaction.deserialize(bytes);
  } catch {
    throw new CheckInputError('NOT_A_TRANSACTION', 'These bytes are not a Solana transaction: it could not be decoded.');
  }
  const message = tx.message;
  const keys = message.staticAccountKeys;
  const lookupTableAccounts = message.addressTableLookups.reduce((n, l) => n + l.readonlyIndexes.length + l.writableIndexes.length, 0);
  const signers = keys.slice(0, message.header.numRequiredSignatures).map((k, i) => ({ address: k.toBase58(), signed: (tx.signatures[i] ?? new Uint8Array()).some((b) => b !== 0) }));
  const instructions = message.compiledInstructions.map((compiled, index): DescribedInstruction => {
    const programId = keys[compiled.programIdIndex];
    if (!programId) return { index, programId: null, programName: null, name: 'notDecoded', fields: [] };
    const metas = compiled.accountKeyIndexes.map((k) => ({ pubkey: keys[k] ?? null, isSigner: message.isAccountSigner(k), isWritable: message.isAccountWritable(k) }));
    const base = { index, programId: programId.toBase58(), programName: PROGRAM_NAMES.get(programId.toBase58()) ?? null };
    if (metas.some((m) => m.pubkey === null)) {
      return { ...base, name: 'notDecoded', fields: [{ label: 'why', kind: 'note', note: 'lookupTableAccounts' }] };
    }
    const ix = new TransactionInstruction({ programId, keys: metas.map((m) => ({ pubkey: m.pubkey ?? PublicKey.default, isSigner: m.isSigner, isWritable: m.isWritable })), data: Buffer.from(compiled.data) });
    try {
      return { ...base, ...describeInstruction(ix, mints) };
    } catch {
      return { ...base, name: 'notDecoded', fields: [{ label: 'data', kind: 'size', bytes: compiled.data.length, accounts: metas.length }] };
    }
  });
  return { version: message.version, feePayer: keys[0]?.toBase58() ?? '?', signers, recentBlockhash: message.recentBlockhash, lookupTableAccounts, instructions };
}

type Described = { name: InstructionName; detail?: string; fields: Field[] };

const addr = (label: FieldLabel, key: PublicKey | undefined): Field => ({ label, kind: 'address', address: key?.toBase58() ?? '?' });
/** The i-th account (0-based) of an instruction the decode cannot label, numbered from 1. */
const nthAccount = (i: number, key: PublicKey | undefined, role?: string): Field => ({ ...addr('accountN', key), n: i + 1, ...(role === undefined ? {} : { role }) });

function describeInstruction(ix: TransactionInstruction, mints: { symbol: string; mint: string; decimals: number }[]): Described {
  const p = ix.programId;
  if (p.equals(COMPUTE_BUDGET_PROGRAM_ID)) {
    const type = ComputeBudgetInstruction.decodeInstructionType(ix);
    if (type === 'SetComputeUnitLimit') return { name: 'setComputeUnitLimit', fields: [{ label: 'units', kind: 'text', text: String(ComputeBudgetInstruction.decodeSetComputeUnitLimit(ix).units) }] };
    if (type === 'SetComputeUnitPrice') {
      return { name: 'setComputeUnitPrice', fields: [{ label: 'microLamportsPerUnit', kind: 'text', text: String(ComputeBudgetInstruction.decodeSetComputeUnitPrice(ix).microLamports) }] };
    }
    return { name: 'computeBudgetOther', detail: type, fields: [] };
  }
  if (p.equals(SYSTEM_PROGRAM_ID)) {
    const type = SystemInstruction.decodeInstructionType(ix);
    if (type === 'Transfer') {
      const t = SystemInstruction.decodeTransfer(ix);
      return { name: 'solTransfer', fields: [addr('from', t.fromPubkey), addr('to', t.toPubkey), { label: 'amount', kind: 'lamports', amount: t.lamports }] };
    }
    if (type === 'Assign') {
      const a = SystemInstruction.decodeAssign(ix);
      return { name: 'systemAssign', fields: [addr('account', a.accountPubkey), addr('newOwnerProgram', a.programId)] };
    }
    return { name: 'systemOther', detail: type, fields: ix.keys.map((k, i) => nthAccount(i, k.pubkey)) };
  }
  if (isTokenProgram(p)) return describeToken(ix, mints);
  if (p.equals(ASSOCIATED_TOKEN_PROGRAM_ID)) {
    const tag = ix.data[0];
    const [payer, account, owner, mint] = ix.keys.map((k) => k.pubkey);
    const fields = [addr('account', account), addr('owner', owner), addr('mint', mint), addr('rentPaidBy', payer)];
    if (tag === undefined || tag === 0) return { name: 'ataCreate', fields };
    if (tag === 1) return { name: 'ataCreateIdempotent', fields };
    if (tag === 2) return { name: 'ataRecoverNested', fields };
    return { name: 'ataOther', detail: `#${tag}`, fields };
  }
  if (p.equals(MEMO_PROGRAM_ID) || p.equals(MEMO_V1_PROGRAM_ID)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(ix.data);
    } catch {
      return { name: 'memo', fields: [{ label: 'text', kind: 'note', note: 'invalidText' }] };
    }
    return { name: 'memo', fields: [{ label: 'text', kind: 'text', text }] };
  }
  if (p.equals(LIGHTHOUSE_PROGRAM_ID)) return ix.data[0] === undefined ? { name: 'walletGuardNoData', fields: [] } : { name: 'walletGuard', detail: lighthouseKind(ix.data[0]), fields: [] };
  return { name: 'notDecoded', fields: [{ label: 'data', kind: 'size', bytes: ix.data.length, accounts: ix.keys.length }, ...ix.keys.map((k, i) => nthAccount(i, k.pubkey))] };
}

function describeToken(ix: TransactionInstruction, mints: { symbol: string; mint: string; decimals: number }[]): Described {
  const symbolOf = (mint: PublicKey) => mints.find((m) => m.mint === mint.toBase58())?.symbol ?? null;
  const tag = ix.data[0];
  if (tag === TokenInstruction.TransferChecked) {
    const t = decodeTransferCheckedInstruction(ix, ix.programId);
    return {
      name: 'tokenTransferChecked',
      fields: [
        { label: 'amount', kind: 'tokenAmount', amount: t.data.amount, decimals: t.data.decimals, symbol: symbolOf(t.keys.mint.pubkey) },
        addr('mint', t.keys.mint.pubkey),
        addr('fromAccount', t.keys.source.pubkey),
        addr('toAccount', t.keys.destination.pubkey),
        addr('authorisedBy', t.keys.owner.pubkey),
      ],
    };
  }
  const d = decodeInstruction(ix, ix.programId);
  const k = d.keys as Record<string, { pubkey: PublicKey } | undefined>;
  const data = d.data as unknown as Record<string, unknown>;
  const amount = (label: FieldLabel): Field => ({
    label,
    kind: 'tokenAmount',
    amount: typeof data.amount === 'bigint' ? data.amount : 0n,
    decimals: typeof data.decimals === 'number' ? data.decimals : null,
    symbol: k.mint ? symbolOf(k.mint.pubkey) : null,
  });
  switch (d.data.instruction) {
    case TokenInstruction.Transfer:
      return { name: 'tokenTransfer', fields: [amount('amount'), addr('fromAccount', k.source?.pubkey), addr('toAccount', k.destination?.pubkey), addr('authorisedBy', k.owner?.pubkey)] };
    case TokenInstruction.Approve:
    case TokenInstruction.ApproveChecked:
      return { name: 'tokenApprove', fields: [amount('upTo'), addr('account', k.account?.pubkey), addr('delegate', k.delegate?.pubkey), addr('authorisedBy', k.owner?.pubkey)] };
    case TokenInstruction.Revoke:
      return { name: 'tokenRevoke', fields: [addr('account', k.account?.pubkey), addr('authorisedBy', k.owner?.pubkey)] };
    case TokenInstruction.SetAuthority: {
      const newAuthority = data.newAuthority instanceof PublicKey ? data.newAuthority : null;
      return {
        name: 'tokenSetAuthority',
        fields: [
          addr('accountOrMint', k.account?.pubkey),
          { label: 'authority', kind: 'text', text: AuthorityType[data.authorityType as AuthorityType] ?? String(data.authorityType) },
          newAuthority ? addr('newAuthority', newAuthority) : { label: 'newAuthority', kind: 'note', note: 'none' },
          addr('authorisedBy', k.currentAuthority?.pubkey),
        ],
      };
    }
    case TokenInstruction.CloseAccount:
      return { name: 'tokenCloseAccount', fields: [addr('account', k.account?.pubkey), addr('rentGoesTo', k.destination?.pubkey), addr('authorisedBy', k.authority?.pubkey)] };
    case TokenInstruction.Burn:
    case TokenInstruction.BurnChecked:
      return { name: 'tokenBurn', fields: [amount('amount'), addr('account', k.account?.pubkey), addr('authorisedBy', k.owner?.pubkey)] };
    default:
      return { name: 'tokenOther', detail: TokenInstruction[d.data.instruction] ?? `#${tag}`, fields: Object.entries(k).map(([role, meta], i) => nthAccount(i, meta?.pubkey, role)) };
  }
}

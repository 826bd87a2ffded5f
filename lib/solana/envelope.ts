/**
 * The envelope check shared by every transaction policy (DESIGN.md "The transaction policy"):
 * everything about a transaction that is not its own instructions — that it decodes as one
 * canonical legacy message, its recent blockhash, fee payer and exact signer set, the writable
 * flags of the accounts a policy names, known-drainer addresses, the compute budget (limit, price,
 * the priority fee cap in lamports), what wallets add (Lighthouse guards, bounded), the System
 * Program (never called by any portal transaction), the program allowlist, and the facts every
 * preview shows (programs, signers, message hash). Each policy (`policy.ts` for the migration,
 * `revoke-policy.ts` for the Revoke, and the payout policy to come) describes its envelope in an
 * {@link EnvelopeSpec} and checks only its own instructions.
 *
 * Built for a different fee payer and signer set: the migration's fee payer is the holder and its
 * signers the holder and the treasury delegate; a payout's fee payer and only signer is a server
 * key, with no wallet taking part (`wallet: null`, no wallet additions).
 *
 * Runs in the browser and in Node: no `node:` imports, no secrets.
 */
import { sha256 } from '@noble/hashes/sha2';
import { TokenInstruction, decodeInstruction } from '@solana/spl-token';
import {
  ComputeBudgetInstruction,
  Message,
  PACKET_DATA_SIZE,
  PublicKey,
  SystemInstruction,
  Transaction,
  TransactionInstruction,
  VersionedTransaction,
  type VersionedMessage,
} from '@solana/web3.js';
import bs58 from 'bs58';
import { formatBaseUnits } from '@/lib/solana/amounts';
import {
  COMPUTE_BUDGET_PROGRAM_ID,
  LIGHTHOUSE_PROGRAM_ID,
  MAX_COMPUTE_UNIT_LIMIT,
  MAX_PRIORITY_FEE_LAMPORTS,
  MAX_WALLET_ADDED_INSTRUCTIONS,
  PROGRAM_NAMES,
  SYSTEM_PROGRAM_ID,
  priorityFeeLamports,
} from '@/lib/solana/constants';

/**
 * The reasons shared by the policies: the envelope's, and the instruction refusals both policies
 * word alike ({@link tokenViolation}, a malformed instruction, extra accounts, the wrong token
 * program). Stable: tests, API answers and support rely on them.
 */
export const SHARED_VIOLATION_CODES = [
  /** Not a decodable Solana transaction (garbage, truncated, trailing bytes, bad indexes). */
  'MALFORMED_TRANSACTION',
  /** A versioned (v0) message: every portal transaction is a legacy transaction. */
  'VERSIONED_TRANSACTION',
  /** Address lookup tables hide accounts from the holder's wallet and Ledger. */
  'ADDRESS_LOOKUP_TABLE',
  'MISSING_RECENT_BLOCKHASH',
  'WRONG_FEE_PAYER',
  'EXTRA_SIGNER',
  'MISSING_SIGNER',
  /** An account is writable where the builder makes it read-only, or the reverse. */
  'WRITABLE_FLAGS_CHANGED',
  'KNOWN_DRAINER',
  'UNKNOWN_PROGRAM',
  'SYSTEM_TRANSFER',
  'SYSTEM_ASSIGN',
  'SYSTEM_ADVANCE_NONCE',
  'SYSTEM_INSTRUCTION',
  'TOKEN_APPROVE',
  'TOKEN_SET_AUTHORITY',
  'TOKEN_CLOSE_ACCOUNT',
  'TOKEN_BURN',
  'TOKEN_TRANSFER_UNCHECKED',
  'TOKEN_INSTRUCTION_NOT_ALLOWED',
  /** A core instruction's data is not in the form the builder writes. */
  'MALFORMED_INSTRUCTION',
  /** A core instruction has more or fewer accounts than the builder gives it. */
  'UNEXPECTED_ACCOUNTS',
  /** An instruction goes to the other token program than its mint's (or its account's). */
  'WRONG_TOKEN_PROGRAM',
  'MISSING_COMPUTE_UNIT_LIMIT',
  'COMPUTE_UNIT_LIMIT_ABOVE_CAP',
  /** The priority fee, limit × price in lamports, is above {@link MAX_PRIORITY_FEE_LAMPORTS}. */
  'PRIORITY_FEE_ABOVE_CAP',
  'DUPLICATE_COMPUTE_BUDGET',
  'COMPUTE_BUDGET_INSTRUCTION_NOT_ALLOWED',
  'TOO_MANY_WALLET_INSTRUCTIONS',
  'WALLET_INSTRUCTIONS_NOT_ALLOWED',
  'LIGHTHOUSE_INSTRUCTION_NOT_ALLOWED',
  'LIGHTHOUSE_ACCOUNT_NOT_ALLOWED',
] as const;
export type SharedViolationCode = (typeof SHARED_VIOLATION_CODES)[number];

/** One refusal: a stable code, one plain-English sentence, and the instruction (0-based) it is about. */
export type PolicyViolation<C extends string = SharedViolationCode> = { code: C; message: string; instructionIndex?: number };

/** Records a violation; each policy's `add` takes its own codes and the shared ones. */
export type Add<C extends string = SharedViolationCode> = (code: C, text: string, instructionIndex?: number) => void;

/** A key the envelope names in its sentences, e.g. `{ key: holder, name: 'your wallet' }`. */
export type Party = { key: PublicKey; name: string };

/** An instruction a wallet added (Lighthouse guard), for the preview. */
export type WalletAddedInstruction = { index: number; programId: string; kind: string };

/** What a transaction may be, around its own instructions. */
export type EnvelopeSpec<C extends string = never> = {
  /** The transaction as sentences name it: "the migration transaction", "the Revoke transaction". */
  subject: string;
  /** Who pays the network fee (account 0). */
  feePayer: Party;
  /** Every key that must sign, the fee payer included: exactly these, no other. */
  signers: readonly Party[];
  /**
   * The signer a wallet speaks for: the only key a wallet guard may ask to sign (a Lighthouse
   * memory write's rent payer). Every other signer is a co-signer no guard may reference. null
   * when no wallet takes part (a server-built payout).
   */
  wallet: PublicKey | null;
  /** Whether Lighthouse guards may be present: false for a transaction no wallet has seen yet. */
  allowWalletAdditions: boolean;
  /** Whether SetComputeUnitLimit is required (the migration: yes; a Revoke may leave the default). */
  requireComputeUnitLimit: boolean;
  /** Addresses (base58) refused anywhere in the account keys. */
  knownDrainers?: ReadonlySet<string> | readonly string[];
  /** Accounts whose writable flag the builder fixes; accounts not named here are free. */
  accountFlags?: { writable: readonly Party[]; readonly: readonly Party[] };
  /** Programs whose instructions the policy checks itself; any other program is refused here. */
  programs: readonly PublicKey[];
  /**
   * How a program outside `programs` (and not Compute Budget, Lighthouse or System) is refused;
   * null or omitted: `UNKNOWN_PROGRAM` naming it.
   */
  refuseProgram?: (programId: PublicKey) => { code: C | SharedViolationCode; message: string } | null;
};

/** The envelope's facts, decoded from the bytes. Addresses base58; fees in lamports. */
export type EnvelopeFacts = {
  feePayer: string;
  /** Required signers, in message order. */
  signers: string[];
  /** null when the transaction sets no limit (the runtime default applies). */
  computeUnitLimit: number | null;
  /** 0 when the transaction sets no price. */
  computeUnitPriceMicroLamports: bigint;
  /**
   * The priority fee the transaction charges its fee payer: ⌈limit × price / 10^6⌉ lamports (on
   * top of 5,000 per signature); 0 without a price. At most {@link MAX_PRIORITY_FEE_LAMPORTS}.
   */
  maxPriorityFeeLamports: bigint;
  walletAddedInstructions: WalletAddedInstruction[];
  /** Programs the transaction invokes, in first-use order. */
  programs: { programId: string; name: string }[];
  recentBlockhash: string;
  /** base58(sha256(message bytes)): what a Ledger shows when blind signing. */
  messageHash: string;
  instructionCount: number;
};

/** One instruction left for the policy: to a program in `spec.programs`, with its index. */
export type PolicyInstruction = { index: number; ix: TransactionInstruction };

export type Envelope<C extends string> =
  /** Not even a message to check: nothing more can be said than these. */
  | { opened: false; violations: PolicyViolation<C | SharedViolationCode>[] }
  /**
   * A legacy message: `violations` holds the envelope's findings so far, and the policy adds its
   * own through `add`; `instructions` are those the policy must check.
   */
  | { opened: true; message: Message; instructions: PolicyInstruction[]; facts: EnvelopeFacts; violations: PolicyViolation<C | SharedViolationCode>[]; add: Add<C | SharedViolationCode> };

/** What a transaction may be given as: wire bytes (legacy or versioned, signed or not) or web3.js objects. */
export type TransactionInput = Uint8Array | Transaction | VersionedTransaction;

/**
 * Opens `tx` and checks its envelope against `spec` (see the module comment). Throws only where a
 * decoder does on input it never should; run it inside {@link neverThrows}.
 * @see https://solana.com/docs/core/transactions (legacy message: header, account keys, flags)
 * @see https://solana.com/docs/core/fees (compute budget, prioritization fee)
 */
export function openEnvelope<C extends string>(tx: TransactionInput, spec: EnvelopeSpec<C>): Envelope<C> {
  const drainers = new Set<string>(spec.knownDrainers ?? []);
  const opened = openTransaction(tx, drainers, spec.subject);
  if ('violations' in opened) return { opened: false, violations: opened.violations };
  const { message } = opened;
  const structural = checkStructure(message);
  if (structural) return { opened: false, violations: [structural] };

  const violations: PolicyViolation<C | SharedViolationCode>[] = [];
  const add: Add<C | SharedViolationCode> = (code, text, instructionIndex) =>
    violations.push(instructionIndex === undefined ? { code, message: text } : { code, message: text, instructionIndex });
  const keys = message.accountKeys;

  if (!isNonZeroHash(message.recentBlockhash)) add('MISSING_RECENT_BLOCKHASH', 'The transaction has no valid recent blockhash.');
  const feePayer = keyAt(keys, 0);
  if (!feePayer.equals(spec.feePayer.key)) add('WRONG_FEE_PAYER', `The network fee would be paid by ${feePayer.toBase58()}, not by ${spec.feePayer.name} (${spec.feePayer.key.toBase58()}).`);
  const signers = keys.slice(0, message.header.numRequiredSignatures);
  for (const signer of signers) {
    if (!spec.signers.some((s) => s.key.equals(signer))) add('EXTRA_SIGNER', `The transaction needs a signature from ${signer.toBase58()}, which is not ${orList(spec.signers.map((s) => s.name))}.`);
  }
  for (const { key, name } of spec.signers) {
    if (!signers.some((s) => s.equals(key))) add('MISSING_SIGNER', `The transaction does not ask ${name} (${key.toBase58()}) to sign.`);
  }
  if (spec.accountFlags) checkWritableFlags(message, spec.accountFlags, spec.subject, add);
  for (const v of drainerViolations(keys, drainers)) violations.push(v);

  const instructions: PolicyInstruction[] = [];
  const budget = new ComputeBudget();
  const walletAdded: WalletAddedInstruction[] = [];
  const coSigners = spec.signers.filter((s) => !(spec.wallet && s.key.equals(spec.wallet)));
  message.compiledInstructions.forEach((compiled, index) => {
    const ix = new TransactionInstruction({
      programId: keyAt(keys, compiled.programIdIndex),
      keys: compiled.accountKeyIndexes.map((i) => ({ pubkey: keyAt(keys, i), isSigner: message.isAccountSigner(i), isWritable: message.isAccountWritable(i) })),
      data: Buffer.from(compiled.data),
    });
    const pid = ix.programId;
    if (pid.equals(COMPUTE_BUDGET_PROGRAM_ID)) budget.read(ix, index, add);
    else if (pid.equals(LIGHTHOUSE_PROGRAM_ID)) walletAdded.push(checkGuard(ix, index, spec.wallet, coSigners, add));
    else if (pid.equals(SYSTEM_PROGRAM_ID)) systemViolation(ix, index, add, spec.subject);
    else if (spec.programs.some((p) => p.equals(pid))) instructions.push({ index, ix });
    else {
      const refusal = spec.refuseProgram?.(pid) ?? { code: 'UNKNOWN_PROGRAM' as const, message: `The transaction calls a program that is not part of ${spec.subject}: ${pid.toBase58()}.` };
      add(refusal.code, refusal.message, index);
    }
  });

  if (walletAdded.length > MAX_WALLET_ADDED_INSTRUCTIONS) add('TOO_MANY_WALLET_INSTRUCTIONS', `Your wallet added ${walletAdded.length} guard instructions; at most ${MAX_WALLET_ADDED_INSTRUCTIONS} are accepted.`);
  if (!spec.allowWalletAdditions && walletAdded.length > 0) add('WALLET_INSTRUCTIONS_NOT_ALLOWED', 'The unsigned transaction already carries wallet guard instructions, which only a wallet adds.');
  const fee = budget.finish(spec.requireComputeUnitLimit, add);

  const programs: EnvelopeFacts['programs'] = [];
  for (const compiled of message.compiledInstructions) {
    const id = keyAt(keys, compiled.programIdIndex).toBase58();
    if (!programs.some((p) => p.programId === id)) programs.push({ programId: id, name: PROGRAM_NAMES.get(id) ?? id });
  }
  const facts: EnvelopeFacts = {
    feePayer: feePayer.toBase58(),
    signers: signers.map((s) => s.toBase58()),
    ...fee,
    walletAddedInstructions: walletAdded,
    programs,
    recentBlockhash: message.recentBlockhash,
    messageHash: bs58.encode(sha256(message.serialize())),
    instructionCount: message.compiledInstructions.length,
  };
  return { opened: true, message, instructions, facts, violations, add };
}

/** Crash refusals made by {@link neverThrows}, so tests can tell them from the policies' own. */
const caughtCrashes = new WeakSet<object>();

/**
 * Runs a policy and turns a throw into `MALFORMED_TRANSACTION`: the policies answer, never throw.
 * Decoders throw on input no builder writes; every path the policies know is checked before a
 * decoder runs, so reaching this catch is a policy bug that {@link refusedByCatchAll} lets tests find.
 */
export function neverThrows<R>(run: () => R, refuse: (violations: PolicyViolation<'MALFORMED_TRANSACTION'>[]) => R): R {
  try {
    return run();
  } catch (error) {
    const violation: PolicyViolation<'MALFORMED_TRANSACTION'> = {
      code: 'MALFORMED_TRANSACTION',
      message: `The transaction could not be decoded (${error instanceof Error ? error.message : 'unknown error'}).`,
    };
    caughtCrashes.add(violation);
    return refuse([violation]);
  }
}

/** True when a policy's answer came from {@link neverThrows}' catch-all (a decoder crashed) rather than its own checks. */
export function refusedByCatchAll(result: { ok: true } | { ok: false; violations: readonly object[] }): boolean {
  return !result.ok && result.violations.some((v) => caughtCrashes.has(v));
}

type Opened = { message: Message } | { violations: PolicyViolation[] };

/** Gets the legacy message out of whatever was given, or the reasons it cannot be used. */
function openTransaction(tx: TransactionInput, drainers: ReadonlySet<string>, subject: string): Opened {
  if (tx instanceof Transaction) {
    if (!tx.recentBlockhash) return { violations: [{ code: 'MISSING_RECENT_BLOCKHASH', message: 'The transaction has no recent blockhash.' }] };
    if (!tx.feePayer && tx.signatures.length === 0) return { violations: [{ code: 'WRONG_FEE_PAYER', message: 'The transaction names no fee payer.' }] };
    // A decoded (populated) transaction returns its original message unchanged.
    return { message: tx.compileMessage() };
  }
  let versioned: VersionedTransaction;
  if (tx instanceof VersionedTransaction) {
    versioned = tx;
  } else {
    if (!(tx instanceof Uint8Array) || tx.length === 0 || tx.length > PACKET_DATA_SIZE) {
      return { violations: [{ code: 'MALFORMED_TRANSACTION', message: `The transaction is ${tx instanceof Uint8Array ? `${tx.length} bytes` : 'not bytes'}; a Solana transaction is 1–${PACKET_DATA_SIZE} bytes.` }] };
    }
    try {
      versioned = VersionedTransaction.deserialize(tx);
    } catch {
      return { violations: [{ code: 'MALFORMED_TRANSACTION', message: 'The bytes are not a Solana transaction.' }] };
    }
    // Trailing or non-canonical bytes would mean the wallet signs something other than what was read.
    if (!sameBytes(versioned.serialize(), tx)) {
      return { violations: [{ code: 'MALFORMED_TRANSACTION', message: 'The transaction has extra or non-canonical bytes.' }] };
    }
  }
  return fromVersionedMessage(versioned.message, drainers, subject);
}

function fromVersionedMessage(message: VersionedMessage, drainers: ReadonlySet<string>, subject: string): Opened {
  if (message.version === 'legacy' && message instanceof Message) return { message };
  const violations: PolicyViolation[] = [{ code: 'VERSIONED_TRANSACTION', message: `This is a versioned (v0) transaction; ${subject} is a legacy transaction.` }];
  if (message.addressTableLookups.length > 0) {
    violations.push({ code: 'ADDRESS_LOOKUP_TABLE', message: 'The transaction loads accounts from address lookup tables, which hides them from your wallet and Ledger.' });
  }
  violations.push(...drainerViolations(message.staticAccountKeys, drainers));
  return { violations };
}

/** Header and index sanity; a message that fails here is not decoded further. */
function checkStructure(message: Message): PolicyViolation | null {
  const { numRequiredSignatures, numReadonlySignedAccounts, numReadonlyUnsignedAccounts } = message.header;
  const count = message.accountKeys.length;
  const malformed = (why: string): PolicyViolation => ({ code: 'MALFORMED_TRANSACTION', message: `The transaction is malformed: ${why}.` });
  if (count === 0 || numRequiredSignatures === 0) return malformed('it has no fee payer');
  if (numRequiredSignatures > count || numReadonlySignedAccounts >= numRequiredSignatures || numReadonlyUnsignedAccounts > count - numRequiredSignatures) {
    return malformed('its header does not match its accounts');
  }
  const seen = new Set<string>();
  for (const key of message.accountKeys) {
    const text = key.toBase58();
    if (seen.has(text)) return malformed(`account ${text} is listed twice`);
    seen.add(text);
  }
  for (const ix of message.compiledInstructions) {
    if (ix.programIdIndex >= count || ix.accountKeyIndexes.some((i) => i >= count)) return malformed('an instruction points past the account list');
    if (ix.programIdIndex === 0) return malformed('the fee payer is used as a program');
  }
  return null;
}

function keyAt(keys: readonly PublicKey[], index: number): PublicKey {
  const key = keys[index];
  // checkStructure has bounded every index; this guards the type, not the data.
  if (!key) throw new Error(`account index ${index} out of range`);
  return key;
}

/** Writable and read-only as the builder compiles them; a key in both lists must be writable. */
function checkWritableFlags(message: Message, flags: NonNullable<EnvelopeSpec['accountFlags']>, subject: string, add: Add): void {
  message.accountKeys.forEach((key, index) => {
    const isWritable = message.isAccountWritable(index);
    const mustWrite = flags.writable.find((p) => p.key.equals(key));
    const mustRead = flags.readonly.find((p) => p.key.equals(key));
    if (mustWrite && !isWritable) add('WRITABLE_FLAGS_CHANGED', `${capitalise(mustWrite.name)} is marked read-only; ${subject} writes to it.`);
    else if (mustRead && !mustWrite && isWritable) add('WRITABLE_FLAGS_CHANGED', `${capitalise(mustRead.name)} is marked writable; ${subject} only reads it.`);
  });
}

function drainerViolations(keys: readonly PublicKey[], drainers: ReadonlySet<string>): PolicyViolation[] {
  if (drainers.size === 0) return [];
  return keys
    .map((k) => k.toBase58())
    .filter((k) => drainers.has(k))
    .map((k) => ({ code: 'KNOWN_DRAINER' as const, message: `The transaction involves ${k}, a known wallet-drainer address.` }));
}

type ComputeBudgetDecoded = { kind: 'limit'; units: number } | { kind: 'price'; microLamports: bigint };

/** SetComputeUnitLimit / SetComputeUnitPrice via web3.js's decoder (exact length, no accounts); anything else is null. */
function decodeComputeBudget(ix: TransactionInstruction): ComputeBudgetDecoded | null {
  if (ix.keys.length > 0) return null;
  try {
    const type = ComputeBudgetInstruction.decodeInstructionType(ix);
    // Lengths as ComputeBudgetProgram writes them: u8 tag + u32 units / u8 tag + u64 price.
    if (type === 'SetComputeUnitLimit' && ix.data.length === 5) return { kind: 'limit', units: ComputeBudgetInstruction.decodeSetComputeUnitLimit(ix).units };
    if (type === 'SetComputeUnitPrice' && ix.data.length === 9) {
      return { kind: 'price', microLamports: BigInt(ComputeBudgetInstruction.decodeSetComputeUnitPrice(ix).microLamports) };
    }
    return null;
  } catch {
    return null;
  }
}

/** The compute budget as the instructions set it, and its caps. */
class ComputeBudget {
  private limit: { units: number; index: number } | null = null;
  private price: { microLamports: bigint; index: number } | null = null;

  read(ix: TransactionInstruction, index: number, add: Add): void {
    const decoded = decodeComputeBudget(ix);
    if (decoded === null) {
      add('COMPUTE_BUDGET_INSTRUCTION_NOT_ALLOWED', 'A compute budget instruction other than a unit limit or a unit price is not allowed.', index);
    } else if (decoded.kind === 'limit') {
      if (this.limit !== null) add('DUPLICATE_COMPUTE_BUDGET', 'The compute unit limit is set more than once.', index);
      else this.limit = { units: decoded.units, index };
      if (decoded.units > MAX_COMPUTE_UNIT_LIMIT) add('COMPUTE_UNIT_LIMIT_ABOVE_CAP', `The compute unit limit ${units(decoded.units)} is above the cap of ${units(MAX_COMPUTE_UNIT_LIMIT)}.`, index);
    } else {
      if (this.price !== null) add('DUPLICATE_COMPUTE_BUDGET', 'The compute unit price is set more than once.', index);
      else this.price = { microLamports: decoded.microLamports, index };
    }
  }

  /** The priority fee once every instruction is read; refuses it above the cap or without a bound. */
  finish(requireLimit: boolean, add: Add): Pick<EnvelopeFacts, 'computeUnitLimit' | 'computeUnitPriceMicroLamports' | 'maxPriorityFeeLamports'> {
    const price = this.price?.microLamports ?? 0n;
    if (this.limit === null && (requireLimit || this.price !== null)) {
      add('MISSING_COMPUTE_UNIT_LIMIT', this.price ? 'The transaction sets a priority fee price without a compute unit limit, so the fee has no bound.' : 'The transaction does not set a compute unit limit.');
    }
    const limit = this.limit?.units ?? null;
    const fee = priorityFeeLamports(limit ?? 0, price);
    if (fee > MAX_PRIORITY_FEE_LAMPORTS) {
      add(
        'PRIORITY_FEE_ABOVE_CAP',
        `The priority fee of ${sol(fee)} (${units(limit ?? 0)} compute units at ${units(price)} micro-lamports each) is above the cap of ${sol(MAX_PRIORITY_FEE_LAMPORTS)}.`,
        this.price?.index,
      );
    }
    return { computeUnitLimit: limit, computeUnitPriceMicroLamports: price, maxPriorityFeeLamports: fee };
  }
}

/**
 * Lighthouse instruction names by discriminator (first data byte), as the program `L2TEx…`
 * numbers them (github.com/Jac0xb/lighthouse, the generated clients' `*_DISCRIMINATOR`; Solana
 * Explorer's Lighthouse card).
 */
const LIGHTHOUSE_KINDS = [
  'MemoryWrite',
  'MemoryClose',
  'AssertAccountData',
  'AssertAccountDataMulti',
  'AssertAccountDelta',
  'AssertAccountInfo',
  'AssertAccountInfoMulti',
  'AssertMintAccount',
  'AssertMintAccountMulti',
  'AssertTokenAccount',
  'AssertTokenAccountMulti',
  'AssertStakeAccount',
  'AssertStakeAccountMulti',
  'AssertUpgradeableLoaderAccount',
  'AssertUpgradeableLoaderAccountMulti',
  'AssertSysvarClock',
  'AssertMerkleTreeAccount',
  'AssertBubblegumTreeConfigAccount',
] as const;

/**
 * 0–15: assertions (read and abort on mismatch) and the memory write/close that assertions on a
 * balance delta need (rent paid by the wallet's key into its own Lighthouse memory account).
 * 16–17 call into other programs, and unknown numbers are refused until someone reads them.
 */
export const LIGHTHOUSE_MAX_ALLOWED_DISCRIMINATOR = 15;

/** The Lighthouse instruction's name for the preview and `/check`, from its discriminator. */
export function lighthouseKind(discriminator: number | undefined): string {
  if (discriminator === undefined) return 'Lighthouse (no data)';
  return LIGHTHOUSE_KINDS[discriminator] ?? `Lighthouse #${discriminator}`;
}

/**
 * A wallet guard: an accepted kind; only the wallet's key may sign in it (a memory write's rent
 * payer), and it may not reference a co-signer at all — a guard holding, say, the treasury
 * delegate's signature could make it pay a memory account's rent.
 */
function checkGuard(ix: TransactionInstruction, index: number, wallet: PublicKey | null, coSigners: readonly Party[], add: Add): WalletAddedInstruction {
  const discriminator = ix.data[0];
  if (discriminator === undefined || discriminator > LIGHTHOUSE_MAX_ALLOWED_DISCRIMINATOR) {
    add('LIGHTHOUSE_INSTRUCTION_NOT_ALLOWED', `The wallet guard instruction ${lighthouseKind(discriminator)} is not one this portal accepts.`, index);
  }
  for (const meta of ix.keys) {
    const coSigner = coSigners.find((s) => s.key.equals(meta.pubkey));
    if (coSigner) add('LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', `A wallet guard instruction references ${coSigner.name} (${coSigner.key.toBase58()}).`, index);
    else if (meta.isSigner && !(wallet && meta.pubkey.equals(wallet))) add('LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', `A wallet guard instruction asks ${meta.pubkey.toBase58()} to sign.`, index);
  }
  return { index, programId: ix.programId.toBase58(), kind: lighthouseKind(discriminator) };
}

/** Names a System Program instruction: no portal transaction calls it at the top level. */
function systemViolation(ix: TransactionInstruction, index: number, add: Add, subject: string): void {
  let type: string | null = null;
  try {
    type = SystemInstruction.decodeInstructionType(ix);
  } catch {
    type = null;
  }
  switch (type) {
    case 'Transfer':
    case 'TransferWithSeed':
      add('SYSTEM_TRANSFER', `The transaction sends SOL; ${subject} never moves SOL except the network fee.`, index);
      return;
    case 'Assign':
    case 'AssignWithSeed':
      add('SYSTEM_ASSIGN', 'The transaction hands an account over to another program (System Assign): that gives the account away.', index);
      return;
    case 'AdvanceNonceAccount':
      add('SYSTEM_ADVANCE_NONCE', `The transaction uses a durable nonce, which would keep it valid indefinitely; ${subject} uses a recent blockhash.`, index);
      return;
    default:
      add('SYSTEM_INSTRUCTION', `The transaction calls the System Program${type ? ` (${type})` : ''}; ${subject} never does.`, index);
  }
}

/**
 * Names a token instruction a policy does not expect (decoded with spl-token when it can be):
 * Approve, SetAuthority, CloseAccount, Burn and plain Transfer by name, anything else by its tag.
 * @param subject the transaction as the sentence names it ("the Revoke transaction").
 * @see https://spl.solana.com/token
 */
export function tokenViolation(ix: TransactionInstruction, index: number, add: Add, subject: string): void {
  let type: number | undefined = ix.data[0];
  try {
    type = decodeInstruction(ix, ix.programId).data.instruction;
  } catch {
    // Undecodable or a Token-2022 extension instruction: named from its tag below.
  }
  switch (type) {
    case TokenInstruction.Approve:
    case TokenInstruction.ApproveChecked:
      add('TOKEN_APPROVE', 'The transaction would let someone else spend your tokens (Approve).', index);
      return;
    case TokenInstruction.SetAuthority:
      add('TOKEN_SET_AUTHORITY', 'The transaction would change who controls a token account or mint (SetAuthority).', index);
      return;
    case TokenInstruction.CloseAccount:
      add('TOKEN_CLOSE_ACCOUNT', 'The transaction would close a token account (CloseAccount).', index);
      return;
    case TokenInstruction.Burn:
    case TokenInstruction.BurnChecked:
      add('TOKEN_BURN', 'The transaction would destroy tokens (Burn).', index);
      return;
    case TokenInstruction.Transfer:
      add('TOKEN_TRANSFER_UNCHECKED', 'The transaction moves tokens with an unchecked Transfer, which does not state the mint or decimals.', index);
      return;
    default:
      add('TOKEN_INSTRUCTION_NOT_ALLOWED', `The transaction contains a token instruction that is not part of ${subject}${type === undefined ? '' : ` (${TokenInstruction[type] ?? `#${type}`})`}.`, index);
  }
}

/** True for a base58 string of 32 bytes, not all zero (a usable recent blockhash). */
export function isNonZeroHash(text: string): boolean {
  try {
    const bytes = bs58.decode(text);
    return bytes.length === 32 && bytes.some((b) => b !== 0);
  } catch {
    return false;
  }
}

/** One way of writing numbers in every sentence of both policies: grouped, English. */
function units(n: number | bigint): string {
  return n.toLocaleString('en');
}

function sol(lamports: bigint): string {
  return `${formatBaseUnits(lamports, 9)} SOL`;
}

function orList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'a required signer';
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1] ?? ''}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The transaction policy (DESIGN.md "The transaction policy"): one module, run by the browser on
 * the bytes it hands to the wallet and on what the wallet hands back, and by the server before it
 * co-signs. It decodes a transaction with the SPL and web3.js decoders and answers either the
 * decoded, human-readable migration or every violation it found, each with a stable code and a
 * sentence a holder can read.
 *
 * Accepted: exactly the builder's transaction (`builder.ts`), in order, with the expectation's
 * mints, decimals, token programs, accounts, authorities and amounts; plus what wallets add —
 * Lighthouse guard instructions (bounded in count) and ComputeBudget limit/price within the caps
 * (`constants.ts`), at most one of each. Everything else is a named violation.
 *
 * Never throws: garbage in gives `MALFORMED_TRANSACTION`.
 *
 * The decoding helpers exported below (opening, structure, compute budget, named System/Token
 * refusals, drainers) are shared with `revoke-policy.ts`, so both policies refuse alike.
 */
import { sha256 } from '@noble/hashes/sha2';
import {
  TokenInstruction,
  decodeInstruction,
  decodeTransferCheckedInstruction,
} from '@solana/spl-token';
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
import { holderTokenAccounts, migrationMemo, type MigrationExpected, type MintRef } from '@/lib/solana/builder';
import {
  ASSOCIATED_TOKEN_PROGRAM_ID,
  COMPUTE_BUDGET_PROGRAM_ID,
  LIGHTHOUSE_PROGRAM_ID,
  MAX_COMPUTE_UNIT_LIMIT,
  MAX_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS,
  MAX_WALLET_ADDED_INSTRUCTIONS,
  MEMO_PROGRAM_ID,
  MEMO_V1_PROGRAM_ID,
  POLICY_VERSION,
  PROGRAM_NAMES,
  SYSTEM_PROGRAM_ID,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  isTokenProgram,
} from '@/lib/solana/constants';

/** Every reason the policy refuses a transaction. Stable: tests, API answers and support rely on them. */
export const VIOLATION_CODES = [
  /** Not a decodable Solana transaction (garbage, truncated, trailing bytes, bad indexes). */
  'MALFORMED_TRANSACTION',
  /** A versioned (v0) message: the migration is a legacy transaction. */
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
  'ATA_INSTRUCTION_MISMATCH',
  'WRONG_MINT',
  'WRONG_DECIMALS',
  'WRONG_AMOUNT',
  'WRONG_SOURCE',
  'WRONG_DESTINATION',
  'WRONG_AUTHORITY',
  /** A leg (or the ATA) goes to the other token program than its mint's. */
  'WRONG_TOKEN_PROGRAM',
  'EXTRA_INSTRUCTION',
  'MISSING_INSTRUCTION',
  'INSTRUCTION_ORDER',
  'MEMO_MISMATCH',
  'MISSING_COMPUTE_UNIT_LIMIT',
  'COMPUTE_UNIT_LIMIT_ABOVE_CAP',
  'COMPUTE_UNIT_PRICE_ABOVE_CAP',
  'DUPLICATE_COMPUTE_BUDGET',
  'COMPUTE_BUDGET_INSTRUCTION_NOT_ALLOWED',
  'TOO_MANY_WALLET_INSTRUCTIONS',
  'WALLET_INSTRUCTIONS_NOT_ALLOWED',
  'LIGHTHOUSE_INSTRUCTION_NOT_ALLOWED',
  'LIGHTHOUSE_ACCOUNT_NOT_ALLOWED',
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/** One refusal: a stable code, one plain-English sentence, and the instruction (0-based) it is about. */
export type Violation = { code: ViolationCode; message: string; instructionIndex?: number };

/** One token movement as decoded from the bytes. Addresses base58; `amount` in base units. */
export type TokenMovement = {
  mint: string;
  amount: bigint;
  decimals: number;
  /** The token program the instruction goes to. */
  programId: string;
  source: string;
  destination: string;
  authority: string;
};

/** An instruction a wallet added (Lighthouse guard), for the preview. */
export type WalletAddedInstruction = { index: number; programId: string; kind: string };

/**
 * The facts of an accepted migration transaction, decoded from its bytes (never from text a
 * server sent): what the browser previews and the server logs. Addresses base58; token amounts in
 * base units; fees in lamports.
 */
export type DecodedMigration = {
  policyVersion: typeof POLICY_VERSION;
  migrationId: string;
  holder: string;
  feePayer: string;
  /** AI16Z the holder sends to the vault. */
  sends: TokenMovement;
  /** ELIZAOS the holder receives from the treasury. */
  receives: TokenMovement;
  /**
   * The holder's ELIZAOS token account, created by CreateIdempotent if it does not exist yet
   * (whether it exists is a chain fact, not in the bytes) with rent paid by `rentPayer`.
   */
  ataCreated: { address: string; owner: string; mint: string; rentPayer: string };
  memo: string;
  computeUnitLimit: number;
  /** 0 when the transaction sets no price. */
  computeUnitPriceMicroLamports: bigint;
  /** The most the priority fee can cost: ⌈limit × price / 10^6⌉ lamports (on top of 5000 per signature). */
  maxPriorityFeeLamports: bigint;
  walletAddedInstructions: WalletAddedInstruction[];
  /** Programs the transaction invokes, in first-use order. */
  programs: { programId: string; name: string }[];
  /** Required signers, in message order (the holder first). */
  signers: string[];
  recentBlockhash: string;
  /** base58(sha256(message bytes)): what a Ledger shows when blind signing. */
  messageHash: string;
  instructionCount: number;
};

export type PolicyResult = { ok: true; migration: DecodedMigration } | { ok: false; violations: Violation[] };

export type PolicyOptions = {
  /** Addresses (base58) refused anywhere in the transaction's account keys. */
  knownDrainers?: ReadonlySet<string> | readonly string[];
  /**
   * Whether wallet additions (Lighthouse guards, a changed compute budget) are accepted; default
   * true. Pass false for the server's unsigned build, to which no wallet has added anything yet.
   */
  allowWalletAdditions?: boolean;
};

/**
 * Lighthouse instruction names by discriminator (first data byte), as the deployed program
 * `L2TEx…` numbers them (github.com/Jac0xb/lighthouse generated clients; Solana Explorer's
 * Lighthouse card). Used for the preview; the policy itself only needs which are read-only.
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
 * balance delta need (rent paid by the holder into the holder's own Lighthouse memory account).
 * 16–17 call into other programs, and unknown numbers are refused until someone reads them.
 */
export const LIGHTHOUSE_MAX_ALLOWED_DISCRIMINATOR = 15;

/**
 * Checks that `tx` is the official migration transaction for `expected`
 * (DESIGN.md "The transaction policy").
 *
 * @param tx wire bytes (legacy or versioned, signed or not), a web3.js `Transaction`, or a
 *   `VersionedTransaction`.
 * @param expected what the transaction must do (amounts in base units).
 * @param opts known-drainer addresses; whether wallet additions are allowed.
 * @returns `{ ok: true, migration }` with the facts decoded from the bytes, or
 *   `{ ok: false, violations }` listing every problem found. Never throws (an expectation whose
 *   holder is off the ed25519 curve, which no wallet is, comes back as `MALFORMED_TRANSACTION`).
 * @see DESIGN.md "The transaction policy"
 * @see https://solana.com/docs/core/transactions (legacy message: header, account keys, flags)
 * @see https://spl.solana.com/token (TransferChecked and the instructions named in violations)
 */
export function verifyMigrationTransaction(tx: Uint8Array | Transaction | VersionedTransaction, expected: MigrationExpected, opts: PolicyOptions = {}): PolicyResult {
  try {
    return verify(tx, expected, opts);
  } catch (error) {
    // Decoders throw on input no builder writes; the policy answers instead of throwing.
    return refuse([{ code: 'MALFORMED_TRANSACTION', message: `The transaction could not be decoded (${error instanceof Error ? error.message : 'unknown error'}).` }]);
  }
}

/**
 * True when `code` is one of {@link VIOLATION_CODES} (e.g. a code read back from an API answer).
 */
export function isViolationCode(code: string): code is ViolationCode {
  return (VIOLATION_CODES as readonly string[]).includes(code);
}

function refuse(violations: Violation[]): PolicyResult {
  return { ok: false, violations };
}

export type Opened = { message: Message } | { violations: Violation[] };

/** Gets the legacy message out of whatever was given, or the reasons it cannot be used. */
export function openTransaction(tx: Uint8Array | Transaction | VersionedTransaction, drainers: ReadonlySet<string>): Opened {
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
  return fromVersionedMessage(versioned.message, drainers);
}

function fromVersionedMessage(message: VersionedMessage, drainers: ReadonlySet<string>): Opened {
  if (message.version === 'legacy' && message instanceof Message) return { message };
  const violations: Violation[] = [
    { code: 'VERSIONED_TRANSACTION', message: 'This is a versioned (v0) transaction; the migration transaction is a legacy transaction.' },
  ];
  if (message.addressTableLookups.length > 0) {
    violations.push({
      code: 'ADDRESS_LOOKUP_TABLE',
      message: 'The transaction loads accounts from address lookup tables, which hides them from your wallet and Ledger.',
    });
  }
  violations.push(...drainerViolations(message.staticAccountKeys, drainers));
  return { violations };
}

function verify(tx: Uint8Array | Transaction | VersionedTransaction, expected: MigrationExpected, opts: PolicyOptions): PolicyResult {
  const drainers = new Set<string>(opts.knownDrainers ?? []);
  const opened = openTransaction(tx, drainers);
  if ('violations' in opened) return refuse(opened.violations);
  const { message } = opened;

  const structural = checkStructure(message);
  if (structural) return refuse([structural]);

  const keys = message.accountKeys;
  const instructions = message.compiledInstructions.map(
    (ix) =>
      new TransactionInstruction({
        programId: keyAt(keys, ix.programIdIndex),
        keys: ix.accountKeyIndexes.map((i) => ({ pubkey: keyAt(keys, i), isSigner: message.isAccountSigner(i), isWritable: message.isAccountWritable(i) })),
        data: Buffer.from(ix.data),
      }),
  );

  const atas = holderTokenAccounts(expected);
  const violations: Violation[] = [];
  const add = (code: ViolationCode, text: string, instructionIndex?: number) =>
    violations.push(instructionIndex === undefined ? { code, message: text } : { code, message: text, instructionIndex });

  // --- Whole-message facts: blockhash, fee payer, signers, flags, drainers.
  if (!isNonZeroHash(message.recentBlockhash)) add('MISSING_RECENT_BLOCKHASH', 'The transaction has no valid recent blockhash.');
  const feePayer = keyAt(keys, 0);
  if (!feePayer.equals(expected.holder)) {
    add('WRONG_FEE_PAYER', `The network fee would be paid by ${feePayer.toBase58()}, not by your wallet ${expected.holder.toBase58()}.`);
  }
  const signers = keys.slice(0, message.header.numRequiredSignatures);
  for (const signer of signers) {
    if (!signer.equals(expected.holder) && !signer.equals(expected.treasuryDelegate)) {
      add('EXTRA_SIGNER', `The transaction needs a signature from ${signer.toBase58()}, which is neither your wallet nor the migration treasury's delegate.`);
    }
  }
  for (const [who, key] of [
    ['your wallet', expected.holder],
    ["the migration treasury's delegate", expected.treasuryDelegate],
  ] as const) {
    if (!signers.some((s) => s.equals(key))) add('MISSING_SIGNER', `The transaction does not ask ${who} (${key.toBase58()}) to sign.`);
  }
  checkWritableFlags(message, expected, atas, add);
  for (const v of drainerViolations(keys, drainers)) violations.push(v);

  // --- Instruction by instruction: wallet additions, forbidden instructions, core candidates.
  const core: Core[] = [];
  const walletAdded: WalletAddedInstruction[] = [];
  let computeUnitLimit: number | null = null;
  let computeUnitPrice: bigint | null = null;

  instructions.forEach((ix, index) => {
    const pid = ix.programId;
    if (pid.equals(COMPUTE_BUDGET_PROGRAM_ID)) {
      const decoded = decodeComputeBudget(ix);
      if (decoded === null) {
        add('COMPUTE_BUDGET_INSTRUCTION_NOT_ALLOWED', 'A compute budget instruction other than a unit limit or a unit price is not allowed.', index);
      } else if (decoded.kind === 'limit') {
        if (computeUnitLimit !== null) add('DUPLICATE_COMPUTE_BUDGET', 'The compute unit limit is set more than once.', index);
        else computeUnitLimit = decoded.units;
        if (decoded.units > MAX_COMPUTE_UNIT_LIMIT) {
          add('COMPUTE_UNIT_LIMIT_ABOVE_CAP', `The compute unit limit ${decoded.units.toLocaleString('en')} is above the cap of ${MAX_COMPUTE_UNIT_LIMIT.toLocaleString('en')}.`, index);
        }
      } else {
        if (computeUnitPrice !== null) add('DUPLICATE_COMPUTE_BUDGET', 'The compute unit price is set more than once.', index);
        else computeUnitPrice = decoded.microLamports;
        if (decoded.microLamports > MAX_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS) {
          add(
            'COMPUTE_UNIT_PRICE_ABOVE_CAP',
            `The priority fee price of ${decoded.microLamports.toString()} micro-lamports per compute unit is above the cap of ${MAX_COMPUTE_UNIT_PRICE_MICRO_LAMPORTS.toString()}.`,
            index,
          );
        }
      }
      return;
    }
    if (pid.equals(LIGHTHOUSE_PROGRAM_ID)) {
      const discriminator = ix.data[0];
      walletAdded.push({ index, programId: pid.toBase58(), kind: lighthouseKind(discriminator) });
      if (discriminator === undefined || discriminator > LIGHTHOUSE_MAX_ALLOWED_DISCRIMINATOR) {
        add('LIGHTHOUSE_INSTRUCTION_NOT_ALLOWED', `The wallet guard instruction ${lighthouseKind(discriminator)} is not one this portal accepts.`, index);
      }
      for (const meta of ix.keys) {
        if (meta.pubkey.equals(expected.treasuryDelegate)) {
          add('LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', "A wallet guard instruction references the migration treasury's delegate key.", index);
        } else if (meta.isSigner && !meta.pubkey.equals(expected.holder)) {
          add('LIGHTHOUSE_ACCOUNT_NOT_ALLOWED', `A wallet guard instruction asks ${meta.pubkey.toBase58()} to sign.`, index);
        }
      }
      return;
    }
    if (pid.equals(SYSTEM_PROGRAM_ID)) {
      systemViolation(ix, index, add);
      return;
    }
    if (pid.equals(ASSOCIATED_TOKEN_PROGRAM_ID)) {
      core.push({ kind: 'ata', index, ix });
      return;
    }
    if (isTokenProgram(pid)) {
      if (ix.data[0] === TokenInstruction.TransferChecked) core.push({ kind: 'transfer', index, ix });
      else tokenViolation(ix, index, add);
      return;
    }
    if (pid.equals(MEMO_PROGRAM_ID)) {
      core.push({ kind: 'memo', index, ix });
      return;
    }
    add(
      'UNKNOWN_PROGRAM',
      pid.equals(MEMO_V1_PROGRAM_ID)
        ? 'The transaction uses the old Memo v1 program; the migration uses Memo v2.'
        : `The transaction calls a program that is not part of the migration: ${pid.toBase58()}.`,
      index,
    );
  });

  // --- Wallet additions: bounded, and only where allowed.
  if (walletAdded.length > MAX_WALLET_ADDED_INSTRUCTIONS) {
    add('TOO_MANY_WALLET_INSTRUCTIONS', `Your wallet added ${walletAdded.length} guard instructions; at most ${MAX_WALLET_ADDED_INSTRUCTIONS} are accepted.`);
  }
  if (opts.allowWalletAdditions === false && walletAdded.length > 0) {
    add('WALLET_INSTRUCTIONS_NOT_ALLOWED', 'The unsigned transaction already carries wallet guard instructions, which only a wallet adds.');
  }
  if (computeUnitLimit === null) add('MISSING_COMPUTE_UNIT_LIMIT', 'The transaction does not set a compute unit limit.');

  // --- The core sequence: CreateIdempotent, TransferChecked (AI16Z), TransferChecked (ELIZAOS), Memo.
  // Each role is matched to the instruction that best fits it, so an attacker's extra or missing
  // instruction is reported as such instead of shifting every later check by one.
  const ataCandidates = core.filter((c) => c.kind === 'ata');
  const memoCandidates = core.filter((c) => c.kind === 'memo');
  const transfers = core.filter((c) => c.kind === 'transfer');
  const ata = ataCandidates.find((c) => c.ix.keys[1]?.pubkey.equals(atas.elizaos)) ?? ataCandidates[0];
  const memo = memoCandidates.find((c) => sameBytes(c.ix.data, new TextEncoder().encode(expectedMemo(expected)))) ?? memoCandidates[0];
  let inLeg = transfers.find((c) => looksLikeLeg(c.ix, expected.ai16z, atas.ai16z));
  let outLeg = transfers.find((c) => c !== inLeg && looksLikeLeg(c.ix, expected.elizaos, expected.treasuryTokenAccount));
  // A leg too altered to recognise is still checked, field by field, in its position.
  const unplaced = transfers.filter((c) => c !== inLeg && c !== outLeg);
  inLeg ??= unplaced.shift();
  outLeg ??= unplaced.shift();

  if (!ata) add('MISSING_INSTRUCTION', 'The transaction does not create (or check) your ELIZAOS account.');
  if (!inLeg) add('MISSING_INSTRUCTION', 'The transaction does not transfer AI16Z from your wallet to the migration vault.');
  if (!outLeg) add('MISSING_INSTRUCTION', 'The transaction does not transfer ELIZAOS to you.');
  if (!memo) add('MISSING_INSTRUCTION', 'The transaction is missing the migration memo.');
  const placed = [ata, inLeg, outLeg, memo];
  for (const extra of core.filter((c) => !placed.includes(c))) {
    const what = { ata: 'a second token account creation', transfer: 'a further token transfer', memo: 'a second memo' }[extra.kind];
    add('EXTRA_INSTRUCTION', `The transaction has an extra instruction: ${what}.`, extra.index);
  }
  const order = placed.filter((c): c is Core => c !== undefined).map((c) => c.index);
  if (order.some((index, i) => i > 0 && index < (order[i - 1] ?? -1))) {
    add(
      'INSTRUCTION_ORDER',
      inLeg && outLeg && outLeg.index < inLeg.index ? 'The two token transfers are in the wrong order.' : 'The migration instructions are not in the official order.',
    );
  }

  const sends = inLeg
    ? checkLeg(inLeg.ix, inLeg.index, 'AI16Z', expected.ai16z, { source: atas.ai16z, destination: expected.vaultTokenAccount, authority: expected.holder, amount: expected.amountIn }, add, {
        source: 'your AI16Z account',
        destination: 'the migration vault',
        authority: 'your wallet',
      })
    : null;
  const receives = outLeg
    ? checkLeg(
        outLeg.ix,
        outLeg.index,
        'ELIZAOS',
        expected.elizaos,
        { source: expected.treasuryTokenAccount, destination: atas.elizaos, authority: expected.treasuryDelegate, amount: expected.amountOut },
        add,
        { source: 'the migration treasury', destination: 'your ELIZAOS account', authority: "the treasury's delegate" },
      )
    : null;
  const ataCreated = ata ? checkAta(ata.ix, ata.index, expected, atas.elizaos, add) : null;
  const memoText = memo ? checkMemo(memo.ix, memo.index, expected, add) : null;

  if (violations.length > 0 || !sends || !receives || !ataCreated || memoText === null || computeUnitLimit === null) {
    // Every path above that leaves a part undecoded names why; this only guards against a refusal without a reason.
    return refuse(violations.length > 0 ? violations : [{ code: 'MALFORMED_TRANSACTION', message: 'The transaction could not be fully decoded.' }]);
  }

  const limit: number = computeUnitLimit;
  const price: bigint = computeUnitPrice ?? 0n;
  const programs: { programId: string; name: string }[] = [];
  for (const ix of instructions) {
    const id = ix.programId.toBase58();
    if (!programs.some((p) => p.programId === id)) programs.push({ programId: id, name: PROGRAM_NAMES.get(id) ?? id });
  }
  return {
    ok: true,
    migration: {
      policyVersion: POLICY_VERSION,
      migrationId: expected.migrationId,
      holder: expected.holder.toBase58(),
      feePayer: feePayer.toBase58(),
      sends,
      receives,
      ataCreated,
      memo: memoText,
      computeUnitLimit: limit,
      computeUnitPriceMicroLamports: price,
      maxPriorityFeeLamports: (BigInt(limit) * price + 999_999n) / 1_000_000n,
      walletAddedInstructions: walletAdded,
      programs,
      signers: signers.map((s) => s.toBase58()),
      recentBlockhash: message.recentBlockhash,
      messageHash: bs58.encode(sha256(message.serialize())),
      instructionCount: instructions.length,
    },
  };
}

export type Add = (code: ViolationCode, text: string, instructionIndex?: number) => void;
type Core = { kind: 'ata' | 'transfer' | 'memo'; index: number; ix: TransactionInstruction };

/** Header and index sanity; a message that fails here is not decoded further. */
export function checkStructure(message: Message): Violation | null {
  const { numRequiredSignatures, numReadonlySignedAccounts, numReadonlyUnsignedAccounts } = message.header;
  const count = message.accountKeys.length;
  const malformed = (why: string): Violation => ({ code: 'MALFORMED_TRANSACTION', message: `The transaction is malformed: ${why}.` });
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

export function keyAt(keys: readonly PublicKey[], index: number): PublicKey {
  const key = keys[index];
  // checkStructure has bounded every index; this guards the type, not the data.
  if (!key) throw new Error(`account index ${index} out of range`);
  return key;
}

/**
 * Writable and read-only as the builder compiles them: the four token accounts that move and the
 * holder (fee and rent payer) writable; the mints, the delegate and the System Program read-only.
 * Accounts only wallet guards reference are free (signers are checked separately).
 */
function checkWritableFlags(message: Message, expected: MigrationExpected, atas: { ai16z: PublicKey; elizaos: PublicKey }, add: Add): void {
  const writable: [PublicKey, string][] = [
    [expected.holder, 'your wallet'],
    [atas.ai16z, 'your AI16Z account'],
    [expected.vaultTokenAccount, 'the migration vault'],
    [expected.treasuryTokenAccount, 'the migration treasury'],
    [atas.elizaos, 'your ELIZAOS account'],
  ];
  const readonly: [PublicKey, string][] = [
    [expected.ai16z.mint, 'the AI16Z mint'],
    [expected.elizaos.mint, 'the ELIZAOS mint'],
    [expected.treasuryDelegate, "the treasury's delegate"],
    [SYSTEM_PROGRAM_ID, 'the System Program'],
  ];
  message.accountKeys.forEach((key, index) => {
    const isWritable = message.isAccountWritable(index);
    const mustWrite = writable.find(([k]) => k.equals(key));
    const mustRead = readonly.find(([k]) => k.equals(key));
    if (mustWrite && !isWritable) add('WRITABLE_FLAGS_CHANGED', `${capitalise(mustWrite[1])} is marked read-only; the migration writes to it.`);
    else if (mustRead && !mustWrite && isWritable) add('WRITABLE_FLAGS_CHANGED', `${capitalise(mustRead[1])} is marked writable; the migration only reads it.`);
  });
}

export function drainerViolations(keys: readonly PublicKey[], drainers: ReadonlySet<string>): Violation[] {
  if (drainers.size === 0) return [];
  return keys
    .map((k) => k.toBase58())
    .filter((k) => drainers.has(k))
    .map((k) => ({ code: 'KNOWN_DRAINER' as const, message: `The transaction involves ${k}, a known wallet-drainer address.` }));
}

export type ComputeBudgetDecoded = { kind: 'limit'; units: number } | { kind: 'price'; microLamports: bigint };

/** SetComputeUnitLimit / SetComputeUnitPrice via web3.js's decoder (exact length, no accounts); anything else is null. */
export function decodeComputeBudget(ix: TransactionInstruction): ComputeBudgetDecoded | null {
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

export function lighthouseKind(discriminator: number | undefined): string {
  if (discriminator === undefined) return 'Lighthouse (no data)';
  return LIGHTHOUSE_KINDS[discriminator] ?? `Lighthouse #${discriminator}`;
}

export function systemViolation(ix: TransactionInstruction, index: number, add: Add): void {
  let type: string | null = null;
  try {
    type = SystemInstruction.decodeInstructionType(ix);
  } catch {
    type = null;
  }
  switch (type) {
    case 'Transfer':
    case 'TransferWithSeed':
      add('SYSTEM_TRANSFER', 'The transaction sends SOL; the migration never moves SOL except the network fee.', index);
      return;
    case 'Assign':
    case 'AssignWithSeed':
      add('SYSTEM_ASSIGN', 'The transaction hands an account over to another program (System Assign): that gives the account away.', index);
      return;
    case 'AdvanceNonceAccount':
      add('SYSTEM_ADVANCE_NONCE', 'The transaction uses a durable nonce, which would keep it valid indefinitely; the migration uses a recent blockhash.', index);
      return;
    default:
      add('SYSTEM_INSTRUCTION', `The transaction calls the System Program${type ? ` (${type})` : ''}; the migration never does.`, index);
  }
}

/** Names a token instruction that is not the expected TransferChecked (decoded with spl-token when it can be). */
export function tokenViolation(ix: TransactionInstruction, index: number, add: Add): void {
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
      add('TOKEN_INSTRUCTION_NOT_ALLOWED', `The transaction contains a token instruction that is not part of the migration${type === undefined ? '' : ` (${TokenInstruction[type] ?? `#${type}`})`}.`, index);
  }
}

/** True when `ix` (a TransferChecked) takes from `source` or moves `mint`: which leg it is meant to be. */
function looksLikeLeg(ix: TransactionInstruction, mint: MintRef, source: PublicKey): boolean {
  const [src, mintKey] = ix.keys;
  return !!src?.pubkey.equals(source) || !!mintKey?.pubkey.equals(mint.mint);
}

function expectedMemo(expected: MigrationExpected): string {
  try {
    return migrationMemo(expected.migrationId);
  } catch {
    return '';
  }
}

type LegExpectation = { source: PublicKey; destination: PublicKey; authority: PublicKey; amount: bigint };
type LegNames = { source: string; destination: string; authority: string };

function checkLeg(ix: TransactionInstruction, index: number, token: string, mint: MintRef, leg: LegExpectation, add: Add, names: LegNames): TokenMovement | null {
  if (!ix.programId.equals(mint.programId)) {
    add('WRONG_TOKEN_PROGRAM', `The ${token} transfer goes to ${programName(ix.programId)}, but ${token} belongs to ${programName(mint.programId)}.`, index);
  }
  let decoded: ReturnType<typeof decodeTransferCheckedInstruction>;
  try {
    decoded = decodeTransferCheckedInstruction(ix, ix.programId);
  } catch {
    add('MALFORMED_INSTRUCTION', `The ${token} transfer is not a well-formed TransferChecked.`, index);
    return null;
  }
  const { source, mint: mintKey, destination, owner, multiSigners } = decoded.keys;
  if (multiSigners.length > 0) add('UNEXPECTED_ACCOUNTS', `The ${token} transfer carries ${multiSigners.length} extra account(s).`, index);
  if (!mintKey.pubkey.equals(mint.mint)) add('WRONG_MINT', `The ${token} transfer moves the token ${mintKey.pubkey.toBase58()}, not ${token} (${mint.mint.toBase58()}).`, index);
  if (decoded.data.decimals !== mint.decimals) {
    add('WRONG_DECIMALS', `The ${token} transfer states ${decoded.data.decimals} decimals; ${token} has ${mint.decimals}.`, index);
  }
  if (decoded.data.amount !== leg.amount) {
    add(
      'WRONG_AMOUNT',
      `The ${token} transfer moves ${formatBaseUnits(decoded.data.amount, mint.decimals)} ${token}, not ${formatBaseUnits(leg.amount, mint.decimals)} ${token}.`,
      index,
    );
  }
  if (!source.pubkey.equals(leg.source)) add('WRONG_SOURCE', `The ${token} transfer takes from ${source.pubkey.toBase58()}, not from ${names.source} (${leg.source.toBase58()}).`, index);
  if (!destination.pubkey.equals(leg.destination)) {
    add('WRONG_DESTINATION', `The ${token} transfer sends to ${destination.pubkey.toBase58()}, not to ${names.destination} (${leg.destination.toBase58()}).`, index);
  }
  if (!owner.pubkey.equals(leg.authority)) {
    add('WRONG_AUTHORITY', `The ${token} transfer is authorised by ${owner.pubkey.toBase58()}, not by ${names.authority} (${leg.authority.toBase58()}).`, index);
  }
  return {
    mint: mintKey.pubkey.toBase58(),
    amount: decoded.data.amount,
    decimals: decoded.data.decimals,
    programId: ix.programId.toBase58(),
    source: source.pubkey.toBase58(),
    destination: destination.pubkey.toBase58(),
    authority: owner.pubkey.toBase58(),
  };
}

/**
 * ATA CreateIdempotent: spl-token has no decoder for it, so the fixed form is compared: data = [1]
 * and accounts [payer, ata, owner, mint, System Program, token program]
 * (https://github.com/solana-program/associated-token-account, `CreateIdempotent`).
 */
function checkAta(ix: TransactionInstruction, index: number, expected: MigrationExpected, ata: PublicKey, add: Add): DecodedMigration['ataCreated'] | null {
  if (ix.data.length !== 1 || ix.data[0] !== 1) {
    add('ATA_INSTRUCTION_MISMATCH', 'The Associated Token Account instruction is not the idempotent creation of your ELIZAOS account.', index);
    return null;
  }
  if (ix.keys.length !== 6) {
    add('UNEXPECTED_ACCOUNTS', `The ELIZAOS account creation has ${ix.keys.length} accounts instead of 6.`, index);
    return null;
  }
  const [payer, address, owner, mint, system, tokenProgram] = ix.keys.map((k) => k.pubkey);
  if (!payer || !address || !owner || !mint || !system || !tokenProgram) return null;
  if (!payer.equals(expected.holder)) add('ATA_INSTRUCTION_MISMATCH', `The ELIZAOS account rent would be paid by ${payer.toBase58()}, not by your wallet.`, index);
  if (!owner.equals(expected.holder)) add('ATA_INSTRUCTION_MISMATCH', `The ELIZAOS account would belong to ${owner.toBase58()}, not to your wallet.`, index);
  if (!mint.equals(expected.elizaos.mint)) add('WRONG_MINT', `The account created is for the token ${mint.toBase58()}, not ELIZAOS.`, index);
  if (!tokenProgram.equals(expected.elizaos.programId)) {
    add('WRONG_TOKEN_PROGRAM', `The ELIZAOS account would be created under ${programName(tokenProgram)}, but ELIZAOS belongs to ${programName(expected.elizaos.programId)}.`, index);
  }
  if (!address.equals(ata)) add('ATA_INSTRUCTION_MISMATCH', `The account created (${address.toBase58()}) is not your ELIZAOS account (${ata.toBase58()}).`, index);
  if (!system.equals(SYSTEM_PROGRAM_ID)) add('ATA_INSTRUCTION_MISMATCH', 'The ELIZAOS account creation names another program in place of the System Program.', index);
  return { address: address.toBase58(), owner: owner.toBase58(), mint: mint.toBase58(), rentPayer: payer.toBase58() };
}

function checkMemo(ix: TransactionInstruction, index: number, expected: MigrationExpected, add: Add): string | null {
  if (ix.keys.length > 0) add('UNEXPECTED_ACCOUNTS', `The memo names ${ix.keys.length} account(s); the migration memo names none.`, index);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(ix.data);
  } catch {
    add('MEMO_MISMATCH', 'The memo is not valid text.', index);
    return null;
  }
  let wanted: string;
  try {
    wanted = migrationMemo(expected.migrationId);
  } catch {
    add('MEMO_MISMATCH', 'The expected migration id is not a UUID.', index);
    return null;
  }
  if (text !== wanted) {
    add('MEMO_MISMATCH', `The memo reads "${text.slice(0, 80)}" instead of "${wanted}".`, index);
    return null;
  }
  return text;
}

function programName(id: PublicKey): string {
  if (id.equals(TOKEN_PROGRAM_ID)) return 'the SPL Token program';
  if (id.equals(TOKEN_2022_PROGRAM_ID)) return 'the Token-2022 program';
  return id.toBase58();
}

export function isNonZeroHash(text: string): boolean {
  try {
    const bytes = bs58.decode(text);
    return bytes.length === 32 && bytes.some((b) => b !== 0);
  } catch {
    return false;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The Revoke transaction policy: the Revoke (built by `revoke-builder.ts`) clears stray SPL
 * delegates from the holder's AI16Z and ELIZAOS token accounts. Checked in the browser (on the
 * bytes handed to the wallet and on what the wallet hands back) and again by the RPC proxy before
 * it forwards the signed transaction (`lib/security/revoke-gate.ts`).
 *
 * Shape (one legacy transaction, fee payer = holder, the holder the only signer):
 * 1. optional ComputeBudget SetComputeUnitLimit / SetComputeUnitPrice within the caps;
 * 2. one SPL `Revoke` per affected token account, each to that account's own token program
 *    (Token or Token-2022), owner = holder, no multisig signers;
 * plus what wallets add (Lighthouse guards, bounded; a compute budget within the caps). The
 * envelope is `envelope.ts`'s, shared with the migration policy; everything else is a named
 * violation — Approve, SetAuthority, CloseAccount, Burn, transfers, any other program, another fee
 * payer, an extra signer, an account not on the list.
 *
 * A close authority is NOT cleared by this transaction: only the close authority itself can change
 * it (SetAuthority on an account checks `close_authority.unwrap_or(owner)`), so the portal explains
 * it and offers nothing to sign for it (components/migrate/stray-delegations.tsx).
 *
 * Runs in the browser and in Node: no `node:` imports, no secrets. Never throws on input bytes.
 */
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, TokenInstruction, decodeRevokeInstruction } from '@solana/spl-token';
import type { PublicKey, Transaction, VersionedTransaction } from '@solana/web3.js';
import { PROGRAM_NAMES } from '@/lib/solana/constants';
import {
  neverThrows,
  openEnvelope,
  tokenViolation,
  type Add as AnyAdd,
  type EnvelopeFacts,
  type EnvelopeSpec,
  type PolicyInstruction,
  type PolicyViolation,
  type SharedViolationCode,
} from '@/lib/solana/envelope';

/** Codes only the revoke policy uses; it also uses the shared codes (`SHARED_VIOLATION_CODES`). */
export const REVOKE_ONLY_VIOLATION_CODES = [
  /** The transaction revokes nothing. */
  'NO_REVOKE',
  /** A Revoke targets an account that is not one of the holder's listed token accounts. */
  'WRONG_ACCOUNT',
  /** A Revoke is authorised by someone other than the holder. */
  'WRONG_OWNER',
  /** The same account is revoked twice. */
  'DUPLICATE_REVOKE',
  /** An account the portal meant to clear is not revoked (browser check only). */
  'MISSING_REVOKE',
  /** A program the portal knows (ATA, Memo…) but that has no place in a Revoke transaction. */
  'INSTRUCTION_NOT_ALLOWED',
] as const;
export type RevokeViolationCode = SharedViolationCode | (typeof REVOKE_ONLY_VIOLATION_CODES)[number];

/** One refusal: a stable code, a plain sentence, and the instruction (0-based) it is about. */
export type RevokeViolation = PolicyViolation<RevokeViolationCode>;

/** A token account that may be revoked, with the program that owns it (Token or Token-2022). */
export type RevokableAccount = { address: PublicKey; programId: PublicKey };

/** What a Revoke transaction may do. */
export type RevokeExpected = {
  /** The holder: fee payer, only signer, owner of every revoked account. */
  holder: PublicKey;
  /** The accounts that may be revoked (the holder's AI16Z and ELIZAOS token accounts). */
  accounts: readonly RevokableAccount[];
};

export type RevokePolicyOptions = {
  /** Addresses (base58) refused anywhere in the account keys. */
  knownDrainers?: ReadonlySet<string> | readonly string[];
  /** Wallet additions (Lighthouse guards) accepted; default true. */
  allowWalletAdditions?: boolean;
  /**
   * Every listed account must be revoked (default true: the browser lists exactly what it built).
   * The proxy passes false: it lists all the holder's accounts of both mints and accepts a subset.
   */
  requireAll?: boolean;
};

/** One decoded Revoke. Addresses base58. */
export type DecodedRevoke = { index: number; account: string; owner: string; programId: string; programName: string };

/**
 * The facts of an accepted Revoke transaction, decoded from its bytes: the envelope's
 * ({@link EnvelopeFacts}: fee payer, signers, compute budget and priority fee, guards, programs,
 * blockhash, message hash) and the Revokes.
 */
export type DecodedRevokeTransaction = EnvelopeFacts & {
  holder: string;
  revokes: DecodedRevoke[];
};

export type RevokePolicyResult = { ok: true; revoke: DecodedRevokeTransaction } | { ok: false; violations: RevokeViolation[] };

type Add = AnyAdd<RevokeViolationCode>;

/**
 * Checks that `tx` is a Revoke transaction the portal would ask the holder to sign (see the module
 * comment for the accepted shape).
 *
 * @param tx wire bytes (signed or not), or a web3.js transaction.
 * @param expected the holder and the accounts that may be revoked.
 * @returns `{ok: true, revoke}` decoded from the bytes, or `{ok: false, violations}` naming every
 *   problem. Never throws: undecodable input is `MALFORMED_TRANSACTION`.
 * @see https://spl.solana.com/token (Revoke), DESIGN.md "The transaction policy" (the envelope)
 */
export function verifyRevokeTransaction(tx: Uint8Array | Transaction | VersionedTransaction, expected: RevokeExpected, opts: RevokePolicyOptions = {}): RevokePolicyResult {
  return neverThrows(() => verify(tx, expected, opts), (violations) => ({ ok: false, violations }));
}

const SUBJECT = 'the Revoke transaction';

function verify(tx: Uint8Array | Transaction | VersionedTransaction, expected: RevokeExpected, opts: RevokePolicyOptions): RevokePolicyResult {
  const holder = { key: expected.holder, name: 'your wallet' };
  const spec: EnvelopeSpec<RevokeViolationCode> = {
    subject: SUBJECT,
    feePayer: holder,
    signers: [holder],
    wallet: expected.holder,
    allowWalletAdditions: opts.allowWalletAdditions !== false,
    requireComputeUnitLimit: false,
    knownDrainers: opts.knownDrainers,
    programs: [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID],
    refuseProgram: (programId) => {
      const name = PROGRAM_NAMES.get(programId.toBase58());
      return name ? { code: 'INSTRUCTION_NOT_ALLOWED', message: `The transaction calls ${name}, which has no place in a Revoke transaction.` } : null;
    },
  };
  const envelope = openEnvelope(tx, spec);
  if (!envelope.opened) return { ok: false, violations: envelope.violations };
  const { violations, add } = envelope;
  const revokes = checkRevokes(envelope.instructions, expected, add);
  if (revokes.length === 0) add('NO_REVOKE', 'The transaction revokes nothing.');
  if (opts.requireAll !== false) {
    for (const a of expected.accounts) {
      if (!revokes.some((r) => r.account === a.address.toBase58())) add('MISSING_REVOKE', `The transaction does not revoke the delegate of ${a.address.toBase58()}.`);
    }
  }
  if (violations.length > 0) return { ok: false, violations };
  return { ok: true, revoke: { holder: expected.holder.toBase58(), ...envelope.facts, revokes } };
}

/** Each token instruction must be a Revoke of a listed account, by the holder, under the account's program. */
function checkRevokes(instructions: readonly PolicyInstruction[], expected: RevokeExpected, add: Add): DecodedRevoke[] {
  const allowed = new Map(expected.accounts.map((a) => [a.address.toBase58(), a.programId]));
  const revokes: DecodedRevoke[] = [];
  for (const { ix, index } of instructions) {
    const pid = ix.programId;
    if (ix.data[0] !== TokenInstruction.Revoke) {
      tokenViolation(ix, index, add, SUBJECT);
      continue;
    }
    let decoded: ReturnType<typeof decodeRevokeInstruction>;
    try {
      decoded = decodeRevokeInstruction(ix, pid);
    } catch {
      add('MALFORMED_INSTRUCTION', 'A Revoke instruction is not well formed.', index);
      continue;
    }
    const { account, owner, multiSigners } = decoded.keys;
    const address = account.pubkey.toBase58();
    const programName = PROGRAM_NAMES.get(pid.toBase58()) ?? pid.toBase58();
    if (multiSigners.length > 0) add('UNEXPECTED_ACCOUNTS', `A Revoke carries ${multiSigners.length} extra signer account(s).`, index);
    if (!owner.pubkey.equals(expected.holder)) add('WRONG_OWNER', `A Revoke is authorised by ${owner.pubkey.toBase58()}, not by your wallet.`, index);
    const program = allowed.get(address);
    if (!program) add('WRONG_ACCOUNT', `A Revoke targets ${address}, which is not one of your AI16Z or ELIZAOS token accounts.`, index);
    else if (!program.equals(pid)) add('WRONG_TOKEN_PROGRAM', `The Revoke of ${address} goes to ${programName}, not to the program that owns that account.`, index);
    if (revokes.some((r) => r.account === address)) add('DUPLICATE_REVOKE', `${address} is revoked twice.`, index);
    revokes.push({ index, account: address, owner: owner.pubkey.toBase58(), programId: pid.toBase58(), programName });
  }
  return revokes;
}

/**
 * The command line's preview of a migration transaction, in words: the same facts, in the same
 * order, as the browser's (components/migrate/preview.tsx). Everything about what the transaction
 * does comes from this machine's decode of the exact bytes to be signed (lib/solana/policy.ts
 * `DecodedMigration`), never from text the portal sent; whether the ELIZAOS account exists, its
 * rent and the balance changes come from the chain (a dry run through an RPC endpoint).
 */
import type { DecodedMigration } from '@/lib/solana/policy';
import type { OfficialParams } from '@/lib/solana/official-params';
import { formatBaseUnits } from '@/lib/solana/amounts';
import type { BalanceChange, SimulationResult } from '@/components/migrate/simulate';

const SOL_DECIMALS = 9;
const LAMPORTS_PER_SIGNATURE = 5_000n;

/** What the chain said about the transaction before signing, and where it was read. */
export type ChainFacts =
  | { kind: 'simulated'; result: Extract<SimulationResult, { ok: true }>; source: string }
  | { kind: 'failed'; reason: string; logs: string[]; source: string }
  | { kind: 'unavailable'; reason: string; source: string }
  /** `--sign`: this step does not read the chain. */
  | { kind: 'offline' };

const sol = (lamports: bigint) => `${formatBaseUnits(lamports, SOL_DECIMALS)} SOL`;

/** Label, value lines; continuation lines are indented under the value. */
function fact(label: string, value: string, ...more: string[]): string[] {
  const pad = ' '.repeat(19);
  return [`  ${label.padEnd(17)}${value}`, ...more.map((m) => `${pad}${m}`)];
}

/**
 * The preview's lines.
 * @param now the clock the validity sentence counts from
 */
export function formatPreview(input: { migration: DecodedMigration; params: OfficialParams; chain: ChainFacts; expiresAt: Date; now: Date }): string[] {
  const { migration: m, chain } = input;
  const baseFee = LAMPORTS_PER_SIGNATURE * BigInt(m.signers.length);
  const lines: string[] = ['Checked on this machine: this is the official migration transaction, for the amount you asked.', ''];
  lines.push(...fact('You send', `${formatBaseUnits(m.sends.amount, m.sends.decimals)} AI16Z to the migration vault ${m.sends.destination}`));
  lines.push(...fact('You receive', `${formatBaseUnits(m.receives.amount, m.receives.decimals)} ELIZAOS from the migration treasury ${m.receives.source}`));
  lines.push(
    ...fact(
      'Network fee',
      `${sol(baseFee)}, paid by you (${m.signers.length} signatures × ${LAMPORTS_PER_SIGNATURE.toLocaleString('en')} lamports)${m.maxPriorityFeeLamports > 0n ? `, plus a priority fee of at most ${sol(m.maxPriorityFeeLamports)}` : ''}`,
    ),
  );
  lines.push(...fact('ELIZAOS account', m.ataCreated.address, rentSentence(chain)));
  lines.push(...fact('Programs', m.programs.map((p) => `${p.name} (${p.programId})`).join(', ')));
  lines.push(
    ...fact(
      'Nothing else',
      'No approvals, no authority changes, nothing else: no other token or SOL leaves your wallet.',
      ...(m.walletAddedInstructions.length > 0 ? [`It carries ${m.walletAddedInstructions.length} wallet guard instruction(s) (${m.walletAddedInstructions.map((w) => w.kind).join(', ')}).`] : []),
    ),
  );
  lines.push(...fact('Memo', m.memo));
  lines.push(...fact('Message hash', m.messageHash, 'A Ledger blind-signing this transaction shows this hash: approve on the device only if it is the same.'));
  lines.push('');
  lines.push(...balanceLines(chain));
  lines.push('');
  lines.push(validitySentence(input.expiresAt, input.now));
  return lines;
}

function rentSentence(chain: ChainFacts): string {
  if (chain.kind === 'simulated') {
    const elizaos = chain.result.changes.find((c) => c.token === 'ELIZAOS');
    if (elizaos?.existsBefore) return 'Already exists: no rent.';
    return `Created for you the first time: ${sol(chain.result.rentLamports)} of rent, held in the account (returned if you ever close it).`;
  }
  const why = chain.kind === 'offline' ? 'this step does not read the chain' : 'the chain could not be read';
  return `Created if it does not exist yet; then you also pay its rent (about 0.002 SOL, held in the account). Whether it exists is unknown here: ${why}.`;
}

function balanceLines(chain: ChainFacts): string[] {
  if (chain.kind === 'offline') return ['Your balances: not simulated (this step does not read the chain; the dry run ran when the file was written).'];
  if (chain.kind === 'unavailable') return [`Your balances: the dry run could not be run just now (${chain.source}: ${chain.reason}). The checks above still apply.`];
  if (chain.kind === 'failed') {
    return [`Your balances: a dry run of this transaction on Solana FAILED (${chain.source}): ${chain.reason}`, ...chain.logs.slice(-6).map((l) => `  ${l}`)];
  }
  const rows = chain.result.changes.map((c) => balanceRow(c));
  const width = Math.max(...rows.map((r) => r[1].length));
  return [`Your balances, simulated on Solana (read through ${chain.source}):`, ...rows.map(([token, change, delta]) => `  ${token.padEnd(9)}${change.padStart(width)}   (${delta})`)];
}

function balanceRow(c: BalanceChange): [string, string, string] {
  const delta = c.after - c.before;
  const sign = delta < 0n ? '−' : '+';
  return [c.token, `${formatBaseUnits(c.before, c.decimals)} → ${formatBaseUnits(c.after, c.decimals)}`, `${sign}${formatBaseUnits(delta < 0n ? -delta : delta, c.decimals)}`];
}

/**
 * How long the transaction stays valid, plainly: the portal refuses it after `expiresAt`, and its
 * recent blockhash lands for about 60–90 s at most.
 */
export function validitySentence(expiresAt: Date, now: Date): string {
  const left = Math.round((expiresAt.getTime() - now.getTime()) / 1000);
  const when = `${expiresAt.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`;
  return left > 0
    ? `Valid until ${when} (${left} s from now): its recent blockhash lands for about 60–90 s at most, and the portal refuses it after that time.`
    : `EXPIRED at ${when} (${-left} s ago by this machine's clock): the portal refuses it now; start again for a fresh transaction.`;
}

/**
 * The figures of the preview's summary, from this browser's decode of the transaction and the
 * chain's dry run of it (never from the server's answer): what the holder sends and receives, the
 * network fee, and the rent of a new ELIZAOS account. Also compared when a fresh transaction
 * replaces an expiring one, to tell the holder what changed.
 */
import type { DecodedMigration } from '@/lib/solana/policy';
import { LAMPORTS_PER_SIGNATURE } from '@/lib/solana/sol-needed';
import type { SimulationResult } from '@/components/migrate/simulate';

/** Comparable forms of each figure (base units and lamports as decimal strings). */
export type PreviewFigures = { send: string; receive: string; fee: string; rent: string; balances: string };

/** The base network fee the holder pays: 5,000 lamports per signature of the transaction. */
export function networkFeeLamports(m: Pick<DecodedMigration, 'signers'>): bigint {
  return LAMPORTS_PER_SIGNATURE * BigInt(m.signers.length);
}

/** The rent the transaction moves into a new ELIZAOS account (0 when it exists), or null when the dry run did not say. */
export function rentLamports(simulation: SimulationResult | null): bigint | null {
  return simulation && simulation.ok ? simulation.rentLamports : null;
}

export function previewFigures(m: DecodedMigration, simulation: SimulationResult | null): PreviewFigures {
  const changes = simulation && simulation.ok ? simulation.changes.map((c) => `${c.token}:${c.before}>${c.after}`).join(',') : '';
  return {
    send: `${m.sends.amount}`,
    receive: `${m.receives.amount}`,
    fee: `${networkFeeLamports(m)}+${m.maxPriorityFeeLamports}`,
    rent: `${rentLamports(simulation) ?? '?'}`,
    balances: changes,
  };
}

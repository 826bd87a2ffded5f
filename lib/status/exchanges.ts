import 'server-only';
import { asc } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { type ExchangeRow, exchanges } from '@/lib/db/schema';
import type { LocalizedText } from '@/lib/status/incidents';

/**
 * Where each exchange stands with the migration (exchange-held AI16Z is migrated by the exchange,
 * from snapshot data; the holder does nothing unless the exchange says otherwise). Written by ops
 * (lib/ops/exchanges.ts), read by the status page and API.
 */
export const EXCHANGE_STATES = ['not_started', 'in_progress', 'completed', 'not_supported'] as const;
export type ExchangeState = (typeof EXCHANGE_STATES)[number];
export type ExchangeStatus = {
  slug: string; // 'kraken', 'bithumb', ...
  name: string; // 'Kraken'
  /** The name Korean readers know (`빗썸` for Bithumb), or null: Korean pages then show `name`. */
  nameKo: string | null;
  state: ExchangeState;
  whoMigrates: 'exchange' | 'holder'; // 'exchange': from snapshot data, the holder does nothing
  holderAction: LocalizedText; // what the holder should do
  updatedAt: Date;
  nextCheckIn: Date | null;
};

export function toExchangeStatus(row: ExchangeRow): ExchangeStatus {
  return {
    slug: row.slug,
    name: row.name,
    nameKo: row.nameKo,
    state: row.state,
    whoMigrates: row.whoMigrates,
    holderAction: { en: row.holderActionEn, ko: row.holderActionKo },
    updatedAt: row.updatedAt,
    nextCheckIn: row.nextCheckIn,
  };
}

/** The exchange's name for readers of `locale` (`빗썸` on a Korean page when ops gave one). */
export function exchangeName(e: Pick<ExchangeStatus, 'name' | 'nameKo'>, locale: string): string {
  return locale === 'ko' && e.nameKo ? e.nameKo : e.name;
}

/** Every exchange, by name. */
export async function listExchanges(): Promise<ExchangeStatus[]> {
  const db = await getDb();
  return (await db.select().from(exchanges).orderBy(asc(exchanges.name))).map(toExchangeStatus);
}

/** The JSON form (status API, ops API): dates as ISO 8601 strings. */
export function exchangeToJson(e: ExchangeStatus) {
  return { ...e, updatedAt: e.updatedAt.toISOString(), nextCheckIn: e.nextCheckIn?.toISOString() ?? null };
}

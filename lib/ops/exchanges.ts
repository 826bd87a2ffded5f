import 'server-only';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { exchanges } from '@/lib/db/schema';
import { ApiError } from '@/lib/http/errors';
import { audited } from '@/lib/ops/audit';
import { optionalText, plainLine, plainText } from '@/lib/text/plain';
import { EXCHANGE_STATES, exchangeToJson, toExchangeStatus } from '@/lib/status/exchanges';

/** An exchange's slug: lowercase letters, digits and dashes (`kraken`, `gate-io`). */
export const exchangeSlugSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, 'the slug must be 1–32 lowercase letters, digits or dashes');

/** `PUT /api/v1/ops/exchanges/{slug}`: every field optional for an existing exchange; a new one needs name, whoMigrates, holderAction.en and state. */
export const upsertExchangeSchema = z
  .object({
    name: plainLine(60, 'name').optional(),
    /** The name Korean readers know (빗썸, 업비트); null removes it (Korean pages then show `name`). */
    nameKo: z.union([plainLine(60, 'Korean name'), z.null()]).optional(),
    state: z.enum(EXCHANGE_STATES).optional(),
    whoMigrates: z.enum(['exchange', 'holder']).optional(),
    holderAction: z.object({ en: plainText(1_000, 'holder action (English)'), ko: optionalText(1_000, 'holder action (Korean)') }).strict().optional(),
    nextCheckIn: z.iso.datetime({ offset: true, error: 'nextCheckIn must be an ISO 8601 date-time' }).nullable().optional(),
    nextCheckInMinutes: z.coerce.number().int().min(1).max(60 * 24 * 90).optional(),
  })
  .strict();

/** Creates or changes an exchange's status, audited. */
export async function upsertExchange(actor: string, slugText: string, input: z.infer<typeof upsertExchangeSchema>, now = new Date()) {
  const slug = exchangeSlugSchema.parse(slugText);
  let nextCheckIn: Date | null | undefined;
  if (input.nextCheckInMinutes !== undefined) nextCheckIn = new Date(now.getTime() + input.nextCheckInMinutes * 60_000);
  else if (input.nextCheckIn !== undefined) nextCheckIn = input.nextCheckIn === null ? null : new Date(input.nextCheckIn);
  const row = await audited(actor, 'exchange.upsert', slug, async (tx) => {
    const [before] = await tx.select().from(exchanges).where(eq(exchanges.slug, slug)).for('update');
    if (!before) {
      if (!input.name || !input.state || !input.whoMigrates || !input.holderAction) {
        throw new ApiError('BAD_REQUEST', `There is no exchange "${slug}" yet: give name, state, whoMigrates and holderAction to add it.`);
      }
      const values = {
        slug,
        name: input.name,
        nameKo: input.nameKo ?? null,
        state: input.state,
        whoMigrates: input.whoMigrates,
        holderActionEn: input.holderAction.en,
        holderActionKo: input.holderAction.ko,
        updatedAt: now,
        nextCheckIn: nextCheckIn ?? null,
      };
      await tx.insert(exchanges).values(values);
      return { before: null, after: values, result: values };
    }
    const changes = {
      ...(input.name ? { name: input.name } : {}),
      ...(input.nameKo !== undefined ? { nameKo: input.nameKo } : {}),
      ...(input.state ? { state: input.state } : {}),
      ...(input.whoMigrates ? { whoMigrates: input.whoMigrates } : {}),
      ...(input.holderAction ? { holderActionEn: input.holderAction.en, holderActionKo: input.holderAction.ko } : {}),
      ...(nextCheckIn !== undefined ? { nextCheckIn } : {}),
      updatedAt: now,
    };
    const [after] = await tx.update(exchanges).set(changes).where(eq(exchanges.slug, slug)).returning();
    if (!after) throw new ApiError('NOT_FOUND', 'No such exchange.');
    return { before, after, result: after };
  });
  return exchangeToJson(toExchangeStatus(row));
}

import { readJsonBody } from '@/lib/http/errors';
import { upsertExchange, upsertExchangeSchema } from '@/lib/ops/exchanges';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

/** Creates or changes one exchange's status. */
export const PUT = opsRoute<{ slug: string }>(async ({ request, session, params }) =>
  upsertExchange(session.wallet, params.slug, upsertExchangeSchema.parse(await readJsonBody(request, 8_192))),
);

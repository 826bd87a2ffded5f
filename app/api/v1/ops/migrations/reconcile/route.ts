import { readJsonBody } from '@/lib/http/errors';
import { reconcileForOps, reconcileRequestSchema } from '@/lib/ops/migrations';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

/** `{id}` settles one migration from the chain now; `{}` every submitted one. */
export const POST = opsRoute(async ({ request, session }) => reconcileForOps(session.wallet, reconcileRequestSchema.parse(await readJsonBody(request, 512))));

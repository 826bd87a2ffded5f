import { readJsonBody } from '@/lib/http/errors';
import { resolveIncident, resolveIncidentSchema } from '@/lib/ops/incidents';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

export const POST = opsRoute<{ id: string }>(async ({ request, session, params }) =>
  resolveIncident(session.wallet, params.id, resolveIncidentSchema.parse(await readJsonBody(request, 16_384))),
);

import { readJsonBody } from '@/lib/http/errors';
import { updateIncident, updateIncidentSchema } from '@/lib/ops/incidents';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

export const POST = opsRoute<{ id: string }>(async ({ request, session, params }) =>
  updateIncident(session.wallet, params.id, updateIncidentSchema.parse(await readJsonBody(request, 16_384))),
);

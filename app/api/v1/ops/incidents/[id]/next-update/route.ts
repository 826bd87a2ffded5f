import { readJsonBody } from '@/lib/http/errors';
import { nextUpdateSchema, setIncidentNextUpdate } from '@/lib/ops/incidents';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

export const POST = opsRoute<{ id: string }>(async ({ request, session, params }) =>
  setIncidentNextUpdate(session.wallet, params.id, nextUpdateSchema.parse(await readJsonBody(request, 1_024))),
);

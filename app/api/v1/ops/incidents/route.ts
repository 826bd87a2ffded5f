import { NextResponse } from 'next/server';
import { readJsonBody } from '@/lib/http/errors';
import { postIncident, postIncidentSchema } from '@/lib/ops/incidents';
import { opsRoute } from '@/lib/ops/route';
import { incidentToJson, listIncidents } from '@/lib/status/incidents';

export const dynamic = 'force-dynamic';

export const GET = opsRoute(async () => ({ incidents: (await listIncidents({ limit: 200 })).map(incidentToJson) }));

export const POST = opsRoute(async ({ request, session }) =>
  NextResponse.json(await postIncident(session.wallet, postIncidentSchema.parse(await readJsonBody(request, 16_384))), { status: 201 }),
);

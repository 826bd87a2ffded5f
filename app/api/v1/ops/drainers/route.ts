import { NextResponse } from 'next/server';
import { readJsonBody } from '@/lib/http/errors';
import { addDrainer, addDrainerSchema, listKnownDrainers } from '@/lib/security/drainers';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

export const GET = opsRoute(async () => ({ drainers: await listKnownDrainers() }));

export const POST = opsRoute(async ({ request, session }) =>
  NextResponse.json(await addDrainer(session.wallet, addDrainerSchema.parse(await readJsonBody(request, 1_024))), { status: 201 }),
);

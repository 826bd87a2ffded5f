import { readJsonBody } from '@/lib/http/errors';
import { getMaintenanceForOps, maintenanceRequestSchema, setMaintenance } from '@/lib/maintenance/server';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

export const GET = opsRoute(async () => getMaintenanceForOps());

/** `{on: true, reason}` stops the wallet flow; `{on: false}` lifts the runtime flag. */
export const POST = opsRoute(async ({ request, session }) => setMaintenance(session.wallet, maintenanceRequestSchema.parse(await readJsonBody(request, 2_048))));

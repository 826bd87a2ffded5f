import { NextResponse } from 'next/server';
import { maintenanceToJson, readMaintenance } from '@/lib/maintenance/server';

export const dynamic = 'force-dynamic';

/**
 * The maintenance flag for the edge middleware (lib/maintenance/edge.ts), read fresh from
 * the database. Public information (the status API shows the same); never cached.
 */
export async function GET() {
  return NextResponse.json(maintenanceToJson(await readMaintenance()), { headers: { 'Cache-Control': 'no-store' } });
}

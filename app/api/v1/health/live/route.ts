import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { uptimeSeconds } from '@/lib/observability/health';
import { enforceHealthRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** Liveness: 200 while the process answers at all (no database, no chain). */
export async function GET(request: Request) {
  try {
    await enforceHealthRateLimit(request);
    return NextResponse.json({ status: 'ok', uptimeSeconds: uptimeSeconds() }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

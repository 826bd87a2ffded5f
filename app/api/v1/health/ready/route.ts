import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { isReady } from '@/lib/observability/health';
import { enforceHealthRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** Readiness: 200 once start-up finished (it stays 200 through a database or RPC outage: docs/DEPLOY.md "Health checks"), else 503. */
export async function GET(request: Request) {
  try {
    await enforceHealthRateLimit(request);
    const ready = isReady();
    return NextResponse.json({ status: ready ? 'ready' : 'starting' }, { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

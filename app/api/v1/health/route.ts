import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { publicHealth, readHealth } from '@/lib/observability/health';
import { enforceHealthRateLimit, isLoopbackClient } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** `{status, at, checks: {database, rpc, killSwitch, window, allowance, manifest}}`: 200 (ok, warn) or 503 (fail). */
export async function GET(request: Request) {
  try {
    await enforceHealthRateLimit(request);
    const answer = await readHealth();
    return NextResponse.json(isLoopbackClient(request) ? answer : publicHealth(answer), { status: answer.status === 'fail' ? 503 : 200, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

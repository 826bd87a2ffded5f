import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { getEligibility } from '@/lib/migration/eligibility';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ wallet: string }> }) {
  try {
    const quota = await enforceRateLimit('eligibility', request);
    const { wallet } = await params;
    return NextResponse.json(await quota.forSubject(wallet, () => getEligibility(wallet)), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

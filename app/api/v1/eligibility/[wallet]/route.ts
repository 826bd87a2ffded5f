import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { getEligibility } from '@/lib/migration/eligibility';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ wallet: string }> }) {
  try {
    const { wallet } = await params;
    await enforceRateLimit('eligibility', request, wallet);
    return NextResponse.json(await getEligibility(wallet), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { getWalletHistory } from '@/lib/migration/history';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** A wallet's migrations and deposits, newest first (DESIGN.md "Wallet history, health and metrics"). */
export async function GET(request: Request, { params }: { params: Promise<{ wallet: string }> }) {
  try {
    const quota = await enforceRateLimit('depositLookup', request);
    const { wallet } = await params;
    return NextResponse.json(await quota.forSubject(wallet, () => getWalletHistory(wallet)), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { getWalletHistory } from '@/lib/history/wallet';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** The wallet's migrations (and, with the deposit path, its deposits), newest first: lib/history/wallet.ts. */
export async function GET(request: Request, { params }: { params: Promise<{ wallet: string }> }) {
  try {
    const quota = await enforceRateLimit('eligibility', request);
    const { wallet } = await params;
    return NextResponse.json(await quota.forSubject(wallet, () => getWalletHistory(wallet)), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

import { NextResponse } from 'next/server';
import { getDepositView } from '@/lib/deposit/view';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { parseSignature } from '@/lib/migration/input';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** The deposits of one transaction, as recorded (a read: never sends). */
export async function GET(request: Request, { params }: { params: Promise<{ signature: string }> }) {
  try {
    const quota = await enforceRateLimit('depositLookup', request);
    const signature = parseSignature((await params).signature);
    const view = await quota.forSubject(signature, () => getDepositView(signature));
    if (!view) throw new ApiError('DEPOSIT_NOT_FOUND', 'The portal has no deposit with this signature yet. A deposit counts once it is final (about 15 seconds after it lands); send the signature to /api/v1/deposits to have it looked for now.');
    return NextResponse.json(view, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

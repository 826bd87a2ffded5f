import { NextResponse } from 'next/server';
import { errorResponse, readJsonBody } from '@/lib/http/errors';
import { issueSignInChallenge, nonceRequestSchema } from '@/lib/ops/auth';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** A single-use sign-in nonce and the SIWS fields to sign (lib/ops/auth.ts). */
export async function POST(request: Request) {
  try {
    const quota = await enforceRateLimit('opsSignIn', request);
    const body = nonceRequestSchema.parse(await readJsonBody(request, 512));
    return NextResponse.json(await quota.forSubject(body.wallet, () => issueSignInChallenge(body.wallet)), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

import { NextResponse } from 'next/server';
import { errorResponse, readJsonBody } from '@/lib/http/errors';
import { assertSameOrigin, completeSignIn, signInRequestSchema } from '@/lib/ops/auth';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** Checks a signed SIWS message (or memo transaction) and opens an ops session (cookie). */
export async function POST(request: Request) {
  try {
    await enforceRateLimit('opsVerify', request);
    assertSameOrigin(request);
    const body = signInRequestSchema.parse(await readJsonBody(request, 4_096));
    const signedIn = await completeSignIn(body);
    return NextResponse.json(
      { wallet: signedIn.wallet, expiresAt: signedIn.expiresAt.toISOString() },
      { headers: { 'Cache-Control': 'no-store', 'Set-Cookie': signedIn.setCookie } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}

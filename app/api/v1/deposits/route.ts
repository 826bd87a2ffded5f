import { NextResponse } from 'next/server';
import { depositNudgeRequestSchema } from '@/lib/api/types';
import { nudgeDeposit } from '@/lib/deposit/nudge';
import { errorResponse, readJsonBody } from '@/lib/http/errors';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** `{signature}`: look for this deposit now (DESIGN.md "Deposit and receive"). 202 while pending, 200 once settled. */
export async function POST(request: Request) {
  try {
    const quota = await enforceRateLimit('depositNudge', request);
    const body = depositNudgeRequestSchema.parse(await readJsonBody(request, 512));
    const answer = await quota.forSubject(body.signature, () => nudgeDeposit(body.signature));
    return NextResponse.json(answer.body, { status: answer.status, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

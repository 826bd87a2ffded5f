import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { declineMigration } from '@/lib/migration/decline';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** The holder declined the build in the wallet (lib/migration/decline.ts). No body. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const quota = await enforceRateLimit('submit', request);
    const { id } = await params;
    return NextResponse.json(await quota.forSubject(id, () => declineMigration(id)), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

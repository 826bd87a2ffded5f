import { NextResponse } from 'next/server';
import { submitRequestSchema } from '@/lib/api/types';
import { errorResponse, readJsonBody } from '@/lib/http/errors';
import { submitMigration } from '@/lib/migration/submit';
import { timedMigrationStep } from '@/lib/observability/metrics';
import { assertWalletFlowOpen } from '@/lib/maintenance/server';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    return await timedMigrationStep('submit', async () => {
      const quota = await enforceRateLimit('submit', request);
      // Before the body is read: while stopped, every request gets 503 MAINTENANCE, whatever it holds
      // (the middleware's flag read may have given up under load and left the answer to this handler).
      await assertWalletFlowOpen();
      const { id } = await params;
      const body = submitRequestSchema.parse(await readJsonBody(request, 8_192));
      return NextResponse.json(await quota.forSubject(id, () => submitMigration(id, body.transaction)), { status: 202, headers: { 'Cache-Control': 'no-store' } });
    });
  } catch (error) {
    return errorResponse(error);
  }
}

import { NextResponse } from 'next/server';
import { buildRequestSchema } from '@/lib/api/types';
import { errorResponse, readJsonBody } from '@/lib/http/errors';
import { buildMigration } from '@/lib/migration/build';
import { timedMigrationStep } from '@/lib/observability/metrics';
import { assertWalletFlowOpen } from '@/lib/maintenance/server';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  try {
    return await timedMigrationStep('build', async () => {
      const quota = await enforceRateLimit('build', request);
      // Before the body is read: while stopped, every request gets 503 MAINTENANCE, whatever it holds
      // (the middleware's flag read may have given up under load and left the answer to this handler).
      await assertWalletFlowOpen();
      const body = buildRequestSchema.parse(await readJsonBody(request, 1_024));
      return NextResponse.json(await quota.forSubject(body.wallet, () => buildMigration(body)), { status: 201, headers: { 'Cache-Control': 'no-store' } });
    });
  } catch (error) {
    return errorResponse(error);
  }
}

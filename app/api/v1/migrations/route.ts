import { NextResponse } from 'next/server';
import { buildRequestSchema } from '@/lib/api/types';
import { errorResponse, readJsonBody } from '@/lib/http/errors';
import { buildMigration } from '@/lib/migration/build';
import { timedMigrationStep } from '@/lib/observability/metrics';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  try {
    return await timedMigrationStep('build', async () => {
      const quota = await enforceRateLimit('build', request);
      const body = buildRequestSchema.parse(await readJsonBody(request, 1_024));
      return NextResponse.json(await quota.forSubject(body.wallet, () => buildMigration(body)), { status: 201, headers: { 'Cache-Control': 'no-store' } });
    });
  } catch (error) {
    return errorResponse(error);
  }
}

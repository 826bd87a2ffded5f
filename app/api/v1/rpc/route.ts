import { NextResponse } from 'next/server';
import { errorResponse, readJsonBody } from '@/lib/http/errors';
import { proxyRpc, RPC_MAX_BODY_BYTES } from '@/lib/security/rpc-proxy';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  try {
    await enforceRateLimit('rpc', request);
    const answer = await proxyRpc(await readJsonBody(request, RPC_MAX_BODY_BYTES));
    return NextResponse.json(answer, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

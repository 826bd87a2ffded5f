import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { readPublicStatus } from '@/lib/status/public-status';
import { PUBLIC_STATUS_CACHE_CONTROL } from '@/lib/security/headers';

export const dynamic = 'force-dynamic';

/** The canonical status as JSON (DESIGN.md "HTTP API v1"); briefly cacheable by anyone. */
export async function GET() {
  try {
    return NextResponse.json(await readPublicStatus(), { headers: { 'Cache-Control': PUBLIC_STATUS_CACHE_CONTROL } });
  } catch (error) {
    return errorResponse(error);
  }
}

import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { getServedManifest } from '@/lib/release/served';

export const dynamic = 'force-dynamic';

/**
 * `GET /.well-known/migration-manifest.json`: the signed deployment manifest
 * (`{manifest, signature, publicKey, algorithm}`, lib/release/manifest.ts). The middleware gives it
 * the API security headers, `no-store` included: the snapshot root in it can change with an import.
 */
export async function GET() {
  try {
    return NextResponse.json(await getServedManifest(), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { listKnownDrainers } from '@/lib/security/drainers';

export const dynamic = 'force-dynamic';

/**
 * The ops-managed known-drainer list, read-only: `{drainers: [{address, label}]}`. The browser uses
 * it only to name an address it found on chain (a stray delegate, a key in a pasted transaction).
 */
export async function GET() {
  try {
    const drainers = (await listKnownDrainers()).map((d) => ({ address: d.address, label: d.label }));
    return NextResponse.json({ drainers }, { headers: { 'Cache-Control': 'public, max-age=10' } });
  } catch (error) {
    return errorResponse(error);
  }
}

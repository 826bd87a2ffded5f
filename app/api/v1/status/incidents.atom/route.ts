import { getConfig } from '@/lib/config';
import { errorResponse } from '@/lib/http/errors';
import { PUBLIC_STATUS_CACHE_CONTROL } from '@/lib/security/headers';
import { incidentsAtomFeed } from '@/lib/status/atom';
import { listIncidents } from '@/lib/status/incidents';

export const dynamic = 'force-dynamic';

/** Incidents as an Atom feed (lib/status/atom.ts). */
export async function GET() {
  try {
    const xml = incidentsAtomFeed(await listIncidents({ limit: 50 }), { appUrl: getConfig().appUrl, now: new Date() });
    return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': PUBLIC_STATUS_CACHE_CONTROL } });
  } catch (error) {
    return errorResponse(error);
  }
}

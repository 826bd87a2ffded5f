import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { lookupTicket } from '@/lib/support/tickets';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** The holder's view of a ticket; the secret comes in `X-Ticket-Secret` (preferred) or `?secret=`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const quota = await enforceRateLimit('ticketLookup', request);
    const { id } = await params;
    const secret = request.headers.get('x-ticket-secret') ?? new URL(request.url).searchParams.get('secret');
    return NextResponse.json(await quota.forSubject(id, () => lookupTicket(id, secret)), { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

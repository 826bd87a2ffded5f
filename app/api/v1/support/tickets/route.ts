import { NextResponse } from 'next/server';
import { errorResponse, readJsonBody } from '@/lib/http/errors';
import { TICKET_MAX_BYTES } from '@/lib/support/schema';
import { createTicket } from '@/lib/support/tickets';
import { enforceRateLimit } from '@/lib/security/rate-limit';

export const dynamic = 'force-dynamic';

/** A holder's support ticket → 201 `{id, secret, lookupPath}`; refuses seed phrases and keys unstored. */
export async function POST(request: Request) {
  try {
    await enforceRateLimit('supportTicket', request);
    const ticket = await createTicket(await readJsonBody(request, TICKET_MAX_BYTES));
    return NextResponse.json(ticket, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

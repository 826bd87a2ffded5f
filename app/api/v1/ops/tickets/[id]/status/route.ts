import { readJsonBody } from '@/lib/http/errors';
import { opsRoute } from '@/lib/ops/route';
import { changeTicketStatus, ticketStatusChangeSchema } from '@/lib/support/tickets';

export const dynamic = 'force-dynamic';

/** `{status, note}`; resolving or closing needs the note (it becomes the resolution the holder reads). */
export const POST = opsRoute<{ id: string }>(async ({ request, session, params }) =>
  changeTicketStatus(session.wallet, params.id, ticketStatusChangeSchema.parse(await readJsonBody(request, 8_192))),
);

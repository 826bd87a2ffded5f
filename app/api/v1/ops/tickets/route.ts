import { opsRoute } from '@/lib/ops/route';
import { listTicketsForOps, ticketListQuerySchema } from '@/lib/support/tickets';

export const dynamic = 'force-dynamic';

/** `?status=active|all|open|in_progress|waiting_for_holder|resolved|closed&limit=` */
export const GET = opsRoute(async ({ request }) => ({
  tickets: await listTicketsForOps(ticketListQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams))),
}));

import { listDepositsForOps } from '@/lib/ops/deposits';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

/** `?filter=refund_pending|open|all` */
export const GET = opsRoute(async ({ request }) => ({ deposits: await listDepositsForOps(new URL(request.url).searchParams.get('filter')) }));

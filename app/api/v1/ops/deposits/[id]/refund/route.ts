import { refundDeposit } from '@/lib/deposit/refund';
import { depositIdSchema } from '@/lib/ops/deposits';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

/** Refunds a deposit's refund-pending amount to its source token account: sent, or prepared for the offline owner. */
export const POST = opsRoute<{ id: string }>(async ({ session, params }) => refundDeposit(session.wallet, depositIdSchema.parse(params.id)));

import { readJsonBody } from '@/lib/http/errors';
import { rejectDepositRefund } from '@/lib/deposit/refund';
import { depositIdSchema, rejectRefundSchema } from '@/lib/ops/deposits';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

/** `{note}`: no refund, with a note the holder reads. */
export const POST = opsRoute<{ id: string }>(async ({ request, session, params }) => rejectDepositRefund(session.wallet, depositIdSchema.parse(params.id), rejectRefundSchema.parse(await readJsonBody(request, 2_048)).note));

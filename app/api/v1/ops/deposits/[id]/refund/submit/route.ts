import { readJsonBody } from '@/lib/http/errors';
import { refundSubmitSchema, depositIdSchema } from '@/lib/ops/deposits';
import { opsRoute } from '@/lib/ops/route';
import { submitSignedRefund } from '@/lib/deposit/refund';

export const dynamic = 'force-dynamic';

/** `{transaction}`: the prepared refund, signed by the offline deposit owner. */
export const POST = opsRoute<{ id: string }>(async ({ request, session, params }) =>
  submitSignedRefund(session.wallet, depositIdSchema.parse(params.id), refundSubmitSchema.parse(await readJsonBody(request, 4_096)).transaction),
);

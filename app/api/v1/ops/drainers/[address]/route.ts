import { removeDrainer } from '@/lib/security/drainers';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

export const DELETE = opsRoute<{ address: string }>(async ({ session, params }) => removeDrainer(session.wallet, params.address));

import { opsRoute } from '@/lib/ops/route';
import { exchangeToJson, listExchanges } from '@/lib/status/exchanges';

export const dynamic = 'force-dynamic';

export const GET = opsRoute(async () => ({ exchanges: (await listExchanges()).map(exchangeToJson) }));

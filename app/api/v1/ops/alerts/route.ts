import { getRpcPool } from '@/lib/chain';
import { getConfig } from '@/lib/config';
import { alertsAnswer, evaluateAlerts } from '@/lib/observability/alerts';
import { refreshOpsFigures } from '@/lib/observability/figures';
import { opsRoute } from '@/lib/ops/route';
import { violationsInLastHour } from '@/lib/security/violations';

export const dynamic = 'force-dynamic';

/** The alerts as this instance sees them now (figures read afresh), for `npm run ops -- alerts`. */
export const GET = opsRoute(async () => {
  const now = new Date();
  const figures = await refreshOpsFigures(now);
  const alerts = evaluateAlerts({ figures, endpoints: getRpcPool().health(), cspReportsLastHour: violationsInLastHour(now.getTime()) }, getConfig().alerts, now);
  return alertsAnswer(alerts, now);
});

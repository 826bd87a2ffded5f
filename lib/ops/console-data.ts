import 'server-only';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db';
import { listKnownDrainers } from '@/lib/security/drainers';
import { listAudit } from '@/lib/ops/audit';
import { listDepositsForOps } from '@/lib/ops/deposits';
import type { OpsSession } from '@/lib/ops/auth';
import { listTicketsForOps } from '@/lib/support/tickets';
import { listExchanges } from '@/lib/status/exchanges';
import { listIncidents } from '@/lib/status/incidents';
import { readMaintenance, readOpsMaintenanceFlag } from '@/lib/maintenance/server';

/** Everything the console shows, read for a verified session (never call it without one). */
export async function loadConsoleData(session: OpsSession, now = new Date()) {
  const db = await getDb();
  const [flag, effective, incidents, exchanges, drainers, tickets, audit, deposits] = await Promise.all([
    readOpsMaintenanceFlag(db).catch(() => ({ on: false, reason: null, reasonKo: null, since: null, setBy: null })),
    readMaintenance(),
    listIncidents({ limit: 100 }),
    listExchanges(),
    listKnownDrainers(),
    listTicketsForOps({ status: 'active', limit: 200 }),
    listAudit({ limit: 50 }),
    listDepositsForOps('open'),
  ]);
  return {
    now,
    wallet: session.wallet,
    sessionExpiresAt: session.expiresAt,
    deployKillSwitch: getConfig().killSwitch,
    flag: { on: flag.on, reason: flag.reason, reasonKo: flag.reasonKo, since: flag.since, setBy: flag.setBy },
    effective,
    incidents,
    exchanges,
    drainers,
    tickets,
    audit,
    deposits,
    depositOwnerKeyOnServer: getConfig().deposit.ownerKey !== null,
  };
}

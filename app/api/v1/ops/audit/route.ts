import { auditToCsv, listAllAudit, listAudit } from '@/lib/ops/audit';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

/** `?format=csv` (the whole log, as a download) or JSON (`?limit=&before=` newest first). */
export const GET = opsRoute(async ({ request }) => {
  const params = new URL(request.url).searchParams;
  if (params.get('format') === 'csv') {
    return new Response(auditToCsv(await listAllAudit()), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="ops-audit-${new Date().toISOString().slice(0, 10)}.csv"` },
    });
  }
  const limit = Number(params.get('limit') ?? '100');
  const before = Number(params.get('before') ?? '0');
  return { entries: await listAudit({ limit: Number.isInteger(limit) ? limit : 100, beforeId: Number.isInteger(before) && before > 0 ? before : undefined }) };
});

import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { getConfig } from '@/lib/config';
import { ApiError } from '@/lib/http/errors';
import { renderMetrics } from '@/lib/observability/metrics';

/**
 * Whether an `Authorization` header carries `Bearer <METRICS_TOKEN>`, compared in constant time
 * (both sides hashed first, so neither the token's length nor its bytes leak through timing).
 */
export function bearerMatches(header: string | null, token: string): boolean {
  const presented = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '')?.[1] ?? '';
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}

/**
 * `GET /api/v1/metrics`: this instance's metrics in Prometheus text format.
 * @throws ApiError NOT_FOUND (metrics are off: no METRICS_TOKEN), UNAUTHENTICATED (401: no or a wrong bearer token).
 */
export async function scrapeMetrics(request: Request): Promise<{ body: string; contentType: string }> {
  const token = getConfig().metricsToken;
  if (!token) throw new ApiError('NOT_FOUND', 'Metrics are off on this server (set METRICS_TOKEN to turn them on).');
  if (!bearerMatches(request.headers.get('authorization'), token)) {
    throw new ApiError('UNAUTHENTICATED', 'Metrics need `Authorization: Bearer <METRICS_TOKEN>`.');
  }
  return renderMetrics();
}

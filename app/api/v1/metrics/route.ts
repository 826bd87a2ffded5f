import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { scrapeMetrics } from '@/lib/observability/metrics-endpoint';

export const dynamic = 'force-dynamic';

/** Prometheus text format, behind `Authorization: Bearer $METRICS_TOKEN` (401 without it). */
export async function GET(request: Request) {
  try {
    const { body, contentType } = await scrapeMetrics(request);
    return new NextResponse(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

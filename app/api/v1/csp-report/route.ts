import { NextResponse } from 'next/server';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { CSP_REPORT_MAX_BYTES, parseSecurityReports, readBodyUpTo } from '@/lib/security/csp';
import { recordViolation } from '@/lib/security/violations';

export const dynamic = 'force-dynamic';

/**
 * Violation reports from browsers (CSP `report-uri` / `report-to`, `Integrity-Policy`): each one
 * becomes one `security.violation` log line and counts in `http_csp_reports_total`. Write-only: nothing here is ever read back, so
 * the endpoint gives an attacker nothing but log lines, at most 8 KB per request.
 */
export async function POST(request: Request) {
  try {
    const body = await readBodyUpTo(request, CSP_REPORT_MAX_BYTES);
    if (body === null) throw new ApiError('PAYLOAD_TOO_LARGE', `A report body is at most ${CSP_REPORT_MAX_BYTES} bytes.`);
    const parsed = parseSecurityReports(request.headers.get('content-type'), body);
    if (!parsed.ok) throw new ApiError('BAD_REQUEST', parsed.reason);
    for (const violation of parsed.violations) recordViolation(violation);
    return new NextResponse(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    // A body that fails mid-stream (client gone) is the client's problem, not a 500.
    return errorResponse(error instanceof ApiError ? error : new ApiError('BAD_REQUEST', 'The report could not be read.'));
  }
}

import 'server-only';
import { NextResponse } from 'next/server';
import { errorResponse } from '@/lib/http/errors';
import { assertSameOrigin, authenticateOps, type OpsSession } from '@/lib/ops/auth';

export type OpsContext<P> = { request: Request; session: OpsSession; params: P };

/**
 * Wraps an ops API handler: the session is checked first (401/403), state-changing methods also
 * need this portal's `Origin` and a JSON body, then `handler` runs. A plain value becomes a 200
 * JSON answer; every answer carries the refreshed session cookie (sliding idle limit) and
 * `no-store`. Errors become the standard JSON error answer.
 */
export function opsRoute<P = Record<string, never>>(handler: (context: OpsContext<P>) => Promise<unknown>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') assertSameOrigin(request);
      const session = await authenticateOps(request);
      const result = await handler({ request, session, params: await context.params });
      const response = result instanceof Response ? result : NextResponse.json(result);
      response.headers.set('Cache-Control', 'no-store');
      // A handler that ends the session (sign-out) sets its own cookie; keep it.
      if (!response.headers.has('Set-Cookie')) response.headers.append('Set-Cookie', session.setCookie);
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}

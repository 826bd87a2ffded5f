'use client';

import { ApiRequestError } from '@/lib/api/client';
import { ErrorNotice } from '@/components/errors/error-notice';
import { useErrorContext } from '@/components/errors/use-error-text';
import { OPS_ERROR_EXTRA } from '@/components/ops/errors';

/** Why the session cookie was refused (rendered by the server page), worded like every other ops error. */
export function OpsRefusal({ code, message, status }: { code: string; message: string; status: number }) {
  const context = useErrorContext('opsSignIn', OPS_ERROR_EXTRA);
  return <ErrorNotice error={new ApiRequestError(code, message, {}, status, null)} context={context} testId="ops-refusal" />;
}

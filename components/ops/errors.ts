/**
 * How the ops console words errors: through the one error function (components/errors/error-text.ts)
 * in English (the console's provider carries English messages only), with the server's own
 * sentence shown as detail, since operators need its specifics ("the deploy-level kill switch is
 * on", "a ticket cannot be closed without a note").
 */
import type { ErrorTextContext } from '@/components/errors/error-text';

/** Module-level, so the context `useErrorContext` builds from it stays stable between renders. */
export const OPS_ERROR_EXTRA: Partial<ErrorTextContext> = { serverDetail: true };

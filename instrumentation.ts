/**
 * Start-up hook of every Next server (https://nextjs.org/docs/app/guides/instrumentation).
 * The Node work lives in instrumentation-node.ts behind a `process.env.NEXT_RUNTIME` check that
 * webpack resolves at build time, so the database and RPC clients never reach the edge bundle.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { registerNode } = await import('./instrumentation-node');
    await registerNode();
  }
}

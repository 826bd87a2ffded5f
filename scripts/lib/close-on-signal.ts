/**
 * Keeps a long-running script (demo, localnet, the e2e stack) up until Ctrl-C or SIGTERM, then
 * runs `close` (stop the app, the validator, the database) and exits 0.
 */
export function closeOnSignal(close: () => Promise<void>): void {
  const shutdown = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

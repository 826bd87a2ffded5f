/**
 * The few settings the edge middleware needs, read from the environment without the full schema
 * (lib/config/env.ts pulls web3.js, which the edge bundle must not carry). `MAINTENANCE_FLAG_URL`
 * is also validated by the full schema at start-up, so a malformed value stops the Node server
 * before the middleware ever sees it.
 */

/** Where the internal maintenance-flag route answers (app/api/internal/maintenance/route.ts). */
export const MAINTENANCE_FLAG_PATH = '/api/internal/maintenance';

/**
 * The URL the middleware fetches the runtime maintenance flag from: `MAINTENANCE_FLAG_URL`, or this
 * server itself on loopback (`http://127.0.0.1:$PORT`: server.ts sets PORT to the port it listens on, 3000 by default).
 * Never derived from the request: its Host header is the client's to choose, and a flag read from a
 * host an attacker names could say "off".
 */
export function maintenanceFlagUrl(env: Record<string, string | undefined> = process.env): string {
  const configured = env.MAINTENANCE_FLAG_URL?.trim();
  if (configured) return configured;
  return `${loopbackOrigin(env)}${MAINTENANCE_FLAG_PATH}`;
}

/** This server on loopback, `http://127.0.0.1:$PORT` (server.ts sets PORT to the port it listens on; default 3000). */
export function loopbackOrigin(env: Record<string, string | undefined> = process.env): string {
  const port = /^\d{1,5}$/.test(env.PORT?.trim() ?? '') ? env.PORT?.trim() : '3000';
  return `http://127.0.0.1:${port}`;
}

/** The deploy-level kill switch (`MIGRATION_KILL_SWITCH=on`), read at the edge without a round trip. */
export function deployKillSwitchOn(env: Record<string, string | undefined> = process.env): boolean {
  return env.MIGRATION_KILL_SWITCH?.trim() === 'on';
}

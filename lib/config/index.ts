import 'server-only';
import { type AppConfig, ConfigError, parseEnv } from '@/lib/config/env';
import { log } from '@/lib/observability/log';

export { ConfigError, type AppConfig, type Cluster, type MintConfig } from '@/lib/config/env';

let cached: AppConfig | undefined;

/**
 * The deployment's configuration, parsed from `process.env` on first use and cached.
 * The only place in the app that reads `process.env` (Next's own `NODE_ENV` aside).
 *
 * @throws ConfigError naming each missing or malformed variable.
 */
export function getConfig(): AppConfig {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Reports a configuration error and exits; used at start-up by instrumentation and scripts: one
 * `startup.refused` log line (fatal, with every problem), and the same text, as an operator reads
 * it, on stderr.
 */
export function exitOnConfigError(error: unknown): never {
  const text = error instanceof ConfigError ? error.message : `Start-up check failed: ${error instanceof Error ? error.message : String(error)}`;
  log('server').fatal({ event: 'startup.refused', problems: error instanceof ConfigError ? error.problems : undefined }, text);
  process.stderr.write(`\n${text}\n\n`);
  process.exit(1);
}

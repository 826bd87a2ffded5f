import 'server-only';
import { type AppConfig, ConfigError, parseEnv } from '@/lib/config/env';

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

/** Prints a configuration error for an operator and exits; used at start-up by instrumentation and scripts. */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error('\nStart-up check failed:', error instanceof Error ? error.message : error, '\n');
  }
  process.exit(1);
}

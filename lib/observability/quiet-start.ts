/**
 * Import first (server.ts): keeps one known, harmless start-up message off the console.
 *
 * `bigint-buffer` (under @solana/spl-token, via @solana/buffer-layout-utils) tries to load a native
 * addon and, when that fails, warns "bigint: Failed to load bindings, pure JS will be used" on
 * every load. The addon is never built here: npm skips its install script (.npmrc, npm 11), and
 * the pure-JS fallback is what every install of this portal runs; it is correct and amply fast
 * for the few conversions a request makes. A newcomer read the warning, printed three times at
 * start-up, as a broken install; it is now dropped, and explained once at `debug` level
 * (README "Logs").
 */
import { log } from '@/lib/observability/log';

const BIGINT_BUFFER_WARNING = 'bigint: Failed to load bindings, pure JS will be used';
const KEY = Symbol.for('elizaos-migration.quiet-start');
const holder = globalThis as { [KEY]?: boolean };

if (!holder[KEY]) {
  holder[KEY] = true;
  const warn = console.warn.bind(console);
  let explained = false;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith(BIGINT_BUFFER_WARNING)) {
      if (!explained) {
        explained = true;
        log('server').debug({ event: 'startup.bigint_pure_js' }, 'bigint-buffer runs its pure-JS fallback (its native addon is not built by design); nothing is wrong');
      }
      return;
    }
    warn(...args);
  };
}

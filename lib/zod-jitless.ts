/**
 * zod 4 compiles object parsers with `new Function` when it can, and probes for it with
 * `Function("")` when a schema is *defined*. Under the portal's CSP (no 'unsafe-eval') that probe
 * is a reported violation. Jitless parsing needs no eval and is fast enough for our payloads.
 *
 * Import this module first, before any module that defines a schema, in every browser entry.
 * https://zod.dev/api#jitless (z.config)
 */
import { z } from 'zod';

z.config({ jitless: true });

/**
 * The last step of `npm run build`: compiles server.ts to .next/portal-server.cjs, which
 * `npm start` runs (scripts/lib/app-server.ts says why it is compiled).
 */
import { compileServer, SERVER_BUNDLE } from '@/scripts/lib/app-server';

const started = performance.now();
try {
  compileServer(process.cwd());
  console.log(`server: server.ts compiled to ${SERVER_BUNDLE} in ${(performance.now() - started).toFixed(0)} ms`);
} catch (error) {
  console.error(`server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

/**
 * server.ts compiled (README "Commands": `npm run build` writes it, `npm start` runs it): one
 * CommonJS file with the few `lib/` modules server.ts imports bundled in and every package left
 * to node_modules. Compiled rather than run under tsx: measured on the 2-core machine, tsx's
 * loader made the start to "[server] ready" about 1 s slower (median 3.0 s against 2.0 s) and
 * the process ~90 MB larger after the first pages (619 MB against 526 MB), since it hooks every
 * module Next loads (docs/ARCHITECTURE.md "The production server").
 */
export const SERVER_BUNDLE = path.join('.next', 'portal-server.cjs');

/**
 * Compiles `dir`/server.ts to `dir`/.next/portal-server.cjs with the esbuild that tsx brings
 * (well under a second). Run after `next build` and whenever server.ts or the modules it imports change.
 * @throws esbuild's error when server.ts does not compile
 */
export function compileServer(dir: string): string {
  const outfile = path.join(dir, SERVER_BUNDLE);
  buildSync({
    entryPoints: [path.join(dir, 'server.ts')],
    outfile,
    tsconfig: path.join(dir, 'tsconfig.json'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    banner: { js: '// server.ts compiled by `npm run build` (scripts/lib/app-server.ts); do not edit.' },
  });
  return outfile;
}

/**
 * The command line of one production instance of the built app, as `npm start` runs it: the
 * compiled server.ts (Next's handler, compression, the script-free status pages) with
 * NODE_ENV=production, as a single Node process (so a signal reaches the server itself). Run it
 * in a project directory holding a build (`.next/`, the compiled server included) and its node_modules.
 */
export function appServerCommand(port: number, env: NodeJS.ProcessEnv): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    command: process.execPath,
    args: [SERVER_BUNDLE, '-p', String(port)],
    env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  };
}

/** Starts appServerCommand in `options.cwd`, compiling the server first if that build has no compiled copy (a plain `next build`). */
export function spawnAppServer(options: { cwd: string; port: number; env: NodeJS.ProcessEnv; stdio: StdioOptions }): ChildProcess {
  if (!existsSync(path.join(options.cwd, SERVER_BUNDLE))) compileServer(options.cwd);
  const { command, args, env } = appServerCommand(options.port, options.env);
  return spawn(command, args, { cwd: options.cwd, env, stdio: options.stdio });
}

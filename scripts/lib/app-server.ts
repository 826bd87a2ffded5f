import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';

/**
 * The command line of one production instance of the built app, as `npm start` runs it: server.ts
 * (Next's handler, compression, the script-free status pages) under tsx with NODE_ENV=production,
 * as a single Node process (tsx as a loader, not its CLI, so a signal reaches the server itself).
 * Run it in a project directory holding a build (`.next/`) and its node_modules.
 */
export function appServerCommand(port: number, env: NodeJS.ProcessEnv): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    command: process.execPath,
    args: ['--import', 'tsx', 'server.ts', '-p', String(port)],
    env: { ...env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  };
}

/** Starts appServerCommand in `options.cwd`. */
export function spawnAppServer(options: { cwd: string; port: number; env: NodeJS.ProcessEnv; stdio: StdioOptions }): ChildProcess {
  const { command, args, env } = appServerCommand(options.port, options.env);
  return spawn(command, args, { cwd: options.cwd, env, stdio: options.stdio });
}

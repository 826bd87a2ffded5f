/**
 * The environment a deployment's own server would see, for commands that act on that deployment
 * (doctor, manifest): the process environment, plus `--env-file FILE` if given, else the .env files
 * `next start` reads (.env.production.local, .env.local, .env.production, .env), through Next's
 * own loader. Variables already set win, as in Next.
 */
import path from 'node:path';
import { loadEnvConfig } from '@next/env';

export const ROOT = path.resolve(__dirname, '..', '..');

/** Loads the environment into `process.env` and returns it. */
export function loadDeploymentEnv(envFile: string | undefined): NodeJS.ProcessEnv {
  if (envFile) process.loadEnvFile(envFile);
  else loadEnvConfig(ROOT, false, { info: () => undefined, error: console.error });
  return process.env;
}

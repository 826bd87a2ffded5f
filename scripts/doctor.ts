/**
 * `npm run doctor [-- --env-file FILE] [--url APP_URL] [--warn-hours N] [--json]`: preflight of a
 * deployment (lib/doctor). One line per check, OK / WARN / ERROR with what to do; exit code 1 when
 * any check is an ERROR. Reads only: run it against the deployment's environment (its .env files,
 * or `--env-file`; the demo and e2e stacks write theirs to .localnet/…/app.env). With the embedded
 * PGlite, run it while the app is stopped (one process per database directory).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDoctor, runDoctor } from '@/lib/doctor';
import { loadDeploymentEnv, ROOT } from '@/scripts/lib/deployment-env';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'env-file': { type: 'string' }, 'next-dir': { type: 'string' }, url: { type: 'string' }, 'warn-hours': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('usage: npm run doctor -- [--env-file FILE] [--url APP_URL (also check the served manifest)] [--warn-hours 72] [--next-dir .next] [--json]');
    return 0;
  }
  const warnHours = values['warn-hours'] === undefined ? undefined : Number(values['warn-hours']);
  if (warnHours !== undefined && !(warnHours > 0)) {
    console.error('--warn-hours must be a positive number of hours');
    return 2;
  }
  const env = loadDeploymentEnv(values['env-file']);
  const nextDir = values['next-dir'] ? path.resolve(values['next-dir']) : path.join(ROOT, '.next');
  const lines = await runDoctor({ env, nextDir, warnHours, appUrl: values.url });
  console.log(values.json ? JSON.stringify(lines, null, 2) : formatDoctor(lines));
  return lines.some((l) => l.status === 'ERROR') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);

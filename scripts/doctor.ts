/**
 * `npm run doctor [-- --env-file FILE] [--url APP_URL] [--warn-hours N] [--json]`: preflight of a
 * deployment (lib/doctor). One line per check, OK / WARN / ERROR with what to do; exit code 1 when
 * any check is an ERROR, 2 on a usage error (one line naming it). Reads only: run it against the
 * deployment's environment (its .env files, or `--env-file`; the demo and e2e stacks write theirs
 * to .localnet/…/app.env). With `--url`, or while a running portal owns the embedded PGlite
 * directory, the database checks come from that portal's `GET /api/v1/health`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDoctor, runDoctor } from '@/lib/doctor';
import { logForCommandLine } from '@/lib/observability/log';
import { loadDeploymentEnv, ROOT } from '@/scripts/lib/deployment-env';

const USAGE = 'usage: npm run doctor -- [--env-file FILE] [--url APP_URL (the running portal: database checks from its health endpoint, and its served manifest)] [--warn-hours 72] [--next-dir .next] [--json]';

/** A command line the doctor cannot run: one line on stderr, exit code 2. */
class UsageError extends Error {}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      options: { 'env-file': { type: 'string' }, 'next-dir': { type: 'string' }, url: { type: 'string' }, 'warn-hours': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));
  }
}

async function main(): Promise<number> {
  logForCommandLine();
  const values = parse(process.argv.slice(2));
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const warnHours = values['warn-hours'] === undefined ? undefined : Number(values['warn-hours']);
  if (warnHours !== undefined && !(warnHours > 0)) throw new UsageError('--warn-hours must be a positive number of hours');
  if (values.url !== undefined && !URL.canParse(values.url)) throw new UsageError(`--url ${values.url} is not a URL (e.g. http://localhost:3000)`);
  const envFile = values['env-file'];
  if (envFile !== undefined && !existsSync(envFile)) throw new UsageError(`--env-file ${envFile} does not exist`);
  const env = loadDeploymentEnv(envFile);
  const nextDir = values['next-dir'] ? path.resolve(values['next-dir']) : path.join(ROOT, '.next');
  const lines = await runDoctor({ env, nextDir, warnHours, appUrl: values.url });
  console.log(values.json ? JSON.stringify(lines, null, 2) : formatDoctor(lines));
  return lines.some((l) => l.status === 'ERROR') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`doctor: ${error.message}\n${USAGE}`);
    else console.error(`doctor: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);

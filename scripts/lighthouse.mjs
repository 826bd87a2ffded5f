/**
 * `npm run lighthouse -- …`: installs Lighthouse into tools/lighthouse on first use (its own
 * lockfile, ~180 MB kept out of the app's node_modules), then runs tools/lighthouse/run.mjs with
 * the same arguments. See that file for the options.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const toolDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'tools', 'lighthouse');
if (!existsSync(path.join(toolDir, 'node_modules', 'lighthouse'))) {
  console.log('[lighthouse] first use: npm ci in tools/lighthouse');
  execFileSync('npm', ['ci', '--prefix', toolDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}
const result = spawnSync(process.execPath, [path.join(toolDir, 'run.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

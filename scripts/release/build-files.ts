/**
 * The step after `next build` (`npm run build` runs both): writes `.next/release-files.json`, the
 * list of every file served under /_next/static with its SHA-384 and size, the commit and the
 * build time. The server signs it with its parameters (lib/release/served.ts), or
 * `npm run manifest` does it offline.
 */
import path from 'node:path';
import { BUILD_RECORD_FILE, writeBuildRecord } from '@/lib/release/build-files';

const root = process.cwd();
const started = performance.now();
try {
  const record = writeBuildRecord(path.join(root, '.next'), { root });
  const bytes = record.files.reduce((sum, f) => sum + f.size, 0);
  console.log(
    `release: ${record.files.length} files under /_next/static (${(bytes / 1024).toFixed(0)} KiB) listed in .next/${BUILD_RECORD_FILE} ` +
      `in ${(performance.now() - started).toFixed(0)} ms; commit ${record.build.commit}${record.build.dirty ? ' (dirty)' : ''}, build ${record.build.buildId}`,
  );
} catch (error) {
  console.error(`release: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/**
 * The build half of the deployment manifest: after `next build`, the list of every file Next
 * serves under `/_next/static` (path, SHA-384 as in SRI, size), the commit and the build time,
 * written to `.next/release-files.json` (`npm run build` does it; so do the demo and the e2e
 * stack). The server adds its runtime parameters and signs (lib/release/served.ts).
 *
 * Node only (files, git). No `server-only`: the build step and `npm run manifest` use it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type ManifestBuild, manifestBuildSchema, type ManifestFile, manifestFileSchema, STATIC_PREFIX } from '@/lib/release/manifest';

/** Written next to Next's own build output, so a fresh build can never be paired with an old list. */
export const BUILD_RECORD_FILE = 'release-files.json';

export const buildRecordSchema = z.object({ build: manifestBuildSchema, files: z.array(manifestFileSchema) });
export type BuildRecord = z.infer<typeof buildRecordSchema>;

/** base64 SHA-384 of bytes: the digest of an SRI `sha384-…` value. */
export function sha384Base64(bytes: Uint8Array): string {
  return createHash('sha384').update(bytes).digest('base64');
}

/**
 * Every file under `<nextDir>/static`, as served under `/_next/static/`, sorted by path.
 * @throws Error when `<nextDir>/static` does not exist (no production build).
 */
export function listStaticFiles(nextDir: string): ManifestFile[] {
  const root = path.join(nextDir, 'static');
  if (!existsSync(root)) throw new Error(`${root} does not exist: run \`npm run build\` first`);
  const files: ManifestFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const bytes = readFileSync(full);
        const relative = path.relative(root, full).split(path.sep).join('/');
        files.push({ path: `${STATIC_PREFIX}${relative}`, sha384: sha384Base64(bytes), size: bytes.length });
      }
    }
  };
  walk(root);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The checkout's commit and whether it had uncommitted changes; `unknown`/null outside git. */
export function gitInfo(cwd: string): { commit: string; dirty: boolean | null } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (!/^[0-9a-f]{40,64}$/.test(commit)) return { commit: 'unknown', dirty: null };
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=normal'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return { commit: 'unknown', dirty: null };
  }
}

/**
 * Builds the record of a finished build and writes it to `<nextDir>/release-files.json`.
 *
 * @param options.root the checkout (for git); `now` the build time
 * @throws Error when there is no build in `nextDir`.
 */
export function writeBuildRecord(nextDir: string, options: { root: string; now?: Date }): BuildRecord {
  const buildIdFile = path.join(nextDir, 'BUILD_ID');
  if (!existsSync(buildIdFile)) throw new Error(`${buildIdFile} does not exist: run \`next build\` first`);
  const build: ManifestBuild = {
    ...gitInfo(options.root),
    builtAt: (options.now ?? new Date()).toISOString(),
    buildId: readFileSync(buildIdFile, 'utf8').trim(),
  };
  const record: BuildRecord = { build, files: listStaticFiles(nextDir) };
  writeFileSync(path.join(nextDir, BUILD_RECORD_FILE), `${JSON.stringify(record, null, 1)}\n`);
  return record;
}

/**
 * Reads `<nextDir>/release-files.json`.
 * @throws Error when it is missing (the build was not made with `npm run build`) or malformed.
 */
export function readBuildRecord(nextDir: string): BuildRecord {
  const file = path.join(nextDir, BUILD_RECORD_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${file} does not exist: build with \`npm run build\` (next build, then the file list of the signed manifest)`);
  }
  const parsed = buildRecordSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is malformed: ${parsed.error.issues[0]?.message ?? 'shape'}`);
  const buildId = readFileSync(path.join(nextDir, 'BUILD_ID'), 'utf8').trim();
  if (parsed.data.build.buildId !== buildId) {
    throw new Error(`${file} is for build ${parsed.data.build.buildId}, but .next holds build ${buildId}: run \`npm run build\` again`);
  }
  return parsed.data;
}

/** One difference between the recorded file list and the files on disk. */
export type FileDifference = { path: string; problem: 'changed' | 'missing' | 'unlisted' };

/**
 * Compares the recorded list with what is on disk now (what Next will serve): a file changed,
 * removed or added after the build means the server would serve something the build never made.
 */
export function diffAgainstDisk(record: BuildRecord, nextDir: string): FileDifference[] {
  const onDisk = new Map(listStaticFiles(nextDir).map((f) => [f.path, f]));
  const differences: FileDifference[] = [];
  for (const file of record.files) {
    const actual = onDisk.get(file.path);
    if (!actual) differences.push({ path: file.path, problem: 'missing' });
    else if (actual.sha384 !== file.sha384 || actual.size !== file.size) differences.push({ path: file.path, problem: 'changed' });
    onDisk.delete(file.path);
  }
  for (const extra of onDisk.keys()) differences.push({ path: extra, problem: 'unlisted' });
  return differences;
}

/**
 * `npm run verify -- URL [--public-key KEY] [options]` (or `npx elizaos-migration-verify URL …`):
 * checks a deployment against its signed manifest and prints a report. Exit code 0 only when
 * everything matches; 1 when anything does not (each failure names the file or page); 2 for a
 * usage error (no URL, no pinned key).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_PAGES, type VerifyReport, verifyDeployment } from '@/scripts/verify/verify';

const USAGE = `usage: npm run verify -- URL --public-key RELEASE_PUBLIC_KEY [options]
       npx elizaos-migration-verify URL --public-key RELEASE_PUBLIC_KEY [options]

Checks that URL serves exactly the files its signed deployment manifest lists, signed by the
pinned release key (README "Verify this deployment").

  --public-key KEY       the pinned release public key (base58); or RELEASE_PUBLIC_KEY in the environment
  --pages /a,/b          pages to load (default ${DEFAULT_PAGES.join(',')}; a default page answering 404 is skipped)
  --all-files            also fetch every file the manifest lists, not only those the pages reach
  --expect-commit SHA    also require this commit (a prefix is enough)
  --expect-snapshot-root HEX   also require this snapshot Merkle root
  --allow-other-origin   accept a manifest issued for another origin (a mirror, a test proxy)
  --json                 print the report as JSON
  --verbose              list every file checked, not only failures`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'public-key': { type: 'string' },
        pages: { type: 'string' },
        'all-files': { type: 'boolean' },
        'expect-commit': { type: 'string' },
        'expect-snapshot-root': { type: 'string' },
        'allow-other-origin': { type: 'boolean' },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = positionals[0];
  if (!url || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
  } catch {
    console.error(`"${url}" is not an http(s) URL\n\n${USAGE}`);
    return 2;
  }
  // A script reading its own flag/env, not app configuration: the pinned key is the user's input.
  const publicKey = values['public-key'] ?? process.env.RELEASE_PUBLIC_KEY;
  if (!publicKey) {
    console.error(`Refusing to verify without a pinned release public key: pass --public-key (README "Verify this deployment" lists it) or set RELEASE_PUBLIC_KEY.\n\n${USAGE}`);
    return 2;
  }
  const pages = values.pages
    ?.split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (p.startsWith('/') ? p : `/${p}`));
  const started = performance.now();
  const report = await verifyDeployment({
    url,
    publicKey,
    pages,
    pagesExplicit: pages !== undefined,
    allFiles: values['all-files'],
    expectCommit: values['expect-commit'],
    expectSnapshotRoot: values['expect-snapshot-root'],
    allowOtherOrigin: values['allow-other-origin'],
  });
  const seconds = (performance.now() - started) / 1000;
  if (values.json) console.log(JSON.stringify({ ...report, seconds }, null, 2));
  else console.log(formatReport(report, seconds, values.verbose ?? false));
  return report.ok ? 0 : 1;
}

/** The human-readable report. */
export function formatReport(report: VerifyReport, seconds: number, verbose: boolean): string {
  const lines: string[] = [`Verifying ${report.url} against release key ${report.publicKey}`, ''];
  const m = report.manifest;
  if (m) {
    const p = m.parameters;
    lines.push(`manifest  signature OK (ed25519, pinned key); ${m.files.length} files`);
    lines.push(`          build ${m.build.buildId}, commit ${m.build.commit}${m.build.dirty ? ' (dirty)' : m.build.dirty === false ? ' (clean)' : ''}, built ${m.build.builtAt}`);
    lines.push(`          ${p.cluster} · origin ${p.origin} · policy ${p.policyVersion} · ratio 1 AI16Z : ${p.ratio} ELIZAOS`);
    lines.push(`          AI16Z ${p.ai16z.mint} (${p.ai16z.decimals} decimals, program ${p.ai16z.tokenProgram})`);
    lines.push(`          ELIZAOS ${p.elizaos.mint} (${p.elizaos.decimals} decimals, program ${p.elizaos.tokenProgram})`);
    lines.push(`          vault ${p.vault.tokenAccount} (owner ${p.vault.owner}); treasury ${p.treasury.tokenAccount}, delegate ${p.treasury.delegate}`);
    lines.push(`          deposit address ${p.deposit.owner} (AI16Z token account ${p.deposit.tokenAccount})`);
    lines.push(`          window ${p.window.opensAt} → ${p.window.closesAt}; snapshot taken ${p.snapshotTakenAt}`);
    lines.push(`          snapshot root ${p.snapshot ? `${p.snapshot.merkleRoot} (${p.snapshot.holders} holders, ${p.snapshot.totalBaseUnits} base units)` : 'none'}`);
    lines.push('');
  }
  for (const page of report.pages) {
    lines.push(`page ${page.path.padEnd(14)} ${page.status ?? '---'}  ${page.skipped ? 'skipped' : `${page.scripts} scripts, ${page.stylesheets} stylesheets, ${page.inlineScripts} inline (Next payload)`}`);
  }
  for (const runtime of report.runtimes) lines.push(`runtime ${runtime.path}: ${runtime.lazyChunks} lazily loaded chunks in its chunk map, ${runtime.sriHashes} sriHashes entries`);
  if (report.pages.length || report.runtimes.length) lines.push('');
  const failures = report.files.filter((f) => f.status !== 'ok');
  const shown = verbose ? report.files : failures;
  for (const file of shown) {
    lines.push(`${file.status === 'ok' ? 'OK  ' : 'FAIL'} ${file.path}${file.status === 'ok' ? '' : `  (${file.status}, via ${file.via})`}`);
    if (file.status !== 'ok') {
      if (file.expected) lines.push(`       expected sha384-${file.expected.sha384}  ${file.expected.size} bytes`);
      if (file.got) lines.push(`       got      sha384-${file.got.sha384}  ${file.got.size} bytes`);
      else if (file.httpStatus) lines.push(`       got      HTTP ${file.httpStatus}`);
      else if (file.status === 'unlisted') lines.push('       expected (not in the signed manifest)');
    }
  }
  const checked = report.files.filter((f) => f.status === 'ok').length;
  lines.push(`${checked} of ${report.files.length} files fetched match the manifest; ${report.unreached.length} listed files were not reached by any page or chunk map${verbose ? '' : ' (use --all-files to fetch them too)'}`);
  const problems = report.findings.filter((f) => f.level === 'error');
  const warnings = report.findings.filter((f) => f.level === 'warn');
  for (const f of report.findings.filter((x) => x.level === 'info')) lines.push(`info  ${f.subject}: ${f.message}`);
  for (const f of warnings) lines.push(`WARN  ${f.subject}: ${f.message}`);
  for (const f of problems) lines.push(`ERROR ${f.subject}: ${f.message}`);
  lines.push('');
  lines.push(report.ok ? `VERIFIED in ${seconds.toFixed(1)} s: every file checked is the one the signed manifest lists.` : `FAILED in ${seconds.toFixed(1)} s: ${problems.length} problem(s); this deployment does not match its signed manifest.`);
  return lines.join('\n');
}

if (process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(2);
    },
  );
}

export { main };

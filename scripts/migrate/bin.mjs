#!/usr/bin/env node
// `npx elizaos-migrate --keypair FILE --amount X …` (package.json "bin"): runs the TypeScript CLI
// (scripts/migrate/cli.ts) through tsx, a runtime dependency. tsx resolves the CLI's `@/` imports
// with the tsconfig.json of the working directory, so work from this package's root; the CLI reads
// file paths (--keypair, --unsigned-out, …) relative to the directory it was started from.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const started = process.cwd();
process.chdir(fileURLToPath(new URL('../../', import.meta.url)));
const cli = await tsImport('./cli.ts', import.meta.url);
process.exit(await cli.main(process.argv.slice(2), { cwd: started }));

#!/usr/bin/env node
// `npx elizaos-migration-verify URL --public-key KEY` (package.json "bin"): runs the TypeScript CLI
// (scripts/verify/cli.ts) through tsx, a runtime dependency. tsx resolves the CLI's `@/` imports
// with the tsconfig.json of the working directory, so work from this package's root (the CLI reads
// no file paths from its arguments, only a URL and flags).
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

process.chdir(fileURLToPath(new URL('../../', import.meta.url)));
const cli = await tsImport('./cli.ts', import.meta.url);
process.exit(await cli.main(process.argv.slice(2)));

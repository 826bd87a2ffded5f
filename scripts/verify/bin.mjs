#!/usr/bin/env node
// `npx elizaos-migration-verify URL --public-key KEY` (package.json "bin"): runs the TypeScript CLI
// (scripts/verify/cli.ts) through tsx, a runtime dependency, with this package's tsconfig so its
// `@/` imports resolve from any working directory.
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../../tsconfig.json', import.meta.url));
const cli = await tsImport('./cli.ts', { parentURL: import.meta.url, tsconfig });
process.exit(await cli.main(process.argv.slice(2)));

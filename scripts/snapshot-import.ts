/**
 * `npm run snapshot:import -- FILE.csv`: loads a `wallet,balance_base_units` snapshot into the
 * database named by DATABASE_URL (default: the embedded PGlite in .data/). The whole file or
 * nothing: any bad line refuses it, with line numbers.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, parseDatabaseUrl } from '@/lib/config/env';
import { openDatabase } from '@/lib/db/client';
import { importSnapshot, parseSnapshotCsv, SnapshotFileError } from '@/lib/migration/snapshot';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run snapshot:import -- FILE.csv   (header: wallet,balance_base_units)');
    return 2;
  }
  const rows = parseSnapshotCsv(readFileSync(file, 'utf8'));
  const handle = await openDatabase(parseDatabaseUrl(process.env));
  try {
    const { inserted, unchanged, merkleRoot } = await importSnapshot(handle.db, rows);
    console.log(`snapshot: ${rows.length} holders in ${file}; ${inserted} imported, ${unchanged} already present`);
    console.log(`snapshot Merkle root (published in the signed manifest): ${merkleRoot ?? 'none'}`);
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SnapshotFileError || error instanceof ConfigError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);

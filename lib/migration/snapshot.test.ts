import { Keypair } from '@solana/web3.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type DbHandle, openDatabase } from '@/lib/db/client';
import { snapshotCommitments, snapshotEntries } from '@/lib/db/schema';
import { importSnapshot, parseSnapshotCsv, SnapshotFileError } from '@/lib/migration/snapshot';
import { merkleRoot } from '@/lib/snapshot/merkle';
import { freshTestDatabaseUrl } from '@/test/databases';

const wallet = () => Keypair.generate().publicKey.toBase58();

function refusal(text: string): { line: number; message: string }[] {
  try {
    parseSnapshotCsv(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotFileError);
    return (error as SnapshotFileError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('parseSnapshotCsv', () => {
  it('parses a well-formed file with CRLF and a final newline', () => {
    const [a, b] = [wallet(), wallet()];
    expect(parseSnapshotCsv(`wallet,balance_base_units\r\n${a},1000\r\n${b},18446744073709551615\r\n`)).toEqual([
      { wallet: a, allocation: 1000n },
      { wallet: b, allocation: 18446744073709551615n },
    ]);
  });

  it('refuses a wrong header', () => {
    expect(refusal(`address,amount\n${wallet()},1\n`)).toEqual([{ line: 1, message: expect.stringContaining('header') }]);
  });

  it('reports every bad line with its number', () => {
    const dup = wallet();
    const problems = refusal(
      ['wallet,balance_base_units', `${dup},5`, 'notanaddress,5', `${wallet()},1.5`, `${wallet()},-3`, `${dup},7`, `${wallet()},0`, `${wallet()},18446744073709551616`, '', `${wallet()}`].join('\n'),
    );
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(problems.find((p) => p.line === 6)?.message).toMatch(/duplicate wallet .* \(first on line 2\)/);
    expect(problems.find((p) => p.line === 8)?.message).toMatch(/larger than u64 max/);
  });

  it('refuses an empty file', () => {
    expect(refusal('wallet,balance_base_units\n')[0]?.message).toMatch(/no holders/);
  });
});

describe('importSnapshot', () => {
  let handle: DbHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('imports in one transaction, is idempotent, and refuses a changed allocation without writing', async () => {
    handle = await openDatabase(await freshTestDatabaseUrl());
    const rows = Array.from({ length: 2500 }, (_, i) => ({ wallet: wallet(), allocation: BigInt(i + 1) }));
    const root = merkleRoot(rows);
    expect(await importSnapshot(handle.db, rows)).toEqual({ inserted: 2500, unchanged: 0, merkleRoot: root });
    expect(await importSnapshot(handle.db, rows)).toEqual({ inserted: 0, unchanged: 2500, merkleRoot: root });
    const changed = [...rows.slice(0, 10), { wallet: wallet(), allocation: 5n }, { wallet: rows[3]?.wallet ?? '', allocation: 999n }];
    await expect(importSnapshot(handle.db, changed)).rejects.toThrow(/allocations cannot change/);
    expect(await handle.db.$count(snapshotEntries)).toBe(2500);
    // One commitment: the idempotent re-import and the refused one recorded nothing new.
    expect(await handle.db.$count(snapshotCommitments)).toBe(1);
  });

  it('records a new root when holders are added, covering old and new entries', async () => {
    handle = await openDatabase(await freshTestDatabaseUrl());
    const first = Array.from({ length: 3 }, (_, i) => ({ wallet: wallet(), allocation: BigInt(i + 10) }));
    const more = [{ wallet: wallet(), allocation: 77n }];
    const a = await importSnapshot(handle.db, first);
    const b = await importSnapshot(handle.db, more);
    expect(a.merkleRoot).toBe(merkleRoot(first));
    expect(b.merkleRoot).toBe(merkleRoot([...first, ...more]));
    expect(b.merkleRoot).not.toBe(a.merkleRoot);
    expect(await handle.db.$count(snapshotCommitments)).toBe(2);
  });
});

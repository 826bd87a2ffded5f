/**
 * Loads a seeded localnet's snapshot into the app database, records the demo `partial` wallet's
 * earlier migration (which the seed step really performed on chain), so the database and the
 * chain agree from the start, and seeds the demo exchange statuses and known drainer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Db, openDatabase } from '@/lib/db/client';
import { exchanges, knownDrainers, migrations } from '@/lib/db/schema';
import { importSnapshot, parseSnapshotCsv } from '@/lib/migration/snapshot';
import { convertAi16zToElizaos } from '@/lib/solana/amounts';
import type { LocalnetConfig } from '@/scripts/localnet/config-schema';

export async function seedDatabase(databaseUrl: string, config: LocalnetConfig, root: string): Promise<void> {
  const handle = await openDatabase(databaseUrl);
  try {
    const { holders, inserted } = await loadSnapshotAndDemoMigration(handle.db, config, readFileSync(path.resolve(root, config.snapshot.file), 'utf8'));
    const now = new Date();
    const seeded = await handle.db
      .insert(exchanges)
      .values(DEMO_EXCHANGES.map((e) => ({ ...e, nameKo: e.nameKo ?? null, updatedAt: now, nextCheckIn: e.nextCheckInHours === null ? null : new Date(now.getTime() + e.nextCheckInHours * 3_600_000) })))
      .onConflictDoNothing()
      .returning({ slug: exchanges.slug });
    // The seed's stray authority (the `delegated` demo wallet's delegate) is a known drainer on
    // localnet, so the demo names it the way production names the addresses ops list.
    await handle.db
      .insert(knownDrainers)
      .values({ address: config.strayAuthority.address, label: config.strayAuthority.label, addedAt: now, addedBy: null })
      .onConflictDoNothing();
    console.log(`[stack] database: ${holders} snapshot holders (${inserted} new), ${seeded.length} exchange statuses seeded, 1 demo known drainer`);
  } finally {
    await handle.close();
  }
}


/**
 * Imports the seed's snapshot CSV and, the first time, records the demo `partial` wallet's
 * migration, which the seed really made on chain. Shared by the demo/e2e stack and the fault tests.
 */
export async function loadSnapshotAndDemoMigration(db: Db, config: LocalnetConfig, snapshotCsv: string): Promise<{ holders: number; inserted: number }> {
  const rows = parseSnapshotCsv(snapshotCsv);
  const { inserted } = await importSnapshot(db, rows);
  const partial = config.demoWallets.partial;
  if (inserted > 0 && partial.migrated && partial.migrationId && partial.migrationSignature) {
    const amountIn = BigInt(partial.migrated);
    const now = new Date();
    await db.insert(migrations).values({
      id: partial.migrationId,
      wallet: partial.publicKey,
      amountIn,
      amountOut: convertAi16zToElizaos(amountIn, config.mints.ai16z.decimals, config.mints.elizaos.decimals),
      state: 'confirmed',
      recentBlockhash: '11111111111111111111111111111111',
      lastValidBlockHeight: 0n,
      unsignedTransaction: '',
      signature: partial.migrationSignature,
      expiresAt: now,
      submittedAt: now,
      settledAt: now,
    });
  }
  return { holders: rows.length, inserted };
}

/**
 * Localnet demo data for the status page: where each exchange stands. Illustrative, not a
 * statement about any real exchange; a deployment's ops set the real ones from the console.
 */
const DEMO_EXCHANGES: {
  slug: string;
  name: string;
  /** The name Korean readers know, where it differs. */
  nameKo?: string;
  state: 'not_started' | 'in_progress' | 'completed' | 'not_supported';
  whoMigrates: 'exchange' | 'holder';
  holderActionEn: string;
  holderActionKo: string | null;
  nextCheckInHours: number | null;
}[] = [
  {
    slug: 'kraken',
    name: 'Kraken',
    nameKo: '크라켄',
    state: 'completed',
    whoMigrates: 'exchange',
    holderActionEn: 'Nothing to do. Kraken migrated the AI16Z it held for you at the snapshot; your ELIZAOS is in your Kraken account.',
    holderActionKo: '하실 일은 없습니다. 크라켄이 스냅샷 시점에 보관 중이던 AI16Z를 전환했으며, ELIZAOS는 크라켄 계정에 들어 있습니다.',
    nextCheckInHours: null,
  },
  {
    slug: 'bithumb',
    name: 'Bithumb',
    nameKo: '빗썸',
    state: 'in_progress',
    whoMigrates: 'exchange',
    holderActionEn: 'Nothing to do. Bithumb is migrating the AI16Z it held for you at the snapshot; deposits and withdrawals of AI16Z are paused until it finishes.',
    holderActionKo: '별도로 하실 일은 없습니다. 빗썸이 스냅샷 시점에 보관 중이던 AI16Z를 직접 전환하고 있으며, 전환이 끝날 때까지 AI16Z 입출금이 일시 중단됩니다.',
    nextCheckInHours: 6,
  },
  {
    slug: 'upbit',
    name: 'Upbit',
    nameKo: '업비트',
    state: 'not_started',
    whoMigrates: 'exchange',
    holderActionEn: 'Nothing to do yet. Upbit has said it will migrate the AI16Z it held for you at the snapshot; we will post here when it starts.',
    holderActionKo: '아직 하실 일은 없습니다. 업비트는 스냅샷 시점에 보관 중이던 AI16Z를 직접 전환할 예정이라고 밝혔으며, 시작되면 이곳에 안내해 드리겠습니다.',
    nextCheckInHours: 24,
  },
  {
    slug: 'binance',
    name: 'Binance',
    nameKo: '바이낸스',
    state: 'in_progress',
    whoMigrates: 'exchange',
    holderActionEn: 'Nothing to do. Binance is crediting ELIZAOS for the AI16Z it held for you at the snapshot.',
    holderActionKo: '하실 일은 없습니다. 바이낸스가 스냅샷 시점에 보관 중이던 AI16Z에 대해 ELIZAOS를 지급하고 있습니다.',
    nextCheckInHours: 12,
  },
  {
    slug: 'coinbase',
    name: 'Coinbase',
    state: 'not_supported',
    whoMigrates: 'holder',
    holderActionEn: 'Coinbase will not migrate. The snapshot counts AI16Z in the wallet that held it, and AI16Z on Coinbase sat in Coinbase\'s wallets, not yours: ask Coinbase support how they handle it. Withdrawing now does not make it eligible.',
    holderActionKo: '코인베이스는 전환을 지원하지 않습니다. 스냅샷은 AI16Z를 보유한 지갑을 기준으로 하며, 코인베이스에 있던 AI16Z는 회원님이 아닌 코인베이스의 지갑에 있었습니다. 처리 방법은 코인베이스 고객센터에 문의해 주세요. 지금 출금해도 전환 대상이 되지 않습니다.',
    nextCheckInHours: null,
  },
  {
    slug: 'okx',
    name: 'OKX',
    state: 'completed',
    whoMigrates: 'exchange',
    holderActionEn: 'Nothing to do. OKX migrated the AI16Z it held for you at the snapshot.',
    holderActionKo: '하실 일은 없습니다. OKX가 스냅샷 시점에 보관 중이던 AI16Z를 전환했습니다.',
    nextCheckInHours: null,
  },
  {
    slug: 'bybit',
    name: 'Bybit',
    state: 'not_started',
    whoMigrates: 'exchange',
    holderActionEn: 'Nothing to do yet. Bybit has not announced its schedule; we check in with them and post here.',
    holderActionKo: '아직 하실 일은 없습니다. 바이비트는 일정을 발표하지 않았으며, 저희가 계속 확인해 이곳에 안내해 드리겠습니다.',
    nextCheckInHours: 48,
  },
];

import { opsRoute } from '@/lib/ops/route';
import { searchMigrations } from '@/lib/ops/migrations';

export const dynamic = 'force-dynamic';

/** `?q=` a wallet address, a transaction signature or a migration id. */
export const GET = opsRoute(async ({ request }) => ({ migrations: await searchMigrations(new URL(request.url).searchParams.get('q') ?? '') }));

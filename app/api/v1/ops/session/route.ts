import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

/** Who is signed in, and until when (each call extends the idle limit). */
export const GET = opsRoute(async ({ session }) => ({ wallet: session.wallet, authTime: session.authTime.toISOString(), expiresAt: session.expiresAt.toISOString() }));

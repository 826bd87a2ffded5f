import { NextResponse } from 'next/server';
import { signOut } from '@/lib/ops/auth';
import { opsRoute } from '@/lib/ops/route';

export const dynamic = 'force-dynamic';

/** Ends the ops session: its token is refused from now on. */
export const POST = opsRoute(async ({ session }) => NextResponse.json({ signedOut: true }, { headers: { 'Set-Cookie': await signOut(session) } }));

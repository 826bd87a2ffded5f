import { NextResponse } from 'next/server';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { getMigrationView } from '@/lib/migration/view';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const view = await getMigrationView((await params).id);
    if (!view) throw new ApiError('NOT_FOUND', 'No such migration. Start again from the migrate page.');
    return NextResponse.json(view, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

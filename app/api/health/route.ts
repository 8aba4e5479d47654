import { NextResponse } from 'next/server';
import { checkHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';

/** No authentication: for load balancers and uptime checks. */
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.db === 'ok' ? 200 : 503 });
}

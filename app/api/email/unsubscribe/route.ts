import { NextResponse } from 'next/server';
import { unsubscribe } from '@/lib/digests/unsubscribe';

/**
 * Outside /api/v1 on purpose: every /api/v1 route needs a signed-in caller, while this one
 * is reached from a mail program with a signed link and no session.
 *
 * One-click unsubscribe from the link in a digest's List-Unsubscribe header (a mail
 * program POSTs "List-Unsubscribe=One-Click"). Signed link, no session needed.
 */
export async function POST(request: Request) {
  const url = new URL(request.url);
  const done = await unsubscribe(url.searchParams.get('u'), url.searchParams.get('s'));
  if (!done) return NextResponse.json({ error: { code: 'bad_request', message: 'That unsubscribe link is not valid' } }, { status: 400, headers: { 'cache-control': 'private, no-store' } });
  return NextResponse.json({ ok: true, message: 'Chorus will not email you any more. Turn email back on in your settings.' }, { headers: { 'cache-control': 'private, no-store' } });
}

/** A person following the link in a browser: their settings, where email is turned off or on. */
export async function GET(request: Request) {
  return NextResponse.redirect(new URL('/settings', request.url), 303);
}

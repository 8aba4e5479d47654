import { NextResponse } from 'next/server';
import { z } from 'zod';
import { errorResponse, readJson } from '@/lib/api/respond';
import { createDevSession, devSignInAllowed } from '@/lib/auth/dev-sign-in';
import { parseInput } from '@/lib/errors';

const bodySchema = z.object({ email: z.string().email('Not a valid email address') });

/** Development only: sign in as a demo person. A production build answers 404. */
export async function POST(request: Request) {
  if (!devSignInAllowed()) return NextResponse.json({ error: { code: 'not_found', message: 'Not found' } }, { status: 404 });
  try {
    const { email } = parseInput(bodySchema, await readJson(request));
    const { sessionToken, expires } = await createDevSession(email);
    const response = NextResponse.json({ ok: true });
    response.cookies.set('next-auth.session-token', sessionToken, { httpOnly: true, sameSite: 'lax', path: '/', expires });
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * Signing in without the mail round trip: a next-auth database session created directly
 * in the database, and its cookie set in the browser context, exactly as the app's own
 * sign-in would leave them. (The magic-link flow itself is covered by foundation tests.)
 */
import type { BrowserContext, Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { e2eDb } from './db';
import { e2eEnv } from './env';

/** The production build uses secure cookies, so next-auth names its session cookie with the __Secure- prefix. */
export const SESSION_COOKIE = '__Secure-next-auth.session-token';

/** Signs `email` (an invited person) in, in this page's browser context. Returns the session token. */
export async function signInAs(target: Page | BrowserContext, email: string): Promise<string> {
  const context = 'context' in target && typeof target.context === 'function' ? (target as Page).context() : (target as BrowserContext);
  const user = await e2eDb().user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, removedAt: true } });
  if (!user || user.removedAt) throw new Error(`signInAs: ${email} is not an invited person (create one with createPerson)`);
  const sessionToken = randomBytes(32).toString('hex');
  const expires = new Date(Date.now() + 24 * 60 * 60 * 1000);
  await e2eDb().session.create({ data: { sessionToken, userId: user.id, expires } });
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: sessionToken,
      domain: new URL(e2eEnv.baseUrl).hostname,
      path: '/',
      expires: Math.floor(expires.getTime() / 1000),
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    },
  ]);
  return sessionToken;
}

import type { Page } from '@playwright/test';
import { demo, e2eDb, expect, expectNoA11yViolations, signInAs, test } from './support';

test('[SECURITY] a production build has no development sign-in and no development mailbox', async ({ page, request }) => {
  const signIn = await request.post('/api/dev/sign-in', { data: { email: demo.coordinator } });
  expect(signIn.status()).toBe(404);
  expect(signIn.headers()['set-cookie'] ?? '').not.toContain('session-token');

  const mailbox = await page.goto('/dev/mailbox');
  expect(mailbox?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoA11yViolations(page);

  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Development/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Sign in as/ })).toHaveCount(0);
});

test('[SECURITY] a server action posted from another site is refused with 403, not a server error', async ({ request, baseURL }) => {
  const crossSite: Record<string, string>[] = [
    { 'Next-Action': '0123456789abcdef0123456789abcdef01234567', Origin: 'https://evil.example', 'Content-Type': 'text/plain;charset=UTF-8' },
    { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
  ];
  for (const headers of crossSite) {
    const answer = await request.post('/sign-in', { headers, data: '[]', maxRedirects: 0 });
    expect(answer.status(), JSON.stringify(headers)).toBe(403);
    expect(await answer.json()).toMatchObject({ error: { code: 'forbidden' } });
  }
  // From the site itself, the same request reaches Next.js (which finds no such action), not the refusal.
  const own = await request.post('/sign-in', { headers: { 'Next-Action': '0123456789abcdef0123456789abcdef01234567', Origin: new URL(baseURL!).origin, 'Content-Type': 'text/plain;charset=UTF-8' }, data: '[]', maxRedirects: 0 });
  expect(own.status()).not.toBe(403);
});

test('[SECURITY] API answers are never cached', async ({ request }) => {
  for (const path of ['/api/v1/responses', '/api/v1/sections/cnothing0000']) {
    const answer = await request.get(path);
    expect(answer.status(), path).toBe(401);
    expect(answer.headers()['cache-control'], path).toBe('private, no-store');
  }
});

/** Opens `path` and checks its security headers, and that every script in the HTML carries this response's nonce. */
async function expectSecureHeaders(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  const directives = new Map(csp.split(';').map((part) => {
    const [name, ...values] = part.trim().split(/\s+/);
    return [name, values] as const;
  }));
  const nonce = directives.get('script-src')?.find((value) => value.startsWith("'nonce-"))?.slice(7, -1);
  expect(nonce, `${path}: script-src has a nonce (${csp})`).toBeTruthy();
  expect(directives.get('script-src'), path).not.toContain("'unsafe-inline'");
  expect(directives.get('script-src'), path).not.toContain("'unsafe-eval'");
  expect(directives.get('frame-ancestors'), path).toEqual(["'none'"]);
  expect(directives.get('object-src'), path).toEqual(["'none'"]);
  expect(directives.get('base-uri'), path).toEqual(["'self'"]);
  expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
  expect(headers['x-content-type-options'], path).toBe('nosniff');

  const html = await response!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `${path}: has scripts`).toBeGreaterThan(0);
  for (const script of scripts) expect(script, `${path}: every script carries the nonce`).toContain(`nonce="${nonce}"`);
  // The page really ran under that policy: React hydrated it (the guard in support/ fails the test on any CSP violation).
  await expect(page.locator('main')).toBeVisible();
  return nonce!;
}

test('[SECURITY] signed-out pages carry a nonce-based Content-Security-Policy and a strict Referrer-Policy', async ({ page }) => {
  const nonces = new Set<string>();
  for (const path of ['/sign-in', '/sign-in/check-email', '/sign-in/error?error=Verification', '/no-such-page']) {
    nonces.add(await expectSecureHeaders(page, path));
    await expectNoA11yViolations(page);
  }
  expect(nonces.size, 'a fresh nonce for every response').toBe(4);
});

test('[SECURITY] signed-in pages carry a nonce-based Content-Security-Policy and a strict Referrer-Policy', async ({ page }) => {
  await signInAs(page, demo.member2);
  const response = await e2eDb().response.findUniqueOrThrow({ where: { slug: demo.responseSlug }, select: { sections: { select: { id: true }, take: 1 } } });
  for (const path of ['/', `/responses/${demo.responseSlug}`, `/sections/${response.sections[0].id}`, '/settings']) {
    await expectSecureHeaders(page, path);
  }
});

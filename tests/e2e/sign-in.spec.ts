import type { Page } from '@playwright/test';
import { createPerson, e2eDb, e2eEnv, expect, expectNoA11yViolations, linkIn, mailTo, readMail, SESSION_COOKIE, test, uniqueId } from './support';

/** Types the address on the sign-in page (already open), asks for a link and waits for the answer page. */
async function askForLink(page: Page, email: string) {
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.waitForURL(/\/sign-in\/(check-email|error)/);
}

/** The sign-in link the app emailed to `email` after `since`. */
async function signInLinkFor(email: string, since: Date): Promise<string> {
  const mail = await readMail(email, { subject: 'sign-in link', since });
  return linkIn(mail);
}

test('[SIGN-IN] an invited person signs in with the link emailed to them over SMTP', async ({ page, context }) => {
  const person = await createPerson('MEMBER');
  const since = new Date();
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectNoA11yViolations(page);
  await askForLink(page, person.email.toUpperCase()); // addresses are not case-sensitive

  await expect(page).toHaveURL(/\/sign-in\/check-email/);
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('link', { name: /development mailbox/i })).toHaveCount(0);
  await expectNoA11yViolations(page);

  const mail = await readMail(person.email, { since });
  expect(mail.subject).toBe('Your sign-in link for Chorus');
  expect(mail.from).toContain('chorus@chorus.test');
  const link = linkIn(mail);
  expect(link.startsWith(`${e2eEnv.baseUrl}/api/auth/callback/email?`)).toBe(true);

  await page.goto(link);
  await expect(page).toHaveURL(`${e2eEnv.baseUrl}/`);
  await expect(page.getByRole('heading', { level: 1, name: 'Responses' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(person.name);
  await expectNoA11yViolations(page);

  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, 'the session cookie').toBeTruthy();
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
  const session = await e2eDb().session.findUnique({ where: { sessionToken: cookie!.value }, select: { userId: true } });
  expect(session?.userId).toBe(person.id);
  const audit = await e2eDb().auditEvent.count({ where: { actorId: person.id, action: 'auth.sign-in' } });
  expect(audit).toBe(1);
});

test('[SIGN-IN] an address nobody invited is refused clearly, gets no email and no account', async ({ page }) => {
  const email = `${uniqueId('uninvited')}@chorus.test`;
  await page.goto('/sign-in');
  await askForLink(page, email);

  await expect(page).toHaveURL(/\/sign-in\/error\?error=AccessDenied/);
  await expect(page.getByRole('heading', { level: 1, name: 'This address has not been invited' })).toBeVisible();
  await expect(page.getByText(/Ask your network’s coordinator to invite this email address/)).toBeVisible();
  await expectNoA11yViolations(page);

  expect(await e2eDb().user.count({ where: { email } })).toBe(0);
  expect(await e2eDb().verificationToken.count({ where: { identifier: email } })).toBe(0);
  expect(await mailTo(email)).toEqual([]);

  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('[SIGN-IN] a removed person cannot ask for a link', async ({ page }) => {
  const person = await createPerson('MEMBER');
  await e2eDb().user.update({ where: { id: person.id }, data: { removedAt: new Date() } });
  await page.goto('/sign-in');
  await askForLink(page, person.email);
  await expect(page.getByRole('heading', { level: 1, name: 'This address has not been invited' })).toBeVisible();
  expect(await mailTo(person.email)).toEqual([]);
});

test('[SIGN-IN] a sign-in link works once: used again, or altered, it shows the expired-link message', async ({ page, browser }) => {
  const person = await createPerson('DRAFTER');
  const since = new Date();
  await page.goto('/sign-in');
  await askForLink(page, person.email);
  const link = await signInLinkFor(person.email, since);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Responses' })).toBeVisible();

  // Someone else (another browser) tries the same link afterwards.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(link);
  await expect(otherPage).toHaveURL(/\/sign-in\/error\?error=Verification/);
  await expect(otherPage.getByRole('heading', { level: 1, name: 'That sign-in link has expired or was already used' })).toBeVisible();
  await expectNoA11yViolations(otherPage);
  expect((await other.cookies()).find((c) => c.name === SESSION_COOKIE)).toBeUndefined();

  const altered = new URL(link);
  altered.searchParams.set('token', 'f'.repeat(64));
  await otherPage.goto(altered.toString());
  await expect(otherPage.getByRole('heading', { level: 1, name: 'That sign-in link has expired or was already used' })).toBeVisible();
  await otherPage.goto(`${e2eEnv.baseUrl}/`);
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();
});

test('[SIGN-IN] a signed-out visitor is sent to sign in and brought back to the page they asked for', async ({ page }) => {
  const person = await createPerson('MEMBER');
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings$/);
  const since = new Date();
  await askForLink(page, person.email);
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await page.goto(await signInLinkFor(person.email, since));
  await expect(page).toHaveURL(`${e2eEnv.baseUrl}/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

for (const target of ['https://evil.example/steal', '//evil.example/steal', 'javascript:alert(1)']) {
  test(`[SIGN-IN] a sign-in that asks to go on to ${target} ends on Chorus`, async ({ page }) => {
    const person = await createPerson('MEMBER');
    const since = new Date();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await askForLink(page, person.email);
    await expect(page).toHaveURL(/\/sign-in\/check-email/);
    const link = await signInLinkFor(person.email, since);
    expect(new URL(new URL(link).searchParams.get('callbackUrl')!).origin).toBe(e2eEnv.baseUrl);
    await page.goto(link);
    expect(new URL(page.url()).origin).toBe(e2eEnv.baseUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Responses' })).toBeVisible();
  });
}

test('[SIGN-IN] signing out ends the session', async ({ page, context }) => {
  const person = await createPerson('MEMBER');
  const since = new Date();
  await page.goto('/sign-in');
  await askForLink(page, person.email);
  await page.goto(await signInLinkFor(person.email, since));
  await expect(page.getByRole('heading', { level: 1, name: 'Responses' })).toBeVisible();
  const token = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!.value;

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  expect(await e2eDb().session.count({ where: { sessionToken: token } })).toBe(0);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('[SIGN-IN] asking for link after link is refused after five, the same way for invited and unknown addresses', async ({ page }) => {
  // This test's own client address, so its requests do not use up the allowance of the
  // other sign-in tests, which all come from this machine.
  await page.setExtraHTTPHeaders({ 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` });
  const person = await createPerson('MEMBER');
  const unknown = `${uniqueId('uninvited')}@chorus.test`;
  const refusals: string[] = [];
  for (const [email, answer] of [[person.email, /\/sign-in\/check-email/], [unknown, /\/sign-in\/error\?error=AccessDenied/]] as const) {
    for (let i = 0; i < 5; i++) {
      await page.goto('/sign-in');
      await askForLink(page, email);
      await expect(page, `request ${i + 1} for ${email}`).toHaveURL(answer);
    }
    await page.goto('/sign-in');
    await askForLink(page, email);
    await expect(page).toHaveURL(/\/sign-in\/error\?error=RateLimited/);
    await expect(page.getByRole('heading', { level: 1, name: 'Too many sign-in links asked for' })).toBeVisible();
    refusals.push(await page.locator('main').innerText());
  }
  await expectNoA11yViolations(page);
  expect(refusals[1]).toBe(refusals[0]);
  expect(await mailTo(person.email)).toHaveLength(5);
  expect(await mailTo(unknown)).toEqual([]);
});

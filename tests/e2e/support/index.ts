/**
 * End-to-end test support. Import everything from here:
 *
 *   import { test, expect, signInAs, createPerson, readMail, expectNoA11yViolations } from './support';
 *
 * - `test` / `expect`: Playwright's, with `baseURL` pointing at this run's app and a guard
 *   that fails a test when a page throws an uncaught error or the browser blocks something
 *   under the Content-Security-Policy (opt out with `test.use({ failOnPageErrors: false })`).
 * - `createPerson(role?, { name?, email? })`: an invited person with a unique address,
 *   written straight to the database. Use one per test for anything that changes data;
 *   the demo people (coordinator@, drafter@, drafter2@, member@, member2@chorus.test) are
 *   shared by every test running in parallel, so only read as them.
 * - `signInAs(page | context, email)`: a real next-auth database session plus its
 *   `__Secure-next-auth.session-token` cookie (HttpOnly, Secure, SameSite=Lax; Chromium
 *   accepts Secure cookies on http://localhost).
 * - `readMail(to, { subject?, since?, timeout? })`: waits for the newest message the app
 *   sent to `to` over SMTP (captured by the run's SMTP server); `linkIn(mail)` is its first
 *   link, `mailTo(to)` every message to that address so far.
 * - `expectNoA11yViolations(page, { exclude? })`: axe-core scan (WCAG 2.0/2.1/2.2 A and AA);
 *   fails on serious or critical violations. Call it on every page a test visits.
 * - `createResponse({ phase?, sections?, title?, slug?, deadline?, authorId? })`: a response
 *   of the test's own (sections given as plain text or { heading, text, number }), so a test
 *   can change phases, text or feedback without touching the shared demo response.
 * - `e2eDb()`: Prisma client on the run's database, for seeding and for checking writes.
 * - `e2eEnv`: baseUrl, databaseUrl, mailFile, runDir (app.log is there), collabPort.
 * - `demo`: the demo response's slug and the demo people's addresses.
 */
import { test as base, expect } from '@playwright/test';
import { e2eEnv } from './env';

export { expect };
export { expectNoA11yViolations, WCAG_TAGS } from './a11y';
export { SESSION_COOKIE, signInAs } from './auth';
export { createPerson, createResponse, e2eDb, uniqueId, type TestPerson, type TestSection } from './db';
export { e2eEnv } from './env';
export { linkIn, mailTo, readMail, type CapturedMail } from './mail';

export const demo = {
  responseSlug: 'civil-society-covenant',
  coordinator: 'coordinator@chorus.test',
  drafter: 'drafter@chorus.test',
  drafter2: 'drafter2@chorus.test',
  member: 'member@chorus.test',
  member2: 'member2@chorus.test',
} as const;

export const test = base.extend<{ failOnPageErrors: boolean; pageErrorGuard: void }>({
  baseURL: async ({}, use) => use(e2eEnv.baseUrl),
  failOnPageErrors: [true, { option: true }],
  pageErrorGuard: [
    async ({ page, failOnPageErrors }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          problems.push(`blocked by the Content-Security-Policy on ${page.url()}: ${message.text()}`);
        }
      });
      await use();
      if (failOnPageErrors) expect(problems, 'errors in the browser').toEqual([]);
    },
    { auto: true },
  ],
});

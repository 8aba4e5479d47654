/**
 * What the section page looks like, compared pixel by pixel with the images committed
 * beside this file (visual.spec.ts-snapshots/), at a desktop and a phone width. The data is
 * fixed (names, words, dates); what changes by itself (times, the live status, the header
 * with its unread count) is masked. After an intended change of look, run
 * `npx playwright test tests/e2e/visual.spec.ts --update-snapshots` and commit the images.
 */
import type { Page } from '@playwright/test';
import { docFromText, textFromDoc } from '../../lib/sections/content';
import { createPerson, e2eDb, expect, signInAs, test, uniqueId } from './support';

const FIRST = 'Local charities carry the cost of crisis support across the region. The funding formula ignores them.';
const SECOND = 'We ask the department to fund local charities for three years at a time, so that they can keep their staff.';
const AT = new Date('2026-11-02T10:30:00Z');

async function seedSection() {
  const coordinator = await createPerson('COORDINATOR', { name: 'Cora Okafor' });
  const amira = await createPerson('MEMBER', { name: 'Amira Shah' });
  const ben = await createPerson('MEMBER', { name: 'Ben Lewis' });
  const response = await e2eDb().response.create({
    data: { slug: uniqueId('visual'), title: 'Response on charity funding', consultationName: 'Charity funding consultation', phase: 'OPEN', deadline: new Date('2099-01-31T17:00:00Z') },
  });
  const section = await e2eDb().section.create({ data: { responseId: response.id, position: 0, number: '1', heading: 'Funding' } });
  const content = docFromText(`${FIRST}\n\n${SECOND}`);
  const text = textFromDoc(content);
  const version = await e2eDb().sectionVersion.create({
    data: { sectionId: section.id, content: content as object, text, source: 'IMPORT', createdAt: AT, authors: { create: [{ userId: coordinator.id }] } },
  });
  await e2eDb().section.update({ where: { id: section.id }, data: { currentVersionId: version.id } });
  const anchor = (exact: string) => {
    const start = text.indexOf(exact);
    return { exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(start + exact.length, start + exact.length + 32), start, end: start + exact.length, versionId: version.id };
  };
  const thread = await e2eDb().comment.create({
    data: { sectionId: section.id, authorId: amira.id, body: 'Which costs exactly? The food bank survey has the figures.', anchor: anchor('the cost of crisis support'), createdAt: AT },
  });
  await e2eDb().comment.create({ data: { sectionId: section.id, authorId: ben.id, parentId: thread.id, body: 'Page 12 of the survey.', createdAt: AT } });
  await e2eDb().agreement.create({ data: { userId: ben.id, commentId: thread.id, createdAt: AT } });
  await e2eDb().suggestion.create({
    data: { sectionId: section.id, authorId: ben.id, anchor: anchor('three years'), replacement: 'five years', reason: 'Charities need to plan ahead.', baseVersionId: version.id, createdAt: AT },
  });
  await e2eDb().comment.create({ data: { sectionId: section.id, authorId: amira.id, body: 'A clear section overall.', createdAt: AT } });
  return { section, viewer: await createPerson('MEMBER', { name: 'Mina Haddad' }) };
}

async function settle(page: Page) {
  await expect(page.locator('.chorus-editor [data-connection]')).toHaveAttribute('data-connection', 'online', { timeout: 15_000 });
  await expect(page.getByRole('complementary', { name: /Comments and suggestions/ }).getByRole('listitem').first()).toBeVisible();
  // The viewer is listed as here (masked, but it takes a line on a phone): wait for it so the page does not shift.
  await expect(page.getByRole('list', { name: 'Here now' })).toBeVisible({ timeout: 15_000 });
  await page.evaluate(() => document.fonts.ready);
  // Let the margin finish placing cards beside their passages.
  await page.waitForTimeout(500);
}

const mask = (page: Page) => [
  page.locator('header'),
  // When each comment was written (the cards write the moment in data-datetime).
  page.locator('time, [data-datetime]'),
  page.locator('.chorus-editor [data-connection]'),
  page.getByText(/^Last changed/),
  // Who else is here comes and goes with other tests' people and the presence heartbeat.
  page.getByText('Here now:'),
  page.getByRole('list', { name: 'Here now' }),
];

for (const [name, viewport] of [['section-1280', { width: 1280, height: 1000 }], ['section-360', { width: 360, height: 800 }]] as const) {
  test(`[LOOK] the section page with comments and suggestions at ${viewport.width} px`, async ({ browser }) => {
    const { section, viewer } = await seedSection();
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...(viewport.width < 400 ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    await signInAs(page, viewer.email);
    await page.goto(`/sections/${section.id}`);
    await settle(page);
    await expect(page).toHaveScreenshot(`${name}.png`, { fullPage: true, mask: mask(page), animations: 'disabled', caret: 'hide', maxDiffPixelRatio: 0.01 });
    await context.close();
  });
}

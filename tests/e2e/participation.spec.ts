/**
 * Taking part as a member, a drafter and a coordinator would, keyboard only and on a phone:
 * where focus goes, what fits on a small screen, what asks before it acts and what tells
 * people that something changed under them.
 */
import type { Locator, Page } from '@playwright/test';
import { docFromText, textFromDoc } from '../../lib/sections/content';
import { createPerson, createResponse, e2eDb, expect, expectNoA11yViolations, signInAs, test } from './support';

const margin = (page: Page) => page.getByRole('complementary', { name: /Comments and suggestions/ });
const card = (page: Page, text: string | RegExp): Locator => margin(page).getByRole('listitem').filter({ hasText: text }).first();

async function openSection(page: Page, text = 'Local charities carry the cost of crisis support. The funding formula ignores them.') {
  const author = await createPerson('COORDINATOR');
  const { response, sections } = await createResponse({ authorId: author.id, sections: [text] });
  return { author, response, section: sections[0] };
}

test('[FOCUS] suggesting an edit by keyboard: focus starts in the empty required field and goes to the error when refused', async ({ page }) => {
  const member = await createPerson('MEMBER');
  const { section } = await openSection(page);
  await signInAs(page, member.email);
  await page.goto(`/sections/${section.id}`);

  await margin(page).getByRole('button', { name: 'Suggest an edit' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Suggest an edit' });
  const words = dialog.getByLabel('The words to change');
  // Nothing was selected: the first empty required field comes first.
  await expect(words).toBeFocused();

  // Sending with nothing filled in: the error is shown and focus is on the field in error.
  const send = dialog.getByRole('button', { name: 'Send suggestion' });
  await send.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('Type or select the words you want to change');
  await expect(words).toBeFocused();
  await expect(words).toHaveAttribute('aria-invalid', 'true');

  // Words that are not in the section: refused again, focus back on them.
  await page.keyboard.type('the costs of crisis');
  await send.focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('not in the section');
  await expect(words).toBeFocused();

  await words.fill('the cost of crisis support');
  await dialog.getByLabel('New words').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('the whole cost of crisis support');
  await send.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(card(page, 'Suggested rewording')).toBeVisible();
  await expectNoA11yViolations(page);
});

test('[FOCUS] agreeing, replying and an empty whole-section comment keep focus on a sensible element', async ({ page }) => {
  const member = await createPerson('MEMBER');
  const other = await createPerson('MEMBER');
  const { section } = await openSection(page);
  await e2eDb().comment.create({ data: { sectionId: section.id, authorId: other.id, body: 'Is the formula published?' } });
  await signInAs(page, member.email);
  await page.goto(`/sections/${section.id}`);

  const thread = card(page, 'Is the formula published?');
  const agree = thread.getByRole('button', { name: /^Agree/ });
  await agree.focus();
  await page.keyboard.press('Enter');
  await expect(agree).toHaveAttribute('aria-pressed', 'true');
  await expect(agree).toBeFocused();

  await thread.getByRole('button', { name: 'Reply' }).focus();
  await page.keyboard.press('Enter');
  await expect(thread.getByLabel('Your reply')).toBeFocused();
  await page.keyboard.type('It is, on page 12.');
  await thread.getByRole('button', { name: 'Send reply' }).focus();
  await page.keyboard.press('Enter');
  await expect(thread.getByRole('list', { name: 'Replies' })).toContainText('It is, on page 12.');
  await expect(thread.getByRole('button', { name: 'Reply' })).toBeFocused();

  await margin(page).getByRole('button', { name: 'Comment on the whole section' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Comment on the whole section' });
  await expect(dialog.getByLabel('Your comment')).toBeFocused();
  await dialog.getByRole('button', { name: 'Post comment' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('the comment is empty');
  await expect(dialog.getByLabel('Your comment')).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
  await expectNoA11yViolations(page);
});

test('[PHASE] closing for comments asks first (a modal that keeps focus and gives it back); a member with the section open is told', async ({ browser }) => {
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER');
  const { response, sections } = await createResponse({ authorId: coordinator.id, sections: ['The plan helps people in crisis.'] });

  const memberContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const memberPage = await memberContext.newPage();
  await signInAs(memberPage, member.email);
  await memberPage.goto(`/sections/${sections[0].id}`);
  await expect(margin(memberPage).getByRole('button', { name: 'Comment on the whole section' })).toBeVisible();

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, coordinator.email);
  await page.goto(`/responses/${response.slug}/merge`);
  const close = page.getByRole('button', { name: 'Close for comments…' });
  await close.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Close the response for comments?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Everyone with a section open is told at once.');
  // The safe choice first; Tab stays within the dialog.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
  }
  await expectNoA11yViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(close).toBeFocused();
  expect((await e2eDb().response.findUniqueOrThrow({ where: { id: response.id } })).phase).toBe('OPEN');

  await close.click();
  await dialog.getByRole('button', { name: 'Yes, close for comments' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the response is now closed' })).toBeFocused();
  expect((await e2eDb().response.findUniqueOrThrow({ where: { id: response.id } })).phase).toBe('CLOSED');

  // The member's page learns of it when they come back to it (or within 15 seconds).
  await memberPage.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect(memberPage.getByRole('status').filter({ hasText: 'The response is now closed for comments' })).toBeVisible();
  await expectNoA11yViolations(memberPage);
  await memberPage.getByRole('button', { name: 'Reload the page' }).click();
  await expect(margin(memberPage)).toContainText('This response is closed for comments');
  await context.close();
  await memberContext.close();
});

test('[PHASE] restoring a version asks first, and Cancel restores nothing', async ({ page }) => {
  const drafter = await createPerson('DRAFTER');
  const { sections } = await createResponse({ authorId: drafter.id, sections: ['First words of the section.'] });
  const section = sections[0];
  const content = docFromText('Second words of the section.');
  const version = await e2eDb().sectionVersion.create({
    data: { sectionId: section.id, content: content as object, text: textFromDoc(content), source: 'EDIT', authors: { create: [{ userId: drafter.id }] } },
  });
  await e2eDb().section.update({ where: { id: section.id }, data: { currentVersionId: version.id } });
  await signInAs(page, drafter.email);
  await page.goto(`/sections/${section.id}/history?view=${section.versionId}`);
  const restore = page.getByRole('button', { name: 'Restore this version…' });
  await restore.click();
  const dialog = page.getByRole('dialog', { name: 'Restore this version?' });
  await expect(dialog).toContainText('Nothing is deleted');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(restore).toBeFocused();
  expect(await e2eDb().sectionVersion.count({ where: { sectionId: section.id } })).toBe(2);
  await restore.click();
  await dialog.getByRole('button', { name: 'Yes, restore it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
  await expect.poll(() => e2eDb().sectionVersion.count({ where: { sectionId: section.id } })).toBe(3);
});

test('[MERGE] after editing "The text now", "In which version of the text" offers the new version as the current one', async ({ page }) => {
  const drafter = await createPerson('DRAFTER', { name: 'Dana Drafter' });
  const member = await createPerson('MEMBER');
  const { response, sections } = await createResponse({ authorId: member.id, sections: ['Grants are announced weeks before the year starts.'] });
  const section = sections[0];
  await e2eDb().comment.create({ data: { sectionId: section.id, authorId: member.id, body: 'Say how many weeks.' } });
  await signInAs(page, drafter.email);
  await page.goto(`/responses/${response.slug}/merge/${section.id}`);
  const editor = page.locator('.chorus-editor .ProseMirror[contenteditable="true"]');
  await expect(page.locator('.chorus-editor [data-connection]')).toHaveAttribute('data-connection', 'online', { timeout: 15_000 });
  await editor.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Six weeks, often fewer.');
  await expect.poll(() => e2eDb().sectionVersion.count({ where: { sectionId: section.id } }), { timeout: 15_000 }).toBe(2);

  const commentCard = page.getByRole('article', { name: /^Comment by/ });
  await commentCard.getByText('Give a disposition').click();
  await commentCard.getByRole('radio', { name: 'Incorporated', exact: true }).check();
  const which = commentCard.getByLabel('In which version of the text');
  await expect(which.locator('option')).toHaveCount(3);
  await expect(which.locator('option').nth(1)).toHaveText(/^Current version of .* by Dana Drafter$/);
  await expect(which.locator('option').nth(2)).toHaveText(/^Version of /);
  await expectNoA11yViolations(page);
});

test('[FOCUS] editing and withdrawing one\'s own comment, and declining a suggestion with a reason, keep focus and say what happened', async ({ page, browser }) => {
  const member = await createPerson('MEMBER');
  const drafter = await createPerson('DRAFTER', { name: 'Dee Drafter' });
  const { sections } = await createResponse({ sections: ['Grants are announced weeks before the year starts.'] });
  const section = sections[0];
  const comment = await e2eDb().comment.create({ data: { sectionId: section.id, authorId: member.id, body: 'My first thought.' } });
  await e2eDb().suggestion.create({
    data: {
      sectionId: section.id,
      authorId: member.id,
      anchor: { exact: 'weeks', prefix: 'Grants are announced ', suffix: ' before the year starts.', start: 21, end: 26, versionId: section.versionId },
      replacement: 'months',
      baseVersionId: section.versionId,
    },
  });

  // The member edits their comment: the form opens, saves, and focus returns to "Edit".
  await signInAs(page, member.email);
  await page.goto(`/sections/${section.id}`);
  const mine = page.locator(`#comment-${comment.id}`);
  await expect(mine).toContainText('My first thought.');
  await mine.getByRole('button', { name: 'Edit your comment' }).click();
  const field = mine.getByRole('textbox', { name: 'Edit your comment' });
  await field.fill('My second thought.');
  await mine.getByRole('button', { name: 'Save' }).click();
  const edited = mine;
  await expect(edited).toContainText('My second thought.');
  await expect(edited).toContainText('edited');
  await expect(edited.getByRole('button', { name: 'Edit your comment' })).toBeFocused();

  // Asked before withdrawing: "Keep it" changes nothing and gives focus back; "Withdraw" withdraws.
  await edited.getByRole('button', { name: 'Withdraw your comment' }).click();
  const question = edited.getByRole('group', { name: 'Confirm withdrawal' });
  await question.getByRole('button', { name: 'Keep it' }).click();
  await expect(question).toHaveCount(0);
  await expect(edited.getByRole('button', { name: 'Edit your comment' })).toBeFocused();
  await edited.getByRole('button', { name: 'Withdraw your comment' }).click();
  await question.getByRole('button', { name: 'Withdraw', exact: true }).click();
  // A withdrawn thread leaves the "Open" view; focus stays in the margin, not on <body>.
  await expect(mine).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
  expect(await e2eDb().comment.count({ where: { sectionId: section.id, withdrawnAt: { not: null } } })).toBe(1);

  // A drafter declines the suggestion: the reason field takes focus, and the author reads the reason.
  const drafterContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const drafterPage = await drafterContext.newPage();
  await signInAs(drafterPage, drafter.email);
  await drafterPage.goto(`/sections/${section.id}`);
  const suggestion = card(drafterPage, 'Suggested rewording');
  await suggestion.getByRole('button', { name: /^Decline suggestion by/ }).click();
  const reason = suggestion.getByRole('textbox', { name: /Why are you declining it\?/ });
  await expect(reason).toBeFocused();
  await reason.fill('The dates are fixed by the department.');
  await suggestion.getByRole('button', { name: 'Decline suggestion', exact: true }).click();
  // A decided suggestion leaves the "Open" view: shown with "All".
  await margin(drafterPage).getByText('Filter and sort').click();
  await margin(drafterPage).getByLabel('Show').selectOption('all');
  await expect(card(drafterPage, 'Suggested rewording')).toContainText('Declined by Dee Drafter');
  await expect(card(drafterPage, 'Suggested rewording')).toContainText('Reason: The dates are fixed by the department.');
  expect(await e2eDb().suggestion.findFirstOrThrow({ where: { sectionId: section.id }, select: { status: true, declineReason: true } })).toEqual({ status: 'DECLINED', declineReason: 'The dates are fixed by the department.' });
  await expectNoA11yViolations(drafterPage);
  await drafterContext.close();
});

test('[OUTCOME] a member sees on their own card what became of their comment and suggestion, with the reply', async ({ page }) => {
  const coordinator = await createPerson('COORDINATOR', { name: 'Cora Coordinator' });
  const member = await createPerson('MEMBER');
  const { sections } = await createResponse({ authorId: coordinator.id, sections: ['Grants are announced weeks before the year starts.'] });
  const section = sections[0];
  const comment = await e2eDb().comment.create({ data: { sectionId: section.id, authorId: member.id, body: 'Say how many weeks.' } });
  const suggestion = await e2eDb().suggestion.create({
    data: {
      sectionId: section.id,
      authorId: member.id,
      anchor: { exact: 'weeks', prefix: 'Grants are announced ', suffix: ' before the year starts.', start: 21, end: 26, versionId: section.versionId },
      replacement: 'six weeks',
      baseVersionId: section.versionId,
    },
  });
  await e2eDb().disposition.create({ data: { sectionId: section.id, commentId: comment.id, kind: 'INCORPORATED', reply: 'We now say six weeks in paragraph 1.', actorId: coordinator.id } });
  await e2eDb().disposition.create({ data: { sectionId: section.id, suggestionId: suggestion.id, kind: 'NOTED', actorId: coordinator.id } });
  await signInAs(page, member.email);
  await page.goto(`/sections/${section.id}`);
  const mine = card(page, 'Say how many weeks.');
  await expect(mine).toContainText('Outcome: Incorporated · Cora Coordinator');
  await expect(mine).toContainText('We now say six weeks in paragraph 1.');
  await expect(card(page, 'Suggested rewording')).toContainText('Outcome: Noted');
  await expectNoA11yViolations(page);
});

/** Everything wider than the viewport, and every control or stand-alone link shorter than 24 px. */
async function layoutProblems(page: Page): Promise<{ overflow: string[]; small: string[] }> {
  return page.evaluate(() => {
    const describe = (element: Element) => {
      const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.getAttribute('type') ? `[type=${element.getAttribute('type')}]` : ''} "${text}"`;
    };
    const width = document.documentElement.clientWidth;
    const overflow: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      overflow.push(`page is ${document.documentElement.scrollWidth}px wide`);
      for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        // What a scrolling box holds is that box's business; the box itself must fit.
        let inScroller = false;
        for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
          if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(up).overflowX)) inScroller = true;
        }
        if (box.width && box.right > width + 1 && !inScroller) overflow.push(`${describe(element)} ends at ${Math.round(box.right)}px`);
        if (overflow.length > 8) break;
      }
    }
    const small: string[] = [];
    const targets = document.querySelectorAll('button, select, input:not([type=hidden]), summary, a[href]');
    for (const element of targets) {
      const box = element.getBoundingClientRect();
      if (!box.width || !box.height) continue; // not shown
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') continue;
      // A link inside a sentence is excepted (WCAG 2.5.8 "inline").
      if (element.tagName === 'A' && element.closest('p, blockquote, .prose-section, td')) continue;
      if (element.classList.contains('skip-link')) continue;
      if (box.height < 24 || box.width < 24) small.push(`${describe(element)} is ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return { overflow, small };
  });
}

test('[LAYOUT] at 360 px no page scrolls sideways, and every control and stand-alone link is at least 24 px', async ({ browser }) => {
  test.setTimeout(180_000);
  const coordinator = await createPerson('COORDINATOR', { name: 'Cora Coordinator' });
  const member = await createPerson('MEMBER', { name: 'Mo Member' });
  const { response, sections } = await createResponse({
    authorId: coordinator.id,
    sections: ['Grants are announced weeks before the year starts, which leaves local charities unable to plan their services or keep their staff.', 'We ask for three-year grants.'],
  });
  const section = sections[0];
  await e2eDb().comment.create({ data: { sectionId: section.id, authorId: member.id, body: 'Say how many weeks, and cite the survey of members from last spring.' } });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signInAs(page, coordinator.email);
  const pages = [
    '/',
    `/responses/${response.slug}`,
    `/sections/${section.id}`,
    `/sections/${section.id}/history`,
    `/responses/${response.slug}/merge`,
    `/responses/${response.slug}/merge/${section.id}`,
    `/responses/${response.slug}/versions`,
    `/responses/${response.slug}/report`,
    `/responses/${response.slug}/export`,
    `/responses/${response.slug}/form`,
    `/responses/${response.slug}/endorsements`,
    `/responses/${response.slug}/case-studies`,
    `/responses/${response.slug}/case-studies/new`,
    '/responses/new',
    '/inbox',
    '/settings',
    '/people',
    '/audit',
  ];
  const problems: string[] = [];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator('main h1').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Something went wrong' }), path).toHaveCount(0);
    const { overflow, small } = await layoutProblems(page);
    problems.push(...overflow.map((p) => `${path}: ${p}`), ...small.map((p) => `${path}: ${p}`));
  }
  expect(problems).toEqual([]);
  await context.close();
});

test('[FIRST STEPS] pages link the app icon and a web manifest, and none of them is missing', async ({ page, request }) => {
  const member = await createPerson('MEMBER');
  const missing: string[] = [];
  page.on('response', (answer) => {
    if (answer.status() === 404) missing.push(answer.url());
  });
  await signInAs(page, member.email);
  await page.goto('/');
  await expect(page.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute('href', /\/icon\.svg/);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', /\/manifest\.webmanifest/);
  for (const path of ['/favicon.ico', '/icon.svg', '/manifest.webmanifest', '/icon-192.png', '/icon-512.png']) {
    const answer = await request.get(path);
    expect(answer.status(), path).toBe(200);
  }
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'Chorus', start_url: '/' });
  await page.reload();
  await page.waitForLoadState('networkidle');
  expect(missing).toEqual([]);
});

test('[MARGIN] at 1280 px the filters are folded away and each card sits beside its passage', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const member = await createPerson('MEMBER');
  const other = await createPerson('MEMBER');
  const first = 'Grants are announced weeks before the year starts, which leaves local charities unable to plan their services.';
  const second = 'We ask the department to fund local charities for three years at a time, so that they can keep their staff.';
  const { sections } = await createResponse({ sections: [`${first}\n\n${second}`] });
  const section = sections[0];
  const start = section.text.indexOf('three years');
  await e2eDb().comment.create({
    data: {
      sectionId: section.id,
      authorId: other.id,
      body: 'Three years is the minimum the sector asked for.',
      anchor: { exact: 'three years', prefix: section.text.slice(Math.max(0, start - 32), start), suffix: section.text.slice(start + 11, start + 43), start, end: start + 11, versionId: section.versionId },
    },
  });
  await signInAs(page, member.email);
  await page.goto(`/sections/${section.id}`);
  const thread = card(page, 'Three years is the minimum');
  await expect(thread).toBeVisible();
  await expect(page.getByLabel('Show')).toBeHidden();
  await expect(margin(page).getByText('Filter and sort')).toBeVisible();

  const passageTop = async () =>
    page.evaluate(() => {
      const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('chorus-comment');
      const range = highlight ? [...highlight][0] : null;
      // The live document may replace the text under a range for a moment: ask again then.
      const rect = range?.getClientRects()[0];
      return rect ? rect.top : null;
    });
  await expect.poll(passageTop).not.toBeNull();
  await expect.poll(async () => Math.abs((await thread.boundingBox())!.y - ((await passageTop()) ?? -1000))).toBeLessThan(24);

  await margin(page).getByText('Filter and sort').click();
  await page.getByLabel('Show').selectOption('all');
  await expect(thread).toBeVisible();
  await expectNoA11yViolations(page);
});

test('[MARGIN] the contents page cuts excerpts at a word with an ellipsis; the audit log names people and things, never raw ids', async ({ browser }) => {
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER', { name: 'Mo Member' });
  const long = 'Local charities carry the cost of crisis support across the whole region, and the funding formula ignores them entirely, which means that every winter the same organisations stretch their reserves, cut back their opening hours and turn people away at the door.';
  const { response, sections } = await createResponse({ authorId: coordinator.id, sections: [long] });
  const section = sections[0];

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signInAs(memberPage, member.email);
  const posted = await memberPage.request.post(`/api/v1/sections/${section.id}/comments`, { data: { body: 'Which winters? Give the years.' } });
  expect(posted.status()).toBe(201);
  await memberContext.close();

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInAs(page, coordinator.email);
  await page.goto(`/responses/${response.slug}`);
  const excerpt = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: '1. Section 1' }) }).locator('p').first();
  const shown = (await excerpt.textContent())!;
  expect(shown.endsWith('…')).toBe(true);
  expect(long.startsWith(shown.slice(0, -1))).toBe(true);
  expect(long.charAt(shown.length - 1)).toMatch(/[\s,.]/);

  await page.goto('/audit');
  const row = page.getByRole('row').filter({ hasText: 'Comment: create' }).filter({ hasText: 'Mo Member' }).first();
  await expect(row).toContainText('Mo Member on 1. Section 1: “Which winters? Give the years.”');
  await expect(row).toContainText('section: 1. Section 1');
  const table = (await page.getByRole('table').textContent())!;
  expect(table).not.toMatch(/\bc[a-z0-9]{20,}\b/);
  await expectNoA11yViolations(page);
  await context.close();
});

test('[LOOK] each role finds its main action first on a response: members start reading, coordinators merge', async ({ page }) => {
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER');
  const { response, sections } = await createResponse({ authorId: coordinator.id });
  await signInAs(page, member.email);
  await page.goto(`/responses/${response.slug}`);
  await page.getByRole('link', { name: 'Start reading and commenting' }).click();
  await expect(page).toHaveURL(new RegExp(`/sections/${sections[0].id}$`));
  await expectNoA11yViolations(page);
  await page.context().clearCookies();
  await signInAs(page, coordinator.email);
  await page.goto(`/responses/${response.slug}`);
  await expect(page.getByRole('link', { name: 'Start reading and commenting' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Merge feedback' })).toHaveClass(/bg-accent/);
  await expectNoA11yViolations(page);
});

test('[MARGIN] another drafter\'s caret label at the end of a line stays inside the text column', async ({ browser }) => {
  const ana = await createPerson('DRAFTER', { name: 'Anastasia Montgomery-Whitfield' });
  const ben = await createPerson('DRAFTER', { name: 'Ben' });
  const long = 'Grants are announced weeks before the year starts, which leaves local charities unable to plan their services, keep their staff or tell the people they support what will still be open next spring.';
  const { sections } = await createResponse({ sections: [long] });
  const open = async (person: { email: string }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, person.email);
    await page.goto(`/sections/${sections[0].id}`);
    await expect(page.locator('.chorus-editor [data-connection]')).toHaveAttribute('data-connection', 'online', { timeout: 15_000 });
    return { context, page };
  };
  const a = await open(ana);
  const b = await open(ben);
  // The caret inside the last word of the first line, a few characters from the column's edge.
  const firstParagraph = a.page.locator('.chorus-editor .ProseMirror p').first();
  const { width } = (await firstParagraph.boundingBox())!;
  await firstParagraph.click({ position: { x: width - 40, y: 8 } });
  const label = b.page.locator('.collaboration-carets__label').filter({ hasText: 'Anastasia' });
  await expect(label).toBeVisible();
  const column = (await b.page.locator('.chorus-editor').boundingBox())!;
  const shown = await label.evaluate((element) => {
    // The part of the label that is painted: clipped by the column if it sticks out.
    const box = element.getBoundingClientRect();
    const clip = element.closest('.chorus-editor')!.getBoundingClientRect();
    return { right: Math.min(box.right, getComputedStyle(element.closest('.chorus-editor')!).overflowX === 'clip' ? clip.right + 6 : Infinity) };
  });
  expect(shown.right).toBeLessThanOrEqual(column.x + column.width + 6);
  await a.context.close();
  await b.context.close();
});

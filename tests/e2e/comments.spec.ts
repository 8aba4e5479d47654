import type { Locator, Page } from '@playwright/test';
import { docFromText, textFromDoc } from '../../lib/sections/content';
import { createPerson, e2eDb, expect, expectNoA11yViolations, readMail, signInAs, test, uniqueId } from './support';

const FUNDING = 'Local charities carry the cost of crisis support. The funding formula ignores them.';
const ASK = 'We ask the department to fund local charities for three years at a time.';

/** A response of our own, open for comment, with one section of two paragraphs. */
async function createOpenSection(authorId: string, texts = [`${FUNDING}\n\n${ASK}`]) {
  const response = await e2eDb().response.create({
    data: { slug: uniqueId('comments'), title: 'Response on charity funding', consultationName: 'Charity funding consultation', phase: 'OPEN', deadline: new Date(Date.now() + 14 * 86_400_000) },
  });
  const sections = [];
  for (const [position, text] of texts.entries()) {
    const section = await e2eDb().section.create({ data: { responseId: response.id, position, number: String(position + 1), heading: position ? 'Other' : 'Funding' } });
    const content = docFromText(text);
    const version = await e2eDb().sectionVersion.create({
      data: { sectionId: section.id, content: content as object, text: textFromDoc(content), source: 'IMPORT', authors: { create: [{ userId: authorId }] } },
    });
    await e2eDb().section.update({ where: { id: section.id }, data: { currentVersionId: version.id } });
    sections.push(section);
  }
  return { response, section: sections[0], sections };
}

/** Selects `words` in the section's text, as a person dragging over them would. */
async function selectWords(page: Page, words: string) {
  await page.evaluate((words) => {
    const root = document.querySelector('[data-section-text]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue!.indexOf(words);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`"${words}" is not in the section`);
  }, words);
}

/** The words each highlighted passage covers, by kind (comment, suggestion). */
async function highlighted(page: Page, name: 'chorus-comment' | 'chorus-suggestion'): Promise<string[]> {
  return page.evaluate((name) => {
    const highlight = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(name);
    return highlight ? [...highlight].map((range) => range.toString()) : [];
  }, name);
}

const margin = (page: Page) => page.getByRole('complementary', { name: /Comments and suggestions/ });
const card = (page: Page, text: string | RegExp): Locator => margin(page).getByRole('listitem').filter({ hasText: text }).first();

test('[COMMENTS] two members comment, suggest, reply and agree; a drafter accepts; the version credits both and the inbox shows the decision', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await createPerson('COORDINATOR');
  const alice = await createPerson('MEMBER', { name: `Alice ${uniqueId('')}` });
  const bob = await createPerson('MEMBER', { name: `Bob ${uniqueId('')}` });
  const drafter = await createPerson('DRAFTER', { name: `Dana ${uniqueId('')}` });
  const { response, section } = await createOpenSection(coordinator.id);

  // ---- Alice comments on a passage and suggests an edit
  const aliceContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const alicePage = await aliceContext.newPage();
  await signInAs(alicePage, alice.email);
  await alicePage.goto(`/sections/${section.id}`);
  await expect(margin(alicePage)).toContainText('No comments or suggestions yet.');

  // The live document replaces the server-rendered text once it syncs, which drops a
  // selection made before; select again until the margin has it.
  await expect(async () => {
    await selectWords(alicePage, 'the cost of crisis support');
    await expect(margin(alicePage)).toContainText('Selected: the cost of crisis support', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await margin(alicePage).getByRole('button', { name: 'Comment on selection' }).click();
  const commentDialog = alicePage.getByRole('dialog', { name: 'Comment on a passage' });
  await expect(commentDialog.getByLabel('The passage')).toHaveValue('the cost of crisis support');
  await commentDialog.getByLabel('Your comment').fill('Which costs exactly? <b>Evidence</b> please: https://example.org/costs');
  await commentDialog.getByRole('button', { name: 'Post comment' }).click();
  await expect(commentDialog).toBeHidden();
  const aliceComment = card(alicePage, 'Which costs exactly?');
  await expect(aliceComment.getByRole('blockquote')).toHaveText('the cost of crisis support');
  // Typed markup stays text; the address becomes a link.
  await expect(aliceComment).toContainText('<b>Evidence</b> please');
  await expect(aliceComment.getByRole('link', { name: 'https://example.org/costs' })).toHaveAttribute('href', 'https://example.org/costs');

  await selectWords(alicePage, 'three years');
  await margin(alicePage).getByRole('button', { name: 'Suggest an edit' }).click();
  const suggestDialog = alicePage.getByRole('dialog', { name: 'Suggest an edit' });
  await suggestDialog.getByLabel('New words').fill('five years');
  await suggestDialog.getByLabel('Why? (optional)').fill('Charities need to plan ahead.');
  await suggestDialog.getByRole('button', { name: 'Send suggestion' }).click();
  await expect(suggestDialog).toBeHidden();
  const aliceSuggestion = card(alicePage, 'Suggested rewording');
  await expect(aliceSuggestion.locator('del')).toContainText('three');
  await expect(aliceSuggestion.locator('ins')).toContainText('five');
  await expect.poll(() => highlighted(alicePage, 'chorus-comment')).toEqual(['the cost of crisis support']);
  await expectNoA11yViolations(alicePage);

  // ---- Bob sees both anchored to the right words, replies and agrees
  const bobContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const bobPage = await bobContext.newPage();
  await signInAs(bobPage, bob.email);
  await bobPage.goto(`/sections/${section.id}`);
  await expect(card(bobPage, 'Which costs exactly?')).toContainText(alice.name);
  await expect.poll(() => highlighted(bobPage, 'chorus-comment')).toEqual(['the cost of crisis support']);
  await expect.poll(() => highlighted(bobPage, 'chorus-suggestion')).toEqual(['three years']);
  const thread = card(bobPage, 'Which costs exactly?');
  await thread.getByRole('button', { name: 'Reply' }).click();
  await thread.getByLabel('Your reply').fill('The food bank figures show it.');
  await thread.getByRole('button', { name: 'Send reply' }).click();
  await expect(thread.getByRole('list', { name: 'Replies' })).toContainText('The food bank figures show it.');
  const suggestion = card(bobPage, 'Suggested rewording');
  const agree = suggestion.getByRole('button', { name: /^Agree/ });
  await expect(agree).toHaveAttribute('aria-pressed', 'false');
  await agree.click();
  await expect(agree).toHaveAttribute('aria-pressed', 'true');
  await expect(agree).toContainText('1');
  await expect(suggestion.getByRole('button', { name: /^Accept/ })).toHaveCount(0);
  await expectNoA11yViolations(bobPage);

  // ---- the drafter accepts the suggestion; the text changes
  const drafterContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const drafterPage = await drafterContext.newPage();
  await signInAs(drafterPage, drafter.email);
  await drafterPage.goto(`/sections/${section.id}`);
  const toAccept = card(drafterPage, 'Suggested rewording');
  await expect(toAccept.getByRole('button', { name: /^Agree/ })).toContainText('1');
  await toAccept.getByRole('button', { name: /^Accept/ }).click();
  await expect(drafterPage.locator('[data-section-text]')).toContainText('for five years at a time');
  // The live document shows the accepted words a moment before the version's transaction
  // commits, so wait for the stored version rather than reading it once.
  const findVersion = () =>
    e2eDb().sectionVersion.findFirst({
      where: { sectionId: section.id, source: 'SUGGESTION' },
      include: { authors: { include: { user: { select: { name: true } } } } },
    });
  await expect.poll(async () => (await findVersion())?.id ?? null, { timeout: 10_000 }).not.toBeNull();
  const version = (await findVersion())!;
  expect(version.authors.map((a) => a.user.name).sort()).toEqual([alice.name, drafter.name].sort());
  expect(version.text).toContain('for five years at a time');
  await margin(drafterPage).getByText('Filter and sort').click();
  await drafterPage.getByLabel('Show').selectOption('resolved');
  await expect(card(drafterPage, 'Suggested rewording')).toContainText(`Accepted by ${drafter.name}`);

  // ---- Alice's inbox shows the decision (and Bob's reply), and so does her email
  await alicePage.goto('/');
  await expect(alicePage.getByRole('link', { name: /Inbox\s*2 unread/ })).toBeVisible();
  await alicePage.getByRole('link', { name: /Inbox/ }).click();
  await expect(alicePage.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  await expect(alicePage.getByRole('link', { name: `${drafter.name} accepted your suggestion on 1. Funding` })).toBeVisible();
  await expect(alicePage.getByRole('link', { name: `${bob.name} replied to your comment on 1. Funding` })).toBeVisible();
  await expectNoA11yViolations(alicePage);
  await alicePage.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(alicePage.getByRole('heading', { name: 'All read' })).toBeVisible();
  await expect(alicePage.getByRole('link', { name: 'Inbox', exact: true })).toBeVisible();
  const mail = await readMail(alice.email, { subject: /accepted your suggestion/ });
  expect(mail.text).toContain(`/sections/${section.id}#suggestion-`);

  // ---- the contents page counts what is still open
  await alicePage.goto(`/responses/${response.slug}`);
  await expect(alicePage.getByRole('listitem').filter({ hasText: '1. Funding' })).toContainText('1 open comment');
  for (const context of [aliceContext, bobContext, drafterContext]) await context.close();
});

test('[COMMENTS] a keyboard user comments on the whole section and on typed words, and chooses between repeated words', async ({ page }) => {
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER');
  const { section } = await createOpenSection(coordinator.id, ['The plan helps. The plan costs money.']);
  await signInAs(page, member.email);
  await page.goto(`/sections/${section.id}`);

  const whole = margin(page).getByRole('button', { name: 'Comment on the whole section' });
  await whole.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Comment on the whole section' });
  await expect(dialog.getByLabel('Your comment')).toBeFocused();
  await page.keyboard.type('A fair summary overall.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(card(page, 'A fair summary overall.')).toContainText('On the whole section');

  await margin(page).getByRole('button', { name: 'Comment on selection' }).focus();
  await page.keyboard.press('Enter');
  const passageDialog = page.getByRole('dialog', { name: 'Comment on a passage' });
  await passageDialog.getByLabel('The passage').fill('The plan');
  await expect(passageDialog).toContainText('Found 2 times: choose which one.');
  await passageDialog.getByLabel('Your comment').fill('Which plan costs money?');
  await passageDialog.getByRole('button', { name: 'Post comment' }).click();
  await expect(passageDialog.getByRole('alert')).toContainText('choose which one');
  await passageDialog.getByRole('radio', { name: /Occurrence 2/ }).check();
  await passageDialog.getByRole('button', { name: 'Post comment' }).click();
  await expect(passageDialog).toBeHidden();
  const stored = await e2eDb().comment.findFirstOrThrow({ where: { sectionId: section.id, body: 'Which plan costs money?' } });
  expect(stored.anchor).toMatchObject({ exact: 'The plan', start: 16 });
  await expectNoA11yViolations(page);
});

test('[COMMENTS] on a phone the feedback is a list under the text; a closed response says "closed for comments"', async ({ browser }) => {
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER');
  const { response, section } = await createOpenSection(coordinator.id);
  await e2eDb().comment.create({ data: { sectionId: section.id, authorId: coordinator.id, body: 'A note for everyone.' } });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signInAs(page, member.email);
  await page.goto(`/sections/${section.id}`);
  const textBox = await page.locator('[data-section-text]').boundingBox();
  const listBox = await margin(page).boundingBox();
  expect(listBox!.y).toBeGreaterThan(textBox!.y + textBox!.height);
  await expect(card(page, 'A note for everyone.')).toBeVisible();
  await expectNoA11yViolations(page);

  await e2eDb().response.update({ where: { id: response.id }, data: { phase: 'CLOSED' } });
  await page.reload();
  await expect(margin(page)).toContainText('This response is closed for comments');
  await expect(margin(page).getByRole('button', { name: 'Comment on selection' })).toHaveCount(0);
  await expect(card(page, 'A note for everyone.').getByRole('button', { name: 'Reply' })).toHaveCount(0);
  await context.close();
});

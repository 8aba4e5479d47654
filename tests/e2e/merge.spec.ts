import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { textFromDoc, type PMDoc } from '../../lib/sections/content';
import { createPerson, createResponse, e2eDb, expect, expectNoA11yViolations, signInAs, test, uniqueId } from './support';

const draftFile = path.join(import.meta.dirname, '../fixtures/import/draft.txt');

/** A quote of `exact` in `text` as the comments feature stores it (TextQuoteSelector with offsets). */
function anchorFor(text: string, exact: string) {
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`"${exact}" is not in the section`);
  const end = start + exact.length;
  return { exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32), start, end };
}

async function downloadText(page: Page, link: ReturnType<Page['getByRole']>) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file!) };
}

test('[MERGE] a coordinator imports a draft, handles a comment and a suggestion, closes, finalises and downloads the text and the report', async ({ browser }) => {
  test.setTimeout(180_000);
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER', { name: 'Mina Example' });
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await signInAs(page, coordinator.email);

  // ---- import: preview, a split undone, details, create
  await page.goto('/');
  await page.getByRole('link', { name: 'Import a draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a draft' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.getByLabel('Draft file').setInputFiles(draftFile);
  await expect(page.getByRole('status').filter({ hasText: 'Found 8 sections in draft.txt' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '2. Check the sections (8)' })).toBeVisible();
  await expect(page.getByLabel('Section 2: heading')).toHaveValue('So, what gets in the way?');
  await page.getByRole('button', { name: 'Start a section here with “The consultation asks three questions:” as its heading' }).click();
  await expect(page.getByRole('heading', { name: '2. Check the sections (9)' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo last change' }).click();
  await expect(page.getByRole('heading', { name: '2. Check the sections (8)' })).toBeVisible();
  await expectNoA11yViolations(page);
  const title = `Riverside response ${uniqueId('')}`;
  await page.getByLabel('Title of the response').fill(title);
  await page.getByLabel('Consultation it answers').fill('Community transport consultation');
  await page.getByRole('button', { name: 'Create the response' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 15_000 });
  const slug = new URL(page.url()).pathname.split('/').pop()!;
  const response = await e2eDb().response.findUniqueOrThrow({ where: { slug }, include: { sections: { orderBy: { position: 'asc' }, include: { currentVersion: true } } } });
  expect(response.sections).toHaveLength(8);
  expect(response.phase).toBe('DRAFTING');

  // ---- open for comment, with a deadline shown counting down
  await page.getByRole('link', { name: 'Merge feedback' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Merge feedback' })).toBeVisible();
  await page.getByLabel('Deadline for comments').fill('2099-06-30T17:00');
  await page.getByRole('button', { name: 'Open for comment…' }).click();
  await page.getByRole('dialog', { name: 'Open the response for comment?' }).getByRole('button', { name: 'Yes, open for comment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the response is now open for comment' })).toBeVisible();
  await page.goto(`/responses/${slug}`);
  await expect(page.getByText(/closes in \d+ days/)).toBeVisible();

  // ---- a member's comment and suggestion on "1. The opportunity", seeded through the database
  const opportunity = response.sections[1];
  const text = textFromDoc(opportunity.currentVersion!.content as PMDoc);
  const comment = await e2eDb().comment.create({
    data: { sectionId: opportunity.id, authorId: member.id, body: 'Please mention rural villages.', anchor: anchorFor(text, 'reaches people that buses do not') },
  });
  const suggestion = await e2eDb().suggestion.create({
    data: { sectionId: opportunity.id, authorId: member.id, anchor: anchorFor(text, 'over a million'), replacement: 'more than a million', reason: 'The latest figures.', baseVersionId: opportunity.currentVersionId },
  });

  // ---- the contents page shows where work remains
  await page.goto(`/responses/${slug}`);
  const contents = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: '1. The opportunity' }) });
  await expect(contents).toContainText('0 of 2 handled — 2 to go');

  // ---- the merge workspace: the comment incorporated with a reply, the suggestion noted in bulk
  await page.goto(`/responses/${slug}/merge`);
  await expect(page.getByText('0 of 2 handled').first()).toBeVisible();
  await page.getByRole('link', { name: '1. The opportunity' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Merge: 1. The opportunity' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Feedback on 1. The opportunity' })).toHaveAttribute('aria-valuetext', '0 of 2 handled');
  await expectNoA11yViolations(page);

  const commentCard = page.getByRole('article', { name: 'Comment by Mina Example' });
  await expect(commentCard).toContainText('reaches people that buses do not');
  await commentCard.getByText('Give a disposition').click();
  await commentCard.getByRole('radio', { name: 'Incorporated', exact: true }).check();
  await commentCard.getByLabel(/Reply to the contributor/).fill('We now mention rural villages in paragraph 2.');
  await commentCard.getByRole('button', { name: /^Save/ }).click();
  await expect(page.getByRole('progressbar', { name: 'Feedback on 1. The opportunity' })).toHaveAttribute('aria-valuetext', '1 of 2 handled');

  const suggestionCard = page.getByRole('article', { name: 'Suggested edit by Mina Example' });
  await expect(suggestionCard).toContainText('more than a million');
  await suggestionCard.getByRole('checkbox', { name: /Select/ }).check();
  const bulk = page.getByRole('form', { name: 'Handle several at once' });
  await expect(bulk).toContainText('1 selected');
  await bulk.getByRole('radio', { name: 'Noted', exact: true }).check();
  await bulk.getByLabel(/Reply to the contributor/).fill('Thank you: we kept the figure we can cite.');
  await bulk.getByRole('button', { name: 'Apply to 1 selected' }).click();
  await expect(bulk.getByRole('status')).toHaveText('Saved: 1 marked noted.');
  await expect(page.getByRole('progressbar', { name: 'Feedback on 1. The opportunity' })).toHaveAttribute('aria-valuetext', '2 of 2 handled');

  expect(await e2eDb().disposition.findUnique({ where: { commentId: comment.id }, select: { kind: true, reply: true } })).toEqual({ kind: 'INCORPORATED', reply: 'We now mention rural villages in paragraph 2.' });
  expect(await e2eDb().disposition.findUnique({ where: { suggestionId: suggestion.id }, select: { kind: true } })).toEqual({ kind: 'NOTED' });
  expect(await e2eDb().notification.count({ where: { userId: member.id, kind: 'feedback.disposition' } })).toBe(2);

  await page.goto(`/responses/${slug}`);
  await expect(contents).toContainText('All 2 handled');

  // ---- close, then mark final
  await page.getByRole('link', { name: 'Merge feedback' }).click();
  await expect(page.getByRole('progressbar', { name: 'The whole response' })).toHaveAttribute('aria-valuetext', '2 of 2 handled');
  await page.getByRole('button', { name: 'Close for comments…' }).click();
  await page.getByRole('dialog', { name: 'Close the response for comments?' }).getByRole('button', { name: 'Yes, close for comments' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the response is now closed' })).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Mark as final…' }).click();
  await page.getByRole('button', { name: 'Yes, freeze the text as the final submission' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the response is now final' })).toBeVisible();
  expect((await e2eDb().response.findUniqueOrThrow({ where: { slug } })).phase).toBe('FINAL');
  expect(await e2eDb().namedVersion.count({ where: { responseId: response.id, label: 'Final submission' } })).toBe(1);

  // ---- export: the final submission's text, copied and downloaded
  await page.goto(`/responses/${slug}/export`);
  await expect(page.getByRole('heading', { level: 1, name: 'Export' })).toBeVisible();
  await page.getByLabel('Which text').selectOption('Final submission');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText('The text exactly as it was in the named version “Final submission”.')).toBeVisible();
  const box = page.getByLabel('Text ready to paste');
  await expect(box).toHaveValue(new RegExp(`^${title}\\n\\nThis is the draft response`));
  await expect(box).toHaveValue(/\n\n2\. So, what gets in the way\?\n\n/);
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied the text to the clipboard.' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('1. The opportunity');

  const txt = await downloadText(page, page.getByRole('link', { name: 'Plain text (.txt)' }));
  expect(txt.name).toBe(`${slug}-final-submission.txt`);
  const words = (value: string) => value.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  expect(words(txt.bytes.toString('utf8'))).toEqual(words(`${title}\n${await readFile(draftFile, 'utf8')}`));

  const report = await downloadText(page, page.getByRole('link', { name: 'Report as Markdown (.md)' }));
  expect(report.name).toBe(`${slug}-you-said-we-did.md`);
  expect(report.bytes.toString('utf8')).toContain('**Incorporated:** We now mention rural villages in paragraph 2.');
  const reportDocx = await downloadText(page, page.getByRole('link', { name: 'Report as Word (.docx)' }));
  expect(reportDocx.bytes.subarray(0, 2).toString()).toBe('PK');

  // ---- the report as a web page
  await page.getByRole('link', { name: 'Read the report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'You said, we did' })).toBeVisible();
  const section = page.getByRole('region', { name: '1. The opportunity' });
  await expect(section).toContainText('Please mention rural villages.');
  await expect(section).toContainText('Incorporated: We now mention rural villages in paragraph 2.');
  await expect(section).toContainText('Replace “over a million” with “more than a million”');
  await expect(section).not.toContainText('Mina Example');
  await page.getByLabel('Show contributors’ names').check();
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByRole('region', { name: '1. The opportunity' })).toContainText('Mina Example');
  await expectNoA11yViolations(page);
  await context.close();
});

test('[MERGE] members cannot reach the merge workspace, and may export the current text only', async ({ page }) => {
  const member = await createPerson('MEMBER');
  const { response } = await createResponse({ title: 'Member view', sections: ['Some text.'] });
  await signInAs(page, member.email);
  await page.goto(`/responses/${response.slug}`);
  await expect(page.getByRole('link', { name: 'Merge feedback' })).toHaveCount(0);
  const blocked = await page.goto(`/responses/${response.slug}/merge`);
  expect(blocked?.status()).toBe(404);
  await page.goto(`/responses/${response.slug}/export`);
  await expect(page.getByRole('link', { name: 'Plain text (.txt)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Word document (.docx)' })).toHaveCount(0);
  const refused = await page.request.get(`/api/v1/responses/${response.slug}/export?format=docx`);
  expect(refused.status()).toBe(403);
  await expectNoA11yViolations(page);
});

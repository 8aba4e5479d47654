import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { createPerson, createResponse, expect, expectNoA11yViolations, signInAs, test } from './support';

async function download(page: Page, link: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), text: (await readFile((await file.path())!)).toString('utf8') };
}

test('[FORM] a coordinator pastes the questions with limits, maps sections, exports as the form asks; an organisation endorses with reservations and the export lists it', async ({ browser }) => {
  test.setTimeout(180_000);
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER');
  const { response } = await createResponse({
    phase: 'FINAL',
    authorId: coordinator.id,
    sections: [
      { heading: 'The duty', text: 'We agree with the duty. It should apply to every public body.' },
      { heading: 'Funding', text: 'Funding should follow need. Small groups need multi-year grants, not one-off pots. Councils should publish how they decide.' },
    ],
  });
  const slug = response.slug;

  const page = await (await browser.newContext()).newPage();
  await signInAs(page, coordinator.email);
  await page.goto(`/responses/${slug}`);
  await page.getByRole('link', { name: 'Consultation form' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Consultation form' })).toBeVisible();
  await expectNoA11yViolations(page);

  // Nothing pasted: the error summary says so, takes focus and leads to the box.
  await page.getByRole('button', { name: 'Add these questions' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: 'Paste the consultation’s questions' }).click();
  await expect(page.getByLabel('Paste the consultation’s questions')).toBeFocused();
  await expectNoA11yViolations(page);

  await page.getByLabel('Paste the consultation’s questions').fill(
    ['Questions', '', '1. Do you agree with the proposed duty? (10 words)', 'Q2 How should funding be allocated? [max 250 words]', 'Question 3: Anything else?'].join('\n'),
  );
  await page.getByRole('button', { name: 'Add these questions' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added 3 questions 1, 2, 3.' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Left out one line' })).toContainText('“Questions”');
  const question = (number: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: `Question ${number}` }) });
  await expect(question('1')).toContainText('Word limit: 10');
  await expect(question('2')).toContainText('Word limit: 250');
  await expect(question('3')).toContainText('No word limit');

  // Map the whole of section 1 to question 1, and a passage of section 2 to question 2.
  await page.getByLabel('Section that answers question 1').selectOption({ label: '1. The duty' });
  await page.getByRole('button', { name: 'Map to question 1' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1. The duty now answers question 1.' })).toBeVisible();
  await page.getByLabel('Section that answers question 2').selectOption({ label: '2. Funding' });
  await page.getByLabel('Passage that answers question 2 (optional)').fill('Small groups need multi-year grants, not one-off pots.');
  await page.getByRole('button', { name: 'Map to question 2' }).click();
  await expect(question('2')).toContainText('8 of 250 words');
  await expect(question('1')).toContainText('Over the word limit: 12 words: 2 over the limit of 10');
  await expect(question('3')).toContainText('No answer yet');
  await expect(page.getByRole('region', { name: 'At a glance' })).toContainText('No answer yet: question 3.');
  await expectNoA11yViolations(page);

  // As the form asks: the questions in order, each with its answer; over-limit and missing answers flagged.
  const txt = await download(page, page.getByRole('link', { name: 'Plain text (.txt)' }));
  expect(txt.name).toBe(`${slug}-form.txt`);
  expect(txt.text).toContain('Question 1\n\nDo you agree with the proposed duty?\n\nOVER THE WORD LIMIT: 12 words: 2 over the limit of 10');
  expect(txt.text).toContain('Question 2\n\nHow should funding be allocated?\n\nAnswer (8 of 250 words):\n\nSmall groups need multi-year grants, not one-off pots.');
  expect(txt.text).toContain('Question 3\n\nAnything else?\n\nNo answer yet');
  expect(txt.text).not.toContain('Signatories');
  const docx = await download(page, page.getByRole('link', { name: 'Word document (.docx)' }));
  expect(docx.name).toBe(`${slug}-form.docx`);

  // A member organisation endorses, with reservations.
  const memberPage = await (await browser.newContext()).newPage();
  await signInAs(memberPage, member.email);
  await memberPage.goto(`/responses/${slug}/endorsements`);
  await expect(memberPage.getByRole('heading', { level: 1, name: 'Endorsements' })).toBeVisible();
  await expectNoA11yViolations(memberPage);
  await memberPage.getByLabel('Organisation', { exact: true }).fill('Riverside Food Bank');
  await memberPage.getByLabel('Name of the person signing').fill('Priya Shah');
  await memberPage.getByLabel('Their role (optional)').fill('Chair of trustees');
  await memberPage.getByRole('radio', { name: 'Endorse with reservations' }).check();
  // Sent without the reservations: the summary says what is missing.
  await memberPage.getByRole('button', { name: 'Endorse the response' }).click();
  await expect(memberPage.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await expect(memberPage.getByRole('link', { name: 'Enter your organisation’s reservations' })).toBeVisible();
  await memberPage.getByLabel('Your organisation’s reservations').fill('We would go further on multi-year funding.');
  await memberPage.getByRole('button', { name: 'Endorse the response' }).click();
  await expect(memberPage.getByRole('status').filter({ hasText: 'Riverside Food Bank’s endorsement is waiting for a coordinator’s approval' })).toBeFocused();
  await expect(memberPage.getByText('Waiting for approval')).toBeVisible();
  await expectNoA11yViolations(memberPage);

  // The coordinator approves the signatory; the form export lists it, with the reservations in an annex.
  await page.goto(`/responses/${slug}/endorsements`);
  await page.getByRole('button', { name: 'Approve Riverside Food Bank' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Signatories (1)' })).toBeVisible();
  await expectNoA11yViolations(page);
  await page.goto(`/responses/${slug}/form`);
  const signed = await download(page, page.getByRole('link', { name: 'Plain text (.txt)' }));
  expect(signed.text).toContain('Signatories');
  expect(signed.text).toContain('• Riverside Food Bank, signed by Priya Shah, Chair of trustees (with reservations: see the annex)');
  expect(signed.text).toContain('Annex: reservations\n\nRiverside Food Bank\n\nWe would go further on multi-year funding.');
});

test('[FORM] the form page reads well on a phone', async ({ browser }) => {
  const member = await createPerson('MEMBER');
  const { response } = await createResponse({ phase: 'FINAL' });
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signInAs(page, member.email);
  await page.goto(`/responses/${response.slug}/form`);
  await expect(page.getByRole('heading', { level: 1, name: 'Consultation form' })).toBeVisible();
  // Nothing wider than the screen, and members see no coordinator tools.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expect(page.getByRole('button', { name: 'Add these questions' })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

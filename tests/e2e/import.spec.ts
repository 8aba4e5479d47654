/**
 * The import preview as a coordinator uses it: warnings on sections that look wrong, one
 * action per wrong section (by keyboard, focus following the change), undo, and a response
 * created exactly as the preview showed it.
 */
import path from 'node:path';
import { createPerson, e2eDb, expect, expectNoA11yViolations, signInAs, test, uniqueId } from './support';

const principles = path.join(import.meta.dirname, '../fixtures/import/coastal-network-principles.txt');

test('[IMPORT] a coordinator sees warnings, fixes the outline one action per section by keyboard, undoes, and creates what the preview shows', async ({ page }) => {
  test.setTimeout(120_000);
  const coordinator = await createPerson('COORDINATOR');
  await signInAs(page, coordinator.email);
  await page.goto('/responses/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Import a draft' })).toBeVisible();

  // A draft with a heading that has nothing under it is flagged.
  await page.getByLabel('Draft file').setInputFiles({
    name: 'flagged.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('## Why this matters\n\n## What we ask for\n\nFund youth work for five years, and include transport in every grant.\n'),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Found 2 sections in flagged.md. 1 needs a look' })).toBeVisible();
  await expect(page.getByText('No text under this heading.')).toBeVisible();
  await expect(page.getByLabel('Section 1: heading')).toHaveAccessibleDescription(/No text under this heading/);
  await expectNoA11yViolations(page);

  // The draft of the report: an indented numbered list of principles in the preamble, then numbered sections.
  await page.getByLabel('Draft file').setInputFiles(principles);
  await expect(page.getByRole('status').filter({ hasText: 'Found 5 sections in coastal-network-principles.txt. Check them below.' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '2. Check the sections (5)' })).toBeVisible();
  await expect(page.getByLabel('Section 1: heading')).toHaveValue('The opportunity');
  await expect(page.getByLabel('Section 4: heading')).toHaveValue('How we will help');

  // "Not a heading", by keyboard: the line goes back into section 3, focus to its heading.
  await page.getByRole('button', { name: 'Not a heading: put “How we will help” back into the text above' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '2. Check the sections (4)' })).toBeVisible();
  await expect(page.getByLabel('Section 3: heading')).toBeFocused();

  // "Start a section here" on that line, by keyboard: the section is back, focus on its heading.
  await page.getByRole('button', { name: 'Start a section here with “How we will help” as its heading' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '2. Check the sections (5)' })).toBeVisible();
  await expect(page.getByLabel('Section 4: heading')).toBeFocused();
  await expect(page.getByLabel('Section 4: heading')).toHaveValue('How we will help');

  // A principle of the preamble's list made a section, then undone.
  await page.getByRole('button', { name: 'Start a section here with “Support reaches the places that need it most.” as its heading' }).click();
  await expect(page.getByRole('heading', { name: '2. Check the sections (6)' })).toBeVisible();
  await expect(page.getByLabel('Section 1: heading')).toHaveValue('Support reaches the places that need it most.');
  await page.getByRole('button', { name: 'Undo last change' }).click();
  await expect(page.getByRole('heading', { name: '2. Check the sections (5)' })).toBeVisible();
  await expect(page.getByLabel('Section 1: heading')).toHaveValue('The opportunity');

  // Delete a line of section 4.
  await page.getByRole('button', { name: /^Delete “We would welcome a meeting with officials/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “We would welcome a meeting' })).toBeVisible();
  await expectNoA11yViolations(page);

  const title = `Coastal response ${uniqueId('')}`;
  await page.getByLabel('Title of the response').fill(title);
  await page.getByRole('button', { name: 'Create the response' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 15_000 });
  const slug = new URL(page.url()).pathname.split('/').pop()!;
  const response = await e2eDb().response.findUniqueOrThrow({ where: { slug }, include: { sections: { orderBy: { position: 'asc' }, include: { currentVersion: true } } } });
  expect(response.sections.map((s) => [s.number, s.heading])).toEqual([
    [null, ''],
    ['1', 'The opportunity'],
    ['2', 'What gets in the way'],
    ['3', 'What we recommend'],
    ['4', 'How we will help'],
  ]);
  const intro = response.sections[0].currentVersion!.text;
  expect(intro).toContain('Communities decide what matters to them.\n\nSupport reaches the places that need it most.');
  expect(response.sections[4].currentVersion!.text).not.toContain('We would welcome a meeting with officials');
  expect(response.sections[1].currentVersion!.text).not.toMatch(/^The opportunity/);
});

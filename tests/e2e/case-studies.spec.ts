import type { Page } from '@playwright/test';
import { docFromText, textFromDoc } from '../../lib/sections/content';
import { createPerson, e2eDb, expect, expectNoA11yViolations, readMail, signInAs, test, uniqueId } from './support';

/** A response of our own, open for comment, so nothing else running in parallel touches it. */
async function createOpenResponse(authorId: string) {
  const response = await e2eDb().response.create({
    data: { slug: uniqueId('cases'), title: 'Response on community energy', consultationName: 'Community energy consultation', phase: 'OPEN', deadline: new Date(Date.now() + 14 * 86_400_000) },
  });
  const texts = ['Local groups need long-term funding.', 'Councils should share their land for community projects.', 'Grants must be simple to apply for.'];
  const sections = [];
  for (const [position, text] of texts.entries()) {
    const section = await e2eDb().section.create({ data: { responseId: response.id, position, number: String(position + 1), heading: ['Funding', 'Land', 'Grants'][position] } });
    const content = docFromText(text);
    const version = await e2eDb().sectionVersion.create({
      data: { sectionId: section.id, content: content as object, text: textFromDoc(content), source: 'IMPORT', authors: { create: [{ userId: authorId }] } },
    });
    await e2eDb().section.update({ where: { id: section.id }, data: { currentVersionId: version.id } });
    sections.push(section);
  }
  return { response, sections };
}

async function decide(page: Page, title: string, decision: 'Accept' | 'Request changes', note?: string) {
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
  const form = item.getByRole('form', { name: `Decide on “${title}”` });
  await form.getByRole('radio', { name: decision, exact: true }).check();
  if (note) await form.getByLabel('What should change').fill(note);
  await form.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Recorded “${decision === 'Accept' ? 'Accepted' : 'Changes requested'}” for “${title}”` })).toBeVisible();
}

test('[CASE STUDIES] submitted from a section, changed on request, accepted, then shown beside the section without contact details', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await createPerson('COORDINATOR');
  const submitter = await createPerson('MEMBER');
  const reader = await createPerson('MEMBER');
  const { response, sections } = await createOpenResponse(coordinator.id);
  const title = `Solar on the school roof ${uniqueId('')}`;
  const contactEmail = `${uniqueId('contact')}@example.org`;

  // ---- the member submits from section 2 ("this supports section 2")
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signInAs(member, submitter.email);
  await member.goto(`/sections/${sections[1].id}`);
  const beside = member.getByRole('complementary', { name: 'Case studies supporting this section' });
  await expect(beside).toContainText('No case studies for this section yet.');
  await beside.getByRole('link', { name: 'Submit a case study that supports this section' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Submit a case study' })).toBeVisible();
  await expect(member.getByRole('checkbox', { name: '2. Land' })).toBeChecked();
  await expect(member.getByRole('checkbox', { name: '1. Funding' })).not.toBeChecked();
  await expectNoA11yViolations(member);

  // Submitting too early: every problem is listed, the summary takes focus, fields say they are invalid.
  await member.getByRole('button', { name: 'Submit case study' }).click();
  const summary = member.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Enter a title' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Say whether it may be quoted in the submission' })).toBeVisible();
  await expect(member.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expectNoA11yViolations(member);
  await summary.getByRole('link', { name: 'Enter a title' }).click();
  await expect(member.getByLabel('Title')).toBeFocused();

  await member.getByLabel('Title').fill(title);
  await member.getByLabel('Organisation or initiative').fill('Greenfield Energy Co-op');
  await member.getByLabel('Place (optional)').fill('Greenfield');
  await member.getByLabel('Summary').fill('Parents and the council put solar panels on the primary school.');
  // Validation as you type: a bad link is named as soon as the field is left.
  const links = member.getByLabel('Links (optional)');
  await links.fill('javascript:alert(1)');
  await links.blur();
  await expect(links).toHaveAccessibleDescription(/Link 1: Links must be web addresses starting with http:\/\/ or https:\/\//);
  await expect(links).toHaveAttribute('aria-invalid', 'true');
  await links.fill('https://example.org/greenfield-solar');
  await expect(links).toHaveAttribute('aria-invalid', 'false');
  await member.getByLabel('Themes (optional)').fill('energy, schools');
  await member.getByLabel('Contact name').fill('Priya Contact');
  await member.getByLabel('Contact email').fill(contactEmail);
  await member.getByLabel('Contact phone (optional)').fill('01632 960123');
  await member.getByRole('group', { name: 'May the network quote this case study in its submission?' }).getByLabel('Yes, it may be quoted').check();
  await member.getByRole('group', { name: 'May other members of the network see it once it is accepted?' }).getByLabel('Yes, show it to members').check();
  await member.getByRole('radio', { name: /Organisation only/ }).check();
  await member.getByRole('button', { name: 'Submit case study' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'your case study has been submitted' })).toBeVisible();
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const stored = await e2eDb().caseStudy.findFirstOrThrow({ where: { responseId: response.id, title }, include: { sections: true } });
  expect(stored).toMatchObject({ status: 'SUBMITTED', contactEmail, attribution: 'ORGANISATION', authorId: submitter.id });
  expect(stored.sections.map((link) => link.sectionId)).toEqual([sections[1].id]);

  // ---- the coordinator asks for a change
  const coordinatorContext = await browser.newContext();
  const coord = await coordinatorContext.newPage();
  await signInAs(coord, coordinator.email);
  await coord.goto(`/responses/${response.slug}/case-studies/queue`);
  await expect(coord.getByRole('heading', { level: 1, name: 'Case study moderation' })).toBeVisible();
  const queued = coord.getByRole('listitem').filter({ has: coord.getByRole('heading', { name: title }) });
  await expect(queued).toContainText(contactEmail);
  await expect(queued).toContainText('01632 960123');
  await expectNoA11yViolations(coord);
  const since = new Date();
  await decide(coord, title, 'Request changes', 'Please say how much the school saves each year.');

  // ---- the member is told, changes it and resubmits
  const mail = await readMail(submitter.email, { subject: 'Changes requested', since });
  expect(mail.text).toContain('Please say how much the school saves each year.');
  await member.goto(`/responses/${response.slug}/case-studies/mine`);
  const mine = member.getByRole('listitem').filter({ hasText: title });
  await expect(mine).toContainText('Changes requested');
  await expect(mine).toContainText('Please say how much the school saves each year.');
  await expectNoA11yViolations(member);
  await mine.getByRole('link', { name: /Change and resubmit/ }).click();
  await expect(member.getByLabel('Title')).toHaveValue(title);
  await member.getByLabel('Summary').fill('Parents and the council put solar panels on the primary school. It saves £4,000 a year.');
  await member.getByRole('button', { name: 'Resubmit case study' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'your changes have been sent back' })).toBeVisible();

  // ---- the coordinator accepts
  await coord.goto(`/responses/${response.slug}/case-studies/queue`);
  await expect(coord.getByRole('listitem').filter({ has: coord.getByRole('heading', { name: title }) })).toContainText('It saves £4,000 a year.');
  await decide(coord, title, 'Accept');
  await expect.poll(async () => (await e2eDb().caseStudy.findUniqueOrThrow({ where: { id: stored.id } })).status).toBe('ACCEPTED');
  expect(await e2eDb().caseStudyDecision.count({ where: { caseStudyId: stored.id, actorId: coordinator.id } })).toBe(2);

  // ---- another member sees it beside the section, credited to the organisation only, without contact details
  const readerContext = await browser.newContext();
  const other = await readerContext.newPage();
  await signInAs(other, reader.email);
  await other.goto(`/sections/${sections[1].id}`);
  const card = other.getByRole('complementary', { name: 'Case studies supporting this section' }).getByRole('article');
  await expect(card.getByRole('link', { name: title })).toBeVisible();
  await expect(card).toContainText('Greenfield Energy Co-op');
  for (const secret of [contactEmail, '01632 960123', 'Priya Contact']) await expect(other.locator('body')).not.toContainText(secret);
  await card.getByRole('link', { name: title }).click();
  await expect(other.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(other.getByText('It saves £4,000 a year.')).toBeVisible();
  for (const secret of [contactEmail, '01632 960123', 'Priya Contact']) await expect(other.locator('body')).not.toContainText(secret);
  await expect(other.getByRole('region', { name: 'Private details' })).toHaveCount(0);

  await other.goto(`/responses/${response.slug}/case-studies`);
  await expect(other.getByRole('heading', { level: 1, name: 'Case studies' })).toBeVisible();
  await expect(other.getByRole('link', { name: title })).toBeVisible();
  await expectNoA11yViolations(other);
  // Sections of other responses show nothing of it.
  await other.goto(`/sections/${sections[0].id}`);
  await expect(other.getByRole('complementary', { name: 'Case studies supporting this section' })).toContainText('No case studies for this section yet.');

  await Promise.all([memberContext.close(), coordinatorContext.close(), readerContext.close()]);
});

test('[CASE STUDIES] after the deadline the form says submissions are closed', async ({ page }) => {
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER');
  const { response } = await createOpenResponse(coordinator.id);
  await e2eDb().response.update({ where: { id: response.id }, data: { deadline: new Date(Date.now() - 60_000) } });
  await signInAs(page, member.email);
  await page.goto(`/responses/${response.slug}/case-studies/new`);
  await expect(page.getByText('The deadline for this response has passed, so case studies can no longer be submitted.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit case study' })).toHaveCount(0);
  await expectNoA11yViolations(page);
});

test('[CASE STUDIES] a draft keeps what was typed and stays out of the moderation queue until submitted', async ({ browser }) => {
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER');
  const { response } = await createOpenResponse(coordinator.id);
  const title = `Draft about allotments ${uniqueId('')}`;
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, member.email);
  await page.goto(`/responses/${response.slug}/case-studies/new`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Summary').fill('Half written.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const saved = page.getByRole('status').filter({ hasText: /Draft saved at/ });
  await expect(saved).toBeVisible();
  // A second save updates the same draft rather than creating another, and the form keeps what was typed.
  await page.getByLabel('Summary').fill('Half written, then a little more.');
  await expect(saved).toHaveCount(0);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(saved).toBeVisible();
  await expect(page.getByLabel('Summary')).toHaveValue('Half written, then a little more.');
  await expect.poll(() => e2eDb().caseStudy.count({ where: { responseId: response.id } })).toBe(1);
  const draft = await e2eDb().caseStudy.findFirstOrThrow({ where: { responseId: response.id } });
  expect(draft).toMatchObject({ status: 'DRAFT', title, summary: 'Half written, then a little more.' });

  const coord = await (await browser.newContext()).newPage();
  await signInAs(coord, coordinator.email);
  await coord.goto(`/responses/${response.slug}/case-studies/queue?status=`);
  await expect(coord.getByRole('status').filter({ hasText: '0 case studies' })).toBeVisible();
  await expect(coord.getByText(title)).toHaveCount(0);

  // Later the member finds the draft again under "Your case studies", with what they typed.
  await page.goto(`/responses/${response.slug}/case-studies/mine`);
  const item = page.getByRole('listitem').filter({ hasText: title });
  await expect(item).toContainText('Draft');
  await item.getByRole('link', { name: /Finish and submit/ }).click();
  await expect(page.getByLabel('Summary')).toHaveValue('Half written, then a little more.');
  await expectNoA11yViolations(page);
});

test('[CASE STUDIES] the coordinator quotes an accepted case study in a section, credited as consented', async ({ page }) => {
  const coordinator = await createPerson('COORDINATOR');
  const member = await createPerson('MEMBER');
  const { response, sections } = await createOpenResponse(coordinator.id);
  const caseStudy = await e2eDb().caseStudy.create({
    data: {
      responseId: response.id, authorId: member.id, title: `Community orchard ${uniqueId('')}`, organisation: 'Orchard Friends', summary: 'Residents planted forty trees.',
      links: [], themes: [], contactName: 'Olu Contact', contactEmail: `${uniqueId('olu')}@example.org`, consentQuote: true, consentShow: true,
      attribution: 'ORGANISATION', status: 'ACCEPTED', submittedAt: new Date(), sections: { create: [{ sectionId: sections[1].id }] },
    },
  });
  await signInAs(page, coordinator.email);
  await page.goto(`/case-studies/${caseStudy.id}`);
  const quoting = page.getByRole('region', { name: 'Quote it in the draft' });
  await expect(quoting.getByLabel('Section')).toHaveValue(sections[1].id);
  await quoting.getByLabel('Words to quote').fill('Forty trees, planted by the people who live there.');
  await quoting.getByLabel('Insert').selectOption({ label: 'After paragraph 1: Councils should share their land for community projects.' });
  await expectNoA11yViolations(page);
  await quoting.getByRole('button', { name: 'Insert quotation' }).click();
  await expect(quoting.getByRole('status')).toContainText('Quotation inserted.');
  const section = await e2eDb().section.findUniqueOrThrow({ where: { id: sections[1].id }, include: { currentVersion: true } });
  expect(section.currentVersion).toMatchObject({
    source: 'QUOTE',
    text: 'Councils should share their land for community projects.\n\n“Forty trees, planted by the people who live there.” — Orchard Friends',
  });
  expect(await e2eDb().caseStudyQuote.count({ where: { caseStudyId: caseStudy.id, versionId: section.currentVersionId! } })).toBe(1);
  await expect(page.getByRole('heading', { name: 'Quoted in the draft' })).toBeVisible();
});

import { createResponse, demo, expect, expectNoA11yViolations, signInAs, test } from './support';

const demoTitle = 'Response to the consultation on a Civil Society Covenant';

test.beforeEach(async ({ page }) => {
  await signInAs(page, demo.member);
});

test('[READING] a member finds the demo response in the list of responses', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Responses' })).toBeVisible();
  await expect(page.getByRole('link', { name: demoTitle })).toBeVisible();
  const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: demoTitle }) });
  await expect(item).toContainText(/Open for comment · 8 sections · deadline/);
  await expectNoA11yViolations(page);
});

test('[READING] the contents page lists the numbered sections in order', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: demoTitle }).click();
  await expect(page).toHaveURL(`/responses/${demo.responseSlug}`);
  await expect(page.getByRole('heading', { level: 1, name: demoTitle })).toBeVisible();
  const contents = page.getByRole('list').filter({ has: page.getByRole('link', { name: 'Introduction' }) });
  const links = contents.getByRole('link');
  await expect(links).toHaveText([
    'Introduction',
    '1. Why a covenant matters now',
    '2. Principles we support',
    '3. Funding that lets groups plan ahead',
    '4. Involving communities in decisions',
    '5. Accountability and review',
    '6. Making it work locally',
    '7. Conclusion',
  ]);
  await expectNoA11yViolations(page);
});

test('[READING] a member reads a section and moves to the next and previous ones', async ({ page }) => {
  await page.goto(`/responses/${demo.responseSlug}`);
  await page.getByRole('link', { name: '2. Principles we support' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '2. Principles we support' })).toBeVisible();
  await expect(page.getByText('We support the five principles proposed in the consultation')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Independence: organisations may campaign' })).toBeVisible();
  await expectNoA11yViolations(page);

  const sections = page.getByRole('navigation', { name: 'Sections' });
  await sections.getByRole('link', { name: /Next: 3\. Funding that lets groups plan ahead/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '3. Funding that lets groups plan ahead' })).toBeVisible();
  await expect(page.getByText('We recommend multi-year grants of at least three years')).toBeVisible();

  await sections.getByRole('link', { name: /Previous: 2\. Principles we support/ }).click();
  await page.getByRole('link', { name: /Previous: 1\. Why a covenant matters now/ }).click();
  await page.getByRole('link', { name: /Previous: Introduction/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Introduction' })).toBeVisible();
  await expect(sections.getByRole('link', { name: /Previous/ })).toHaveCount(0);
  await expectNoA11yViolations(page);

  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: demoTitle }).click();
  await expect(page).toHaveURL(`/responses/${demo.responseSlug}`);
});

test('[READING] the last section has no next link', async ({ page }) => {
  await page.goto(`/responses/${demo.responseSlug}`);
  await page.getByRole('link', { name: '7. Conclusion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '7. Conclusion' })).toBeVisible();
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await expect(sections.getByRole('link', { name: /Previous: 6\. Making it work locally/ })).toBeVisible();
  await expect(sections.getByRole('link', { name: /Next/ })).toHaveCount(0);
});

test('[READING] an unknown response or section shows a clear not-found page', async ({ page }) => {
  const response = await page.goto('/responses/no-such-response');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expectNoA11yViolations(page);
  const section = await page.goto('/sections/no-such-section');
  expect(section?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

test('[READING] a section shows every paragraph of its current version', async ({ page }) => {
  const { response, sections } = await createResponse({
    title: 'Response on village halls',
    sections: [
      { heading: 'Summary', number: null, text: 'Village halls keep rural life going.' },
      { heading: 'Running costs', text: 'Energy bills doubled in two winters.\n\nVolunteers cannot cover the gap.' },
    ],
  });
  await page.goto(`/responses/${response.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Response on village halls' })).toBeVisible();
  await page.getByRole('link', { name: '2. Running costs' }).click();
  await expect(page).toHaveURL(`/sections/${sections[1].id}`);
  await expect(page.getByText('Energy bills doubled in two winters.')).toBeVisible();
  await expect(page.getByText('Volunteers cannot cover the gap.')).toBeVisible();
  await page.getByRole('link', { name: 'Previous: Summary' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Summary' })).toBeVisible();
});

test('[READING] a section page asks the server for no other page until a link is reached, then prefetches that one', async ({ page }) => {
  // Next's router marks its prefetches with this header.
  const prefetched: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && (prefetched.length = 0));
  page.on('request', (request) => {
    if (request.headers()['next-router-prefetch']) prefetched.push(new URL(request.url()).pathname);
  });
  await page.goto(`/responses/${demo.responseSlug}`);
  const section = await page.getByRole('link', { name: '2. Principles we support' }).getAttribute('href');
  // Opened afresh, with the pointer resting away from every link.
  await page.mouse.move(0, 0);
  await page.goto(section!);
  await expect(page.getByRole('heading', { level: 1, name: '2. Principles we support' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(prefetched).toEqual([]);

  const next = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Next: 3\. Funding that lets groups plan ahead/ });
  await next.hover();
  await expect.poll(() => prefetched.length).toBeGreaterThan(0);
  const target = new URL(await next.getAttribute('href') ?? '', page.url()).pathname;
  expect(prefetched.every((path) => path === target)).toBe(true);

  // The keyboard's focus reaching a link is intent too.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).focus();
  await expect.poll(() => prefetched.includes('/settings')).toBe(true);

  // Following a link is still a navigation inside the page, not a new document.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await next.click();
  await expect(page.getByRole('heading', { level: 1, name: '3. Funding that lets groups plan ahead' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

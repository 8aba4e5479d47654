import { request as playwrightRequest } from '@playwright/test';
import { createPerson, demo, e2eDb, e2eEnv, expect, expectNoA11yViolations, signInAs, test } from './support';

/** Calls the API as a program would: no cookies, only the bearer token. */
async function callApi(path: string, token: string) {
  const api = await playwrightRequest.newContext({ baseURL: e2eEnv.baseUrl });
  try {
    const response = await api.get(path, { headers: { Authorization: `Bearer ${token}` } });
    return { status: response.status(), body: await response.json() };
  } finally {
    await api.dispose();
  }
}

test('[SETTINGS] a person changes the name shown beside their contributions', async ({ page }) => {
  const person = await createPerson('MEMBER');
  await signInAs(page, person.email);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${person.email}`)).toBeVisible();
  await expectNoA11yViolations(page);

  const name = page.getByLabel('Your name');
  await expect(name).toHaveValue(person.name);
  await name.fill('Amira Bennett');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Your name')).toHaveValue('Amira Bennett');
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('Amira Bennett');
  const stored = await e2eDb().user.findUnique({ where: { id: person.id }, select: { name: true } });
  expect(stored?.name).toBe('Amira Bennett');
});

test('[SETTINGS] an empty name is refused with a message on the field', async ({ page }) => {
  const person = await createPerson('MEMBER');
  await signInAs(page, person.email);
  await page.goto('/settings');
  await page.getByLabel('Your name').fill('   ');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter your name' })).toBeVisible();
  await expectNoA11yViolations(page);
  const stored = await e2eDb().user.findUnique({ where: { id: person.id }, select: { name: true } });
  expect(stored?.name).toBe(person.name);
});

test('[SETTINGS] a person creates an API token, a program uses it, and revoking it locks the program out', async ({ page }) => {
  const person = await createPerson('DRAFTER');
  await signInAs(page, person.email);
  await page.goto('/settings');
  await expect(page.getByText('You have no API tokens.')).toBeVisible();

  await page.getByLabel('Token name').fill('Reporting script');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = page.getByLabel('New API token');
  await expect(secret).toHaveText(/^chorus_\S{20,}$/);
  const token = (await secret.textContent())!.trim();
  const row = page.getByRole('row').filter({ hasText: 'Reporting script' });
  await expect(row).toContainText(token.slice(0, 13));
  await expect(row).toContainText('Never');
  await expectNoA11yViolations(page);
  // Only a hash is stored.
  expect(await e2eDb().apiToken.count({ where: { userId: person.id, tokenHash: token } })).toBe(0);

  const listed = await callApi('/api/v1/responses', token);
  expect(listed.status).toBe(200);
  expect(listed.body.responses.map((r: { slug: string }) => r.slug)).toContain(demo.responseSlug);

  await page.getByRole('button', { name: 'Revoke token Reporting script' }).click();
  await expect(row).toContainText('Revoked');
  await expect(page.getByRole('button', { name: 'Revoke token Reporting script' })).toHaveCount(0);

  const refused = await callApi('/api/v1/responses', token);
  expect(refused.status).toBe(401);
  expect(refused.body.error.code).toBe('unauthenticated');
  expect(JSON.stringify(refused.body)).not.toContain(token);
});

test('[API] a malformed or unknown bearer token gets a JSON 401, never data', async () => {
  for (const token of ['not-a-token', `chorus_${'x'.repeat(43)}`]) {
    const response = await callApi(`/api/v1/responses/${demo.responseSlug}`, token);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  }
});

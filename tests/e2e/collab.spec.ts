import type { BrowserContext, Locator, Page, WebSocketRoute } from '@playwright/test';
import { docFromText, textFromDoc } from '../../lib/sections/content';
import { createPerson, e2eDb, e2eEnv, expect, expectNoA11yViolations, signInAs, test, uniqueId, type TestPerson } from './support';

const FIRST = 'Grants are announced weeks before the year starts.';
const SECOND = 'We recommend multi-year grants of at least three years.';

/** A response of our own with one section of two paragraphs, imported by `author`. */
async function createSection(author: TestPerson, text = `${FIRST}\n\n${SECOND}`) {
  const response = await e2eDb().response.create({
    data: { slug: uniqueId('collab'), title: 'Response on grants', consultationName: 'Grants consultation', phase: 'OPEN', deadline: new Date(Date.now() + 14 * 86_400_000) },
  });
  const section = await e2eDb().section.create({ data: { responseId: response.id, position: 0, number: '1', heading: 'Funding' } });
  const content = docFromText(text);
  const version = await e2eDb().sectionVersion.create({
    data: { sectionId: section.id, content: content as object, text: textFromDoc(content), source: 'IMPORT', authors: { create: [{ userId: author.id }] } },
  });
  await e2eDb().section.update({ where: { id: section.id }, data: { currentVersionId: version.id } });
  return { response, section, versionId: version.id };
}

async function openAs(context: BrowserContext, person: TestPerson, sectionId: string): Promise<Page> {
  await signInAs(context, person.email);
  const page = await context.newPage();
  await page.goto(`/sections/${sectionId}`);
  return page;
}

/** The live editor (once the live document has loaded). */
const liveText = (page: Page): Locator => page.locator('.chorus-editor .ProseMirror');
const paragraph = (page: Page, index: number): Locator => liveText(page).locator('p').nth(index);
/** A paragraph's text without other people's carets (their name labels sit inside the text). */
const textOf = (page: Page, index: number) => () =>
  paragraph(page, index).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[contenteditable="false"]').forEach((caret) => caret.remove());
    return copy.textContent;
  });
/** The editor's connection and saving status, as shown. */
const status = (page: Page): Locator => page.locator('.chorus-editor [data-connection]');

async function currentVersion(sectionId: string) {
  const section = await e2eDb().section.findUniqueOrThrow({
    where: { id: sectionId },
    select: { currentVersion: { select: { id: true, text: true, source: true, restoredFromId: true, authors: { select: { userId: true } } } } },
  });
  return section.currentVersion!;
}

test('[COLLAB] two drafters type into the same paragraph at the same moment; both screens end with both edits; a member watches live and cannot edit', async ({ browser }) => {
  test.setTimeout(90_000);
  const coordinator = await createPerson('COORDINATOR');
  const [ana, ben, mina] = [await createPerson('DRAFTER', { name: `Ana ${uniqueId('')}` }), await createPerson('DRAFTER', { name: `Ben ${uniqueId('')}` }), await createPerson('MEMBER')];
  const { section } = await createSection(coordinator);
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [a, b, m] = await Promise.all([openAs(contexts[0], ana, section.id), openAs(contexts[1], ben, section.id), openAs(contexts[2], mina, section.id)]);

  // The page says where the live document is (the same as the API's "collab").
  await expect(a.locator('.chorus-editor')).toHaveAttribute('data-collab-document', `section:${section.id}`);
  await expect(a.locator('.chorus-editor')).toHaveAttribute('data-collab-url', `ws://localhost:${e2eEnv.collabPort}`);
  // Everyone sees the text live, and who is here.
  for (const page of [a, b, m]) await expect.poll(textOf(page, 0)).toBe(FIRST);
  await expect(a.getByRole('textbox', { name: 'Text of 1. Funding' })).toBeVisible();
  await expect(m.getByRole('textbox')).toHaveCount(0); // members read: no text box, no toolbar
  await expect(liveText(m)).toHaveAttribute('contenteditable', 'false');
  await expect(m.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0);
  await expect(a.getByRole('list', { name: 'Here now' })).toContainText(ben.name);
  await expectNoA11yViolations(a);
  await expectNoA11yViolations(m);

  // Both type into the first paragraph at the same time: Ana at its end, Ben at its start.
  await paragraph(a, 0).click();
  await a.keyboard.press('End');
  await paragraph(b, 0).click();
  await b.keyboard.press('Home');
  await Promise.all([a.keyboard.type(' Ana adds this.', { delay: 40 }), b.keyboard.type('Ben adds that. ', { delay: 40 })]);

  const final = `Ben adds that. ${FIRST} Ana adds this.`;
  for (const page of [a, b, m]) await expect.poll(textOf(page, 0)).toBe(final);
  await expect(status(a)).toContainText('All changes saved');
  await expect(status(b)).toContainText('All changes saved');

  // The member cannot change the text, by keyboard or otherwise.
  await paragraph(m, 1).click();
  await m.keyboard.type('Member was here');
  await expect.poll(textOf(m, 1)).toBe(SECOND);
  await expect.poll(textOf(a, 1)).toBe(SECOND);

  // A version of the shared paragraph is stored, credited to both drafters.
  await expect.poll(async () => (await currentVersion(section.id)).text, { timeout: 15_000 }).toBe(`${final}\n\n${SECOND}`);
  const version = await currentVersion(section.id);
  expect(version.source).toBe('EDIT');
  expect(version.authors.map((author) => author.userId).sort()).toEqual([ana.id, ben.id].sort());
  await Promise.all(contexts.map((context) => context.close()));
});

test('[COLLAB] the history page shows the versions, a word diff between two of them, and a restore that creates a new version', async ({ browser }) => {
  test.setTimeout(90_000);
  const coordinator = await createPerson('COORDINATOR');
  const dana = await createPerson('DRAFTER', { name: `Dana ${uniqueId('')}` });
  const { section, versionId: original } = await createSection(coordinator);
  const context = await browser.newContext();
  const page = await openAs(context, dana, section.id);

  await paragraph(page, 1).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Paid in advance.');
  await expect.poll(async () => (await currentVersion(section.id)).text, { timeout: 15_000 }).toContain('Paid in advance.');

  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History: 1. Funding' })).toBeVisible();
  const versions = page.getByRole('listitem').filter({ hasText: /UTC · / });
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toContainText(`Edited by ${dana.name}`);
  await expect(versions.last()).toContainText('Imported');

  await versions.first().getByRole('link', { name: /^Changes in the version of/ }).click();
  const changes = page.getByRole('region', { name: 'Changes' });
  await expect(changes.locator('div.chorus-diff ins')).toHaveText(['[inserted:  Paid in advance.]']);
  await expect(changes.locator('div.chorus-diff del')).toHaveCount(0);
  await expectNoA11yViolations(page);
  await page.getByLabel('Side by side').check();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('region', { name: /^Newer:/ }).locator('ins')).toContainText('Paid in advance.');

  await versions.last().getByRole('link', { name: /View the version of/ }).click();
  await expect(page.getByRole('heading', { name: /^Version of / })).toBeVisible();
  await page.getByRole('button', { name: 'Restore this version…' }).click();
  await page.getByRole('dialog', { name: 'Restore this version?' }).getByRole('button', { name: 'Yes, restore it' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored' })).toBeVisible();
  await expect(versions).toHaveCount(3);
  await expect(versions.first()).toContainText(`Earlier version restored`);
  const restored = await currentVersion(section.id);
  expect(restored).toMatchObject({ source: 'RESTORE', restoredFromId: original, text: `${FIRST}\n\n${SECOND}` });
  expect(await e2eDb().sectionVersion.count({ where: { sectionId: section.id } })).toBe(3);
  await expectNoA11yViolations(page);

  await page.goto(`/sections/${section.id}`);
  await expect.poll(textOf(page, 1)).toBe(SECOND);
  await context.close();
});

test('[COLLAB] pasting from Word keeps headings, lists, bold and links, and drops javascript: links and Word markup', async ({ browser }) => {
  const coordinator = await createPerson('COORDINATOR');
  const dana = await createPerson('DRAFTER');
  const { section } = await createSection(coordinator, 'Paste below.');
  const context = await browser.newContext();
  const page = await openAs(context, dana, section.id);
  // Paste into a new, empty paragraph (pasted into the middle of one, its first block would join it).
  await paragraph(page, 0).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const html = `<html><head><style>p.MsoNormal{margin:0}</style></head><body>
    <h1>Our evidence</h1>
    <p class=MsoNormal><b>Bold claim</b> and <a href="javascript:alert(1)">a trap</a> and <a href="https://example.org/report">the report</a><o:p></o:p></p>
    <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span>First point</p>
    <p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;</span></span>Second point</p>
    <script>window.pwned = true</script></body></html>`;
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', data);
    transfer.setData('text/plain', 'Our evidence');
    document.querySelector('.chorus-editor .ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, html);
  const editor = liveText(page);
  await expect(editor.getByRole('heading', { level: 2, name: 'Our evidence' })).toBeVisible();
  await expect(editor.locator('strong')).toHaveText('Bold claim');
  await expect(editor.getByRole('link')).toHaveCount(1);
  await expect(editor.getByRole('link', { name: 'the report' })).toHaveAttribute('href', 'https://example.org/report');
  await expect(editor).toContainText('a trap');
  await expect(editor.locator('ul > li')).toHaveText(['First point', 'Second point']);
  expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
  await expect.poll(async () => (await currentVersion(section.id)).text, { timeout: 15_000 }).toContain('Second point');
  const stored = await e2eDb().sectionVersion.findUniqueOrThrow({ where: { id: (await currentVersion(section.id)).id }, select: { content: true } });
  expect(JSON.stringify(stored.content)).not.toContain('javascript:');
  await context.close();
});

test('[COLLAB] with the collaboration server out of reach, the page shows the saved text and says live editing is not available, until it is', async ({ browser }) => {
  test.setTimeout(60_000);
  const coordinator = await createPerson('COORDINATOR');
  const ana = await createPerson('DRAFTER');
  const { section } = await createSection(coordinator);
  const context = await browser.newContext();
  let reachable = false;
  await context.routeWebSocket(/.*/, (socket) => (reachable ? void socket.connectToServer() : void socket.close({ code: 1006 })));
  const page = await openAs(context, ana, section.id);

  // The status line itself says so (it said "Connecting…" for ever, beside a notice saying the opposite).
  await expect(status(page)).toContainText('Live editing is not available right now; this is the last saved text.', { timeout: 15_000 });
  await expect(page.getByText(FIRST)).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' })).toBeDisabled();
  await expectNoA11yViolations(page);

  reachable = true;
  await expect(status(page)).toContainText('All changes saved', { timeout: 40_000 });
  await expect(page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Bold' })).toBeEnabled();
  await expect.poll(textOf(page, 0)).toBe(FIRST);
  await context.close();
});

test('[COLLAB] offline: the editor says so, keeps the typing, and saves it when the connection returns', async ({ browser }) => {
  test.setTimeout(60_000);
  const coordinator = await createPerson('COORDINATOR');
  const [ana, ben] = [await createPerson('DRAFTER'), await createPerson('DRAFTER')];
  const { section } = await createSection(coordinator);
  const [contextA, contextB] = [await browser.newContext(), await browser.newContext()];
  // Ana's connection to the collaboration server goes through a switch this test controls.
  let online = true;
  const sockets: WebSocketRoute[] = [];
  await contextA.routeWebSocket(/.*/, (socket) => {
    if (!online) return void socket.close({ code: 1006 });
    socket.connectToServer();
    sockets.push(socket);
  });
  const a = await openAs(contextA, ana, section.id);
  const b = await openAs(contextB, ben, section.id);
  await expect.poll(textOf(a, 0)).toBe(FIRST);

  online = false;
  for (const socket of sockets.splice(0)) await socket.close({ code: 1001 });
  await expect(status(a)).toContainText('Offline: your changes are kept');
  await paragraph(a, 0).click();
  await a.keyboard.press('Home');
  await a.keyboard.type('Typed offline. ');
  await expect.poll(textOf(a, 0)).toBe(`Typed offline. ${FIRST}`);
  await expect.poll(textOf(b, 0)).toBe(FIRST);

  online = true;
  await expect(status(a)).toContainText('All changes saved', { timeout: 20_000 });
  await expect.poll(textOf(b, 0)).toBe(`Typed offline. ${FIRST}`);
  await Promise.all([contextA.close(), contextB.close()]);
});

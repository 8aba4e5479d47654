import type { Browser, Page } from '@playwright/test';
import { describeRange } from '../../lib/anchoring/text-quote';
import { FIRST_SCREEN_ITEMS } from '../../lib/feedback/reading-order';
import { docFromText, textFromDoc } from '../../lib/sections/content';
import { createPerson, e2eDb, expect, expectNoA11yViolations, signInAs, test, uniqueId } from './support';

/** How many threads the page sends with its first screen. */
const FIRST_SCREEN = FIRST_SCREEN_ITEMS;

const PARAGRAPHS = Array.from({ length: 40 }, (_, i) => `Paragraph ${i + 1} says that local group number ${i + 1} needs steady funding for its advice service.`);

/** An open response with one section of forty paragraphs and `count` comments spread over it, written in an order unlike the text's. */
async function busySection(count: number) {
  const author = await createPerson('MEMBER', { name: `Many ${uniqueId('')}` });
  const response = await e2eDb().response.create({
    data: { slug: uniqueId('busy'), title: 'Busy response', consultationName: 'Busy consultation', phase: 'OPEN', deadline: new Date(Date.now() + 14 * 86_400_000) },
  });
  const section = await e2eDb().section.create({ data: { responseId: response.id, position: 0, number: '1', heading: 'Funding' } });
  const content = docFromText(PARAGRAPHS.join('\n\n'));
  const text = textFromDoc(content);
  const version = await e2eDb().sectionVersion.create({ data: { sectionId: section.id, content: content as object, text, source: 'IMPORT' } });
  await e2eDb().section.update({ where: { id: section.id }, data: { currentVersionId: version.id } });
  const start = Date.now() - count * 1000;
  await e2eDb().comment.createMany({
    data: Array.from({ length: count }, (_, i) => {
      // Comment i is on paragraph (i * 7) % 40: reading order is not the order of writing.
      const words = `local group number ${((i * 7) % 40) + 1} `;
      const at = text.indexOf(words);
      return {
        sectionId: section.id,
        authorId: author.id,
        body: `Busy note ${String(i).padStart(3, '0')} on paragraph ${((i * 7) % 40) + 1}`,
        anchor: { ...describeRange(text, at, at + words.length - 1), versionId: version.id },
        status: i % 10 === 3 ? ('RESOLVED' as const) : ('OPEN' as const),
        createdAt: new Date(start + i * 1000),
      };
    }),
  });
  return { section, text };
}

const margin = (page: Page) => page.getByRole('complementary', { name: /Comments and suggestions/ });
const cards = (page: Page) => margin(page).getByRole('list', { name: 'Feedback on this section' }).getByRole('listitem');
/** How many cards the margin shows by default: the open ones (every tenth of busySection's comments is resolved). */
const openOf = (total: number) => Array.from({ length: total }, (_, i) => i).filter((i) => i % 10 !== 3).length;

/** A member signed in on a wide screen, in a context of their own. */
async function wideReader(browser: Browser) {
  const reader = await createPerson('MEMBER');
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signInAs(page, reader.email);
  return { context, page };
}

test('[COMMENTS] a busy section opens with its first screen of comments and then shows them all, in reading order, with filters and links', async ({ browser }) => {
  const total = FIRST_SCREEN + 30;
  const { section } = await busySection(total);
  const { context, page } = await wideReader(browser);

  // The page itself carries the first screen only; the rest comes from the margin's address once.
  const margins: string[] = [];
  page.on('request', (request) => request.url().includes('/margin?') && margins.push(request.url()));
  // The server's cards and the browser's must be the same: React reports a mismatch as an error.
  const hydrationErrors: string[] = [];
  const mismatch = /hydrat|Minified React error #4(18|19|23|25)/i;
  page.on('console', (message) => message.type() === 'error' && mismatch.test(message.text()) && hydrationErrors.push(message.text()));
  page.on('pageerror', (error) => mismatch.test(error.message) && hydrationErrors.push(error.message));
  const answer = await page.goto(`/sections/${section.id}`);
  const html = await answer!.text();
  const inPage = new Set(html.match(/Busy note \d{3}/g) ?? []);
  expect(inPage.size).toBeGreaterThan(0);
  expect(inPage.size).toBeLessThanOrEqual(FIRST_SCREEN);
  // The head names the address of the rest, so the browser asks for it while it parses the
  // page (one request in all, checked below: the margin's own fetch takes that answer).
  const head = html.slice(0, html.indexOf('</head>'));
  expect(head).toMatch(new RegExp(`<link rel="preload" as="fetch" href="/api/v1/sections/${section.id}/margin\\?[^"]+" crossorigin="anonymous"/>`));
  // The first screen's cards are drawn in the HTML itself, readable before any script runs:
  // the open ones (the margin shows open feedback first; busySection resolves every tenth).
  const cardsInHtml = [...html.matchAll(/<li[^>]*data-card[^>]*>.*?(Busy note (\d{3}))/g)].map((match) => match[1]);
  expect(cardsInHtml.sort()).toEqual([...inPage].filter((note) => Number(note.slice(-3)) % 10 !== 3).sort());

  await expect(margin(page).getByRole('heading', { name: `Comments and suggestions (${total})` })).toBeVisible();
  // The open ones, all of them, by position in the text.
  await expect(cards(page)).toHaveCount(openOf(total));
  expect(margins).toHaveLength(1);
  const paragraphs = (await cards(page).allTextContents()).map((card) => Number(/on paragraph (\d+)/.exec(card)![1]));
  expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));

  // The filters apply to the rest as well.
  await margin(page).getByText('Filter and sort').click();
  await margin(page).getByLabel('Show').selectOption('resolved');
  await expect(cards(page)).toHaveCount(total - openOf(total));
  await expectNoA11yViolations(page);

  // A link to a comment beyond the first screen shows it once the rest is here.
  const last = await e2eDb().comment.findFirstOrThrow({ where: { sectionId: section.id, body: { startsWith: 'Busy note' } }, orderBy: [{ createdAt: 'desc' }] });
  const linked = await context.newPage();
  await linked.goto(`/sections/${section.id}#comment-${last.id}`);
  await expect(linked.locator(`#comment-${last.id}`)).toBeInViewport();
  await expect(linked.locator(`#comment-${last.id}`)).toContainText(last.body);
  expect(hydrationErrors).toEqual([]);
  await context.close();
});

test('[COMMENTS] when the rest of a busy section cannot be loaded, the margin says so and a retry brings it', async ({ browser }) => {
  const total = FIRST_SCREEN + 5;
  const { section } = await busySection(total);
  const { context, page } = await wideReader(browser);
  let refuse = true;
  await page.route('**/margin?**', (route) => (refuse ? route.fulfill({ status: 503, body: '{}' }) : route.continue()));
  await page.goto(`/sections/${section.id}`);
  await expect(margin(page).getByRole('status').filter({ hasText: `The other ${total - FIRST_SCREEN} comments and suggestions could not be loaded.` })).toBeVisible();
  refuse = false;
  // From the keyboard: the button keeps focus while it asks, and focus then goes to the margin's heading.
  await margin(page).getByRole('button', { name: 'Try again' }).focus();
  await page.keyboard.press('Enter');
  await expect(cards(page)).toHaveCount(openOf(total));
  await expect(margin(page).getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(margin(page).getByRole('heading', { name: /Comments and suggestions/ })).toBeFocused();
  await context.close();
});

/** The passages highlighted as commented on, as their words. */
const highlightedWords = (page: Page) =>
  page.evaluate(() => [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('chorus-comment') ?? [])].map((range) => range.toString()));

test('[COMMENTS] on a long section, the passages near the screen are highlighted, and scrolling highlights the others', async ({ browser }) => {
  const { section } = await busySection(80);
  const reader = await createPerson('MEMBER');
  // A short window: the forty paragraphs are several screens long.
  const context = await browser.newContext({ viewport: { width: 1400, height: 600 } });
  const page = await context.newPage();
  await signInAs(page, reader.email);
  await page.goto(`/sections/${section.id}`);
  await expect(cards(page)).toHaveCount(openOf(80));

  // At the top: the first paragraph's passage is marked, the last one's is not (yet).
  await expect.poll(() => highlightedWords(page)).toContain('local group number 1');
  expect(await highlightedWords(page)).not.toContain('local group number 40');

  // Scrolled to the last paragraph: its passage is marked. (The live document replaces the
  // server-rendered text once it syncs: scroll again if the paragraph was swapped meanwhile.)
  await expect(async () => {
    await page.getByText('Paragraph 40 says', { exact: false }).scrollIntoViewIfNeeded({ timeout: 2000 });
    expect(await highlightedWords(page)).toContain('local group number 40');
  }).toPass();

  // Back at the top, the browser no longer holds it (nor re-checks it as the text changes).
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => highlightedWords(page)).not.toContain('local group number 40');
  await context.close();
});

test('[COMMENTS] a card reached by the keyboard keeps the focus, and a click that comes without pointer or focus (a screen reader) still acts', async ({ browser }) => {
  const total = FIRST_SCREEN + 10;
  const { section } = await busySection(total);
  const { context, page } = await wideReader(browser);
  await page.goto(`/sections/${section.id}`);
  await expect(cards(page)).toHaveCount(openOf(total));

  // From the card to its first control with Tab: the Agree button keeps the focus and Enter presses it.
  const last = cards(page).last();
  await last.evaluate((card: HTMLElement) => card.focus());
  await page.keyboard.press('Tab');
  const agree = last.getByRole('button', { name: /^Agree/ });
  await expect(agree).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(agree).toHaveAttribute('aria-pressed', 'true');
  await expect(agree).toBeFocused();

  // A click dispatched on another card's Reply button, with no pointer over it and no focus in it.
  const other = cards(page).nth(openOf(total) - 2);
  await other.getByRole('button', { name: 'Reply' }).dispatchEvent('click');
  await expect(other.getByRole('textbox', { name: 'Your reply' })).toBeFocused();
  await page.keyboard.type('Reached without a pointer.');
  await other.getByRole('button', { name: 'Send reply' }).click();
  await expect(other.getByRole('list', { name: 'Replies' })).toContainText('Reached without a pointer.');
  await expect(other.getByRole('button', { name: 'Reply' })).toBeFocused();
  await expectNoA11yViolations(page);
  await context.close();
});

test('[COMMENTS] on a wide screen each card stands beside its passage, and again after the window narrows and the text reflows', async ({ browser }) => {
  // Comments on paragraphs 1, 8, 15, 22 and 29 (the fourth resolved, so not shown): far enough apart that no card pushes the next down.
  const { section } = await busySection(5);
  const { context, page } = await wideReader(browser);
  await page.goto(`/sections/${section.id}`);
  await expect(cards(page)).toHaveCount(openOf(5));
  // The live document's text (read-only for a member) has taken the server-rendered text's place.
  await expect(page.locator('[data-section-text] .ProseMirror')).toBeVisible();

  /** For each card, how far its top is from the top of the passage it is about (CSS pixels). */
  const misalignment = () =>
    page.evaluate(() => {
      const text = document.querySelector('[data-section-text]')!;
      const cardsNow = [...document.querySelectorAll<HTMLElement>('ol[aria-label="Feedback on this section"] > li')];
      return cardsNow.map((card) => {
        const paragraph = /on paragraph (\d+)/.exec(card.textContent ?? '')![1];
        const words = `local group number ${paragraph} `;
        const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.nodeValue!.indexOf(words);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + words.length - 1);
          return Math.round(Math.abs(card.getBoundingClientRect().top - range.getClientRects()[0].top));
        }
        return -1;
      });
    });
  await expect.poll(misalignment).toEqual([0, 0, 0, 0]);
  // Narrower (still two columns): the paragraphs wrap onto more lines and the passages move down.
  const paragraph29 = async () => (await page.getByText('Paragraph 29 says', { exact: false }).boundingBox())?.y ?? 0;
  const before = await paragraph29();
  await page.setViewportSize({ width: 1030, height: 1000 });
  await expect.poll(paragraph29).toBeGreaterThan(before + 20);
  await expect.poll(misalignment).toEqual([0, 0, 0, 0]);

  // Sorted another way, the cards stand one under the other, 12 px apart; by position again, beside their passages.
  const gaps = () =>
    page.evaluate(() => {
      const boxes = [...document.querySelectorAll<HTMLElement>('ol[aria-label="Feedback on this section"] > li')].map((card) => card.getBoundingClientRect());
      return boxes.slice(1).map((box, i) => Math.round(box.top - boxes[i].bottom));
    });
  await margin(page).getByText('Filter and sort').click();
  await margin(page).getByLabel('Sort by').selectOption({ label: 'Newest' });
  await expect.poll(gaps).toEqual([12, 12, 12]);
  await margin(page).getByLabel('Sort by').selectOption({ label: 'Position in the text' });
  await expect.poll(misalignment).toEqual([0, 0, 0, 0]);
  await context.close();
});

test('[COMMENTS] the text and the cards beside it stay where they are when the live editor takes the text over', async ({ browser }) => {
  const { section } = await busySection(12);
  const { context, page } = await wideReader(browser);
  // Each frame until the live editor is in the page: where the third paragraph and the cards
  // stand. The last of these is what the reader saw just before the editor came.
  await page.addInitScript(() => {
    const where = () => {
      const text = document.querySelector('[data-section-text]');
      const paragraph = [...(text?.querySelectorAll('p') ?? [])].find((p) => p.textContent?.startsWith('Paragraph 3 '));
      const cardsNow = [...document.querySelectorAll('ol[aria-label="Feedback on this section"] > li')];
      return paragraph ? { paragraph: paragraph.getBoundingClientRect().top, cards: cardsNow.map((card) => card.getBoundingClientRect().top) } : null;
    };
    const w = window as unknown as { where: typeof where; beforeEditor: ReturnType<typeof where> };
    w.where = where;
    const frame = () => {
      if (document.querySelector('[data-section-text] .ProseMirror')) return;
      w.beforeEditor = where();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.goto(`/sections/${section.id}`);
  await expect(cards(page)).toHaveCount(openOf(12));
  await expect(page.locator('[data-section-text] .ProseMirror')).toBeVisible();
  const before = await page.evaluate(() => (window as unknown as { beforeEditor: unknown }).beforeEditor);
  expect(before).toMatchObject({ cards: expect.arrayContaining([expect.any(Number)]) });
  // The editor brings its status line, who is here and its frame: all were drawn with the
  // page, so nothing moves (before, the text moved down 69 px and the cards followed it).
  await expect.poll(() => page.evaluate(() => (window as unknown as { where: () => unknown }).where())).toEqual(before);
  await context.close();
});

test('[COMMENTS] a press by a mouse already resting over a card, and a tap on a touch screen, act on the first try', async ({ browser }) => {
  const { section } = await busySection(12);
  const reader = await createPerson('MEMBER');
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, hasTouch: true });
  const page = await context.newPage();
  await signInAs(page, reader.email);
  const open = async () => {
    await page.goto(`/sections/${section.id}`);
    await expect(cards(page)).toHaveCount(openOf(12));
    await expect(page.locator('[data-section-text] .ProseMirror')).toBeVisible();
  };

  // Where the second card's Agree button stands; then the page is opened again with the mouse
  // already there, so that no pointer comes over the card before the press.
  await open();
  const agree = cards(page).nth(1).getByRole('button', { name: /^Agree/ });
  const box = (await agree.boundingBox())!;
  await page.goto('about:blank');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await open();
  await page.mouse.down();
  await page.mouse.up();
  await expect(agree).toHaveAttribute('aria-pressed', 'true');

  // A finger on the third card's Reply button.
  const third = cards(page).nth(2);
  await third.getByRole('button', { name: 'Reply' }).tap();
  await expect(third.getByRole('textbox', { name: 'Your reply' })).toBeFocused();
  await context.close();
});

test('[COMMENTS] after a suggestion is accepted on a busy section, the page reads its margin again and still shows all of it', async ({ browser }) => {
  const total = FIRST_SCREEN + 5;
  const { section, text } = await busySection(total);
  // A suggestion on the last words of the text: accepting it leaves every comment where it was,
  // so the fresh first screen ends at the same place as the first one did.
  const words = 'its advice service.';
  const at = text.lastIndexOf(words);
  const author = await createPerson('MEMBER');
  const version = await e2eDb().section.findUniqueOrThrow({ where: { id: section.id }, select: { currentVersionId: true } });
  await e2eDb().suggestion.create({
    data: { sectionId: section.id, authorId: author.id, anchor: { ...describeRange(text, at, at + words.length), versionId: version.currentVersionId }, replacement: 'its advice and outreach service.', baseVersionId: version.currentVersionId },
  });
  const drafter = await createPerson('DRAFTER');
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await signInAs(page, drafter.email);
  await page.goto(`/sections/${section.id}`);
  await expect(cards(page)).toHaveCount(openOf(total) + 1);
  const suggestion = cards(page).filter({ hasText: 'outreach' });
  await suggestion.getByRole('button', { name: /^Accept/ }).click();
  await expect(page.locator('[data-section-text]')).toContainText('its advice and outreach service.');
  // The accepted suggestion leaves the "Open" margin; every open comment is still there.
  await expect(cards(page)).toHaveCount(openOf(total));
  await expect(margin(page).getByText(/Loading \d+ more comments/)).toHaveCount(0);
  await context.close();
});

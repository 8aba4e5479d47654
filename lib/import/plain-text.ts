/**
 * Plain-text drafts, read line by line as a person reads the page (lines.ts): paragraphs,
 * bulleted, numbered, lettered and roman lists kept as lists with their numbers, and the
 * outline a person sees (outline.ts). A short first line standing alone is the title.
 */
import { linesFromText, unitsFromLines } from '@/lib/import/lines';
import { extractTitle, sectionsFromUnits } from '@/lib/import/outline';
import type { ImportPreview } from '@/lib/import/preview';

export { normaliseText } from '@/lib/import/lines';

export function parsePlainText(text: string): ImportPreview {
  const { title, units } = extractTitle(unitsFromLines(linesFromText(text)), { plainText: true });
  return { title, sections: sectionsFromUnits(units) };
}

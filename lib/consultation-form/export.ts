/**
 * The response "as the form asks": the consultation's questions in the form's order, each
 * followed by its answer (the current text of the sections mapped to it, or the mapped
 * passages), ready to paste into the government's form box by box. Each answer says its
 * word count against the form's limit, and an answer over the limit, or a question with
 * no answer yet, is flagged so nobody pastes it unawares. Approved signatories follow,
 * with reservations in an annex. Rendered as txt, Markdown or Word by lib/export.
 */
import 'server-only';
import { type Actor, type Caller, can } from '@/lib/auth/policy';
import { findResponseBySlug, loadForm, type LoadedForm } from '@/lib/consultation-form/queries';
import { formExportSchema } from '@/lib/consultation-form/schemas';
import { describeWordCount } from '@/lib/consultation-form/words';
import { withSignatories } from '@/lib/endorsements/export';
import { forbidden, parseInput } from '@/lib/errors';
import { headingNode, type ExportDocument } from '@/lib/export/document';
import { renderDocx } from '@/lib/export/docx';
import { renderMarkdown } from '@/lib/export/markdown';
import { contentTypes, type ExportFile } from '@/lib/export/service';
import { renderTxt } from '@/lib/export/txt';
import type { PMNode } from '@/lib/sections/content';

const text = (value: string, marks: { type: string }[] = []): PMNode => ({ type: 'text', text: value, ...(marks.length ? { marks } : {}) });
const para = (...content: PMNode[]): PMNode => ({ type: 'paragraph', content });
const bold = [{ type: 'bold' }];
const italic = [{ type: 'italic' }];

/** The form as an export document: per question its heading, words, word count and answer. */
export function formDocument(form: LoadedForm): ExportDocument {
  const blocks: PMNode[] = [];
  for (const question of form.questions) {
    blocks.push(headingNode(1, `Question ${question.number}`));
    blocks.push(para(text(question.text, italic)));
    const count = describeWordCount(question.answer);
    if (question.answer.missing) {
      blocks.push(para(text('No answer yet: no section of the response is mapped to this question.', bold)));
      continue;
    }
    blocks.push(para(text(question.answer.overLimit ? `OVER THE WORD LIMIT: ${count}. Shorten this answer before pasting it into the form.` : `Answer (${count}):`, question.answer.overLimit ? bold : [])));
    for (const part of question.answers) {
      if (part.status === 'detached') {
        blocks.push(para(text(`The passage mapped from ${part.sectionTitle} is no longer in its text; the words as they were mapped follow. Check this answer.`, bold)));
      }
      blocks.push(...part.blocks);
    }
  }
  if (!form.questions.length) blocks.push(para(text('No questions have been entered yet.', italic)));
  return {
    title: form.response.title,
    subtitle: `As the form asks: the answers to “${form.response.consultationName}”, question by question`,
    blocks,
    asOf: form.asOf,
  };
}

/**
 * The form export of the response `slug` as a file. Like the submission export, members
 * may download it as text (txt); Word and Markdown are for drafters and coordinators.
 * `caller` null is the operator at the command line.
 */
export async function exportForm(caller: Actor, slug: string, input: { format?: unknown }): Promise<ExportFile> {
  const { format } = parseInput(formExportSchema, input);
  if (format !== 'txt' && !can(caller, 'export:full')) throw forbidden('Members can download the form’s answers as plain text (txt); Word and Markdown are for drafters and coordinators');
  const response = await findResponseBySlug(slug);
  const document = await withSignatories(formDocument(await loadForm(response.id)), response.id);
  const fileName = `${response.slug}-form.${format}`;
  if (format === 'txt') return { fileName, contentType: contentTypes.txt, body: renderTxt(document) };
  if (format === 'md') return { fileName, contentType: contentTypes.md, body: renderMarkdown(document) };
  return { fileName, contentType: contentTypes.docx, body: await renderDocx(document) };
}

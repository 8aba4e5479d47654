/**
 * Reading a consultation's questions pasted as a list, as they appear in the government's
 * document or online form:
 *
 *   1. Do you agree with the proposed duty? (250 words)
 *   1a. If not, why not? [max 100 words]
 *   Q3 How should funding be allocated? Word limit: 300
 *   Question 4: Any other comments?
 *
 * A question starts at a line with its number: "1." "1)" "1a." "1(a)" "3.2" "Q3" "Question 4"
 * (a bare number needs its full stop, bracket or colon, so "2024 was a hard year" is not
 * question 2024). Lines right under a question continue it (wrapped text); after a blank
 * line, a line without a number is left out and reported (a heading such as "Part B:
 * Funding"). A word limit written beside the question — "(250 words)", "[max 100 words]",
 * "Word limit: 300", "no more than 150 words" — becomes the question's limit; a limit in
 * brackets is taken out of the text. Pure (the page previews with it, the server stores with it).
 */

export type ParsedQuestion = { number: string; text: string; wordLimit: number | null; line: number };
export type SkippedLine = { line: number; text: string };
export type ParsedList = { questions: ParsedQuestion[]; skipped: SkippedLine[] };

const NUMBER = String.raw`\d+(?:\.\d+)*[a-z]?|\d+\s?\([a-z0-9]{1,4}\)`;
/** "Q3", "Q.3", "Question 4", then an optional separator. */
const PREFIXED = new RegExp(String.raw`^(?:question|q)\s*\.?\s*(${NUMBER})\s*(?:[.):]|\s[-–—])?\s*(.*)$`, 'i');
/** A bare number with its separator: "1." "1)" "1:" "1 -". */
const BARE_WITH_SEPARATOR = new RegExp(String.raw`^(${NUMBER})(?:[.):]|\s+[-–—])\s*(.*)$`, 'i');
/** A bare number that cannot be a year or a count: "1a Text", "3.2 Text". */
const BARE_COMPOUND = /^(\d+(?:\.\d+)+[a-z]?|\d+[a-z]|\d+\s?\([a-z0-9]{1,4}\))\s+(.*)$/i;

const LIMIT_IN_BRACKETS =
  /\s*[([]\s*(?:(?:max(?:imum)?|up to|no more than|limit(?:ed to)?|word limit|word count)\s*:?\s*(?:of\s*)?)?(\d[\d,]*)\s*(?:words?|word limit|word max(?:imum)?)(?:\s*(?:max(?:imum)?|limit))?\s*[)\]]/i;
const LIMIT_IN_WORDS = [
  /\bword (?:limit|count)\s*(?:of|:|-|–)?\s*(\d[\d,]*)\b/i,
  /\b(?:in |using )?(?:no more than|not more than|max(?:imum)?(?: of)?|up to|at most|limit of)\s+(\d[\d,]*)\s+words\b/i,
  /\b(\d[\d,]*)[-\s]word (?:limit|max(?:imum)?)\b/i,
];

function readLimit(text: string): { text: string; wordLimit: number | null } {
  const bracketed = LIMIT_IN_BRACKETS.exec(text);
  if (bracketed) {
    const limit = Number(bracketed[1].replace(/,/g, ''));
    const rest = (text.slice(0, bracketed.index) + text.slice(bracketed.index + bracketed[0].length)).replace(/\s{2,}/g, ' ').trim();
    if (limit > 0) return { text: rest, wordLimit: limit };
  }
  for (const pattern of LIMIT_IN_WORDS) {
    const found = pattern.exec(text);
    if (found) {
      const limit = Number(found[1].replace(/,/g, ''));
      // "… allocated? Word limit: 300" at the very end is a label, not part of the question.
      const atEnd = pattern === LIMIT_IN_WORDS[0] && !text.slice(found.index + found[0].length).trim().replace(/^[.)\]]+$/, '');
      if (limit > 0) return { text: (atEnd ? text.slice(0, found.index) : text).trim(), wordLimit: limit };
    }
  }
  return { text: text.trim(), wordLimit: null };
}

function questionStart(line: string): { number: string; rest: string } | null {
  const cleaned = line.replace(/^\*\*|^[-•*]\s+(?=(?:question|q)?\s*\d)/i, '');
  const match = PREFIXED.exec(cleaned) ?? BARE_WITH_SEPARATOR.exec(cleaned) ?? BARE_COMPOUND.exec(cleaned);
  if (!match) return null;
  return { number: match[1].replace(/\s+/g, '').replace(/\.$/, ''), rest: match[2].replace(/^\*\*\s*/, '') };
}

export function parseQuestionList(input: string): ParsedList {
  const questions: ParsedQuestion[] = [];
  const skipped: SkippedLine[] = [];
  let current: { number: string; parts: string[]; line: number } | null = null;
  let afterBlank = true;
  const finish = () => {
    if (!current) return;
    const { text, wordLimit } = readLimit(current.parts.join(' ').replace(/\*\*/g, '').replace(/\s+/g, ' '));
    questions.push({ number: current.number, text, wordLimit, line: current.line });
    current = null;
  };
  input.replace(/\r\n?/g, '\n').split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) {
      afterBlank = true;
      return;
    }
    const start = questionStart(line);
    if (start) {
      finish();
      current = { number: start.number, parts: start.rest ? [start.rest] : [], line: index + 1 };
    } else if (current && (!afterBlank || !(current as { parts: string[] }).parts.length)) {
      (current as { parts: string[] }).parts.push(line);
    } else {
      finish();
      skipped.push({ line: index + 1, text: line });
    }
    afterBlank = false;
  });
  finish();
  return { questions, skipped };
}

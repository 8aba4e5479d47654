/**
 * What the server sends about comments and suggestions: to the section page's client
 * components and, unchanged, in /api/v1 answers. Type-only; safe to import anywhere.
 * Names only — never email addresses or other contact details.
 */
import type { AnchorStatus, TextQuoteSelector } from '@/lib/anchoring/text-quote';
import type { ReadingKey } from '@/lib/feedback/reading-order';

export type PersonName = { name: string };

/** The quoted words with their context, and their offsets in the text they were quoted from. */
export type PublicAnchor = TextQuoteSelector & { start: number; end: number };

/** Where the anchor points in the section's current text (offsets), or detached. */
export type AnchorLocation = { status: AnchorStatus; start: number | null; end: number | null };

export type CommentDto = {
  id: string;
  sectionId: string;
  /** The thread's first comment, for a reply; null for a thread. */
  parentId: string | null;
  /** Plain text as typed (line breaks kept). Empty when withdrawn. */
  body: string;
  /** Null when withdrawn. */
  author: PersonName | null;
  /** Null for a comment on the whole section, and for replies. */
  anchor: PublicAnchor | null;
  location: AnchorLocation | null;
  status: 'OPEN' | 'RESOLVED';
  agreeCount: number;
  agreedByMe: boolean;
  /** Written by the person asking. */
  mine: boolean;
  edited: boolean;
  editedAt: string | null;
  withdrawn: boolean;
  createdAt: string;
  resolvedBy: PersonName | null;
  resolvedAt: string | null;
  replies: CommentDto[];
  /** What the coordinators decided about it, shown to its author only. */
  outcome?: FeedbackOutcome | null;
};

/** A disposition as its author sees it beside their comment or suggestion. */
export type FeedbackOutcome = { kind: 'INCORPORATED' | 'PARTLY_INCORPORATED' | 'NOTED' | 'NOT_TAKEN_FORWARD'; reply: string | null; by: PersonName | null; at: string | null };

export type SuggestionKind = 'replace' | 'insert' | 'delete';

export type SuggestionDto = {
  id: string;
  sectionId: string;
  author: PersonName;
  /** `exact` is "" for an insertion at a point. */
  anchor: PublicAnchor;
  /** Where the passage is now; null once the suggestion is decided. */
  location: AnchorLocation | null;
  /** The passage changed since the suggestion was made (or is gone): it cannot be accepted blindly. */
  outdated: boolean;
  /** For an outdated suggestion: the words at the closest match now, if any. */
  currentWords: string | null;
  kind: SuggestionKind;
  replacement: string;
  reason: string | null;
  status: 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';
  agreeCount: number;
  agreedByMe: boolean;
  mine: boolean;
  createdAt: string;
  decidedBy: PersonName | null;
  decidedAt: string | null;
  declineReason: string | null;
  acceptedVersionId: string | null;
  /** What the coordinators decided about it, shown to its author only. */
  outcome?: FeedbackOutcome | null;
};

export type AgreementState = { agreed: boolean; agreeCount: number };

export type FeedbackCounts = { comments: number; suggestions: number };

/** The rest of a busy section's feedback, after the first screen: where it starts and how much there is. */
export type LaterFeedback = { after: ReadingKey; count: number };

/**
 * A section's margin as the page receives it: the threads and suggestions of its first
 * screen in reading order (all of them on a quiet section), placed in the current text,
 * which is named by its fingerprint (lib/anchoring/fingerprint.ts) rather than sent again.
 */
export type SectionFeedbackData = {
  textFingerprint: string;
  versionId: string | null;
  comments: CommentDto[];
  suggestions: SuggestionDto[];
  /** Null when everything is here. */
  later: LaterFeedback | null;
};

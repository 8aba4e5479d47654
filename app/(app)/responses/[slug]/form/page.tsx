import type { Metadata } from 'next';
import { CopyAnswer } from '@/components/consultation-form/copy-answer';
import { MapAnswerForm } from '@/components/consultation-form/map-answer-form';
import { QuestionControls, UnmapButton } from '@/components/consultation-form/question-controls';
import { QuestionForm } from '@/components/consultation-form/question-form';
import { QuestionListForm } from '@/components/consultation-form/question-list-form';
import { Breadcrumb } from '@/components/ui/breadcrumb';
import { linkClass, standaloneLinkClass, TextLink } from '@/components/ui/link';
import { can } from '@/lib/auth/policy';
import { requireUser } from '@/lib/auth/session';
import { canManageQuestions } from '@/lib/consultation-form/policy';
import { getConsultationForm, type QuestionDto } from '@/lib/consultation-form/queries';
import { describeWordCount } from '@/lib/consultation-form/words';
import { orNotFound } from '@/lib/pages/or-not-found';
import {
  addQuestionAction,
  addQuestionListAction,
  mapAnswerAction,
  moveQuestionAction,
  removeQuestionAction,
  unmapAnswerAction,
  updateQuestionAction,
} from './actions';

type Props = { params: Promise<{ slug: string }> };

export const metadata: Metadata = { title: 'Consultation form' };

const numbers = (list: string[]) => list.map((number) => number).join(', ');

function AnswerStatus({ question }: { question: QuestionDto }) {
  if (question.answer.missing) return <p className="font-semibold text-danger">No answer yet</p>;
  const text = describeWordCount(question.answer);
  return question.answer.overLimit ? <p className="font-semibold text-danger">Over the word limit: {text}</p> : <p className="text-ok">{text}</p>;
}

export default async function ConsultationFormPage({ params }: Props) {
  const { slug } = await params;
  const user = await requireUser(`/responses/${slug}/form`);
  const form = await orNotFound(getConsultationForm(user, slug));
  const manage = canManageQuestions(user);
  const { summary } = form;
  const exportUrl = (format: string) => `/api/v1/responses/${encodeURIComponent(slug)}/export/form?format=${format}`;

  return (
    <>
      <Breadcrumb items={[{ href: `/responses/${slug}`, label: form.response.title }]} />
      <h1 className="mb-2 text-2xl font-semibold">Consultation form</h1>
      <p className="mb-6 max-w-2xl text-muted">
        The questions “{form.response.consultationName}” asks, in the form’s order, and the network’s answer to each as it reads now: the sections, or passages of them, that answer it.
      </p>

      <section aria-labelledby="form-summary-heading" className="mb-8 rounded-lg border border-line bg-white p-4">
        <h2 id="form-summary-heading" tabIndex={-1} className="mb-2 text-lg font-semibold">At a glance</h2>
        {summary.questions ? (
          <ul className="flex flex-col gap-1">
            <li>{summary.answered} of {summary.questions} {summary.questions === 1 ? 'question has' : 'questions have'} an answer.</li>
            {summary.unanswered.length ? <li className="text-danger">No answer yet: {summary.unanswered.length === 1 ? 'question' : 'questions'} {numbers(summary.unanswered)}.</li> : null}
            {summary.overLimit.length ? <li className="text-danger">Over the word limit: {summary.overLimit.length === 1 ? 'question' : 'questions'} {numbers(summary.overLimit)}.</li> : null}
          </ul>
        ) : (
          <p>No questions yet. {manage ? 'Add the consultation’s questions below.' : 'A coordinator adds them.'}</p>
        )}
        <h3 className="mb-1 mt-4 font-semibold">Export as the form asks</h3>
        <p className="mb-2 text-sm text-muted">Each question followed by its answer, ready to paste into the government’s form; answers over the limit are flagged. Approved signatories follow.</p>
        <ul className="flex flex-wrap gap-x-6 gap-y-1">
          <li><a className={standaloneLinkClass} href={exportUrl('txt')} download>Plain text (.txt)</a></li>
          {can(user, 'export:full') ? (
            <>
              <li><a className={standaloneLinkClass} href={exportUrl('docx')} download>Word document (.docx)</a></li>
              <li><a className={standaloneLinkClass} href={exportUrl('md')} download>Markdown (.md)</a></li>
            </>
          ) : null}
        </ul>
      </section>

      {form.questions.length ? (
        <ol className="mb-10 flex flex-col gap-4" aria-label="Questions">
          {form.questions.map((question, index) => (
            <li key={question.id} className="rounded-lg border border-line bg-white p-4">
              <h2 className="text-lg font-semibold">Question {question.number}</h2>
              <p className="mb-2">{question.text}</p>
              <p className="mb-2 text-sm text-muted">{question.wordLimit ? `Word limit: ${question.wordLimit.toLocaleString('en-GB')}` : 'No word limit'}</p>
              <AnswerStatus question={question} />
              {question.answer.missing ? null : (
                <details className="mt-2">
                  <summary className={`cursor-pointer ${linkClass}`}>Read the answer to question {question.number}</summary>
                  <div className="mt-2 flex flex-col gap-2">
                    <p className="whitespace-pre-line border-l-4 border-line pl-3 font-serif">{question.answer.text}</p>
                    <CopyAnswer number={question.number} text={question.answer.text} />
                  </div>
                </details>
              )}
              {question.answers.length ? (
                <>
                  <h3 className="mt-3 text-sm font-semibold">Answered by</h3>
                  <ul className="mt-1 flex flex-col gap-1 text-sm">
                    {question.answers.map((answer) => (
                      <li key={answer.id} className="flex flex-wrap items-baseline gap-x-2">
                        <TextLink href={`/sections/${answer.sectionId}`}>{answer.sectionTitle}</TextLink>
                        {answer.passage ? <span>(the passage “{answer.passage.length > 120 ? `${answer.passage.slice(0, 119)}…` : answer.passage}”)</span> : <span>(the whole section)</span>}
                        {answer.status === 'detached' ? <strong className="text-danger">The passage is no longer in the section: map it again.</strong> : null}
                        {answer.status === 'changed' ? <span className="text-muted">The passage has been edited since it was mapped.</span> : null}
                        {manage ? <UnmapButton label={`Unmap ${answer.sectionTitle} from question ${question.number}`} action={unmapAnswerAction.bind(null, slug, question.id, answer.id)} /> : null}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {manage ? (
                <div className="mt-4 flex flex-col gap-4 border-t border-line pt-4">
                  <MapAnswerForm questionId={question.id} questionNumber={question.number} sections={form.sections} action={mapAnswerAction.bind(null, slug, question.id)} />
                  <details>
                    <summary className={`cursor-pointer ${linkClass}`}>Edit question {question.number}</summary>
                    <div className="mt-3">
                      <QuestionForm idPrefix={`edit-${question.id}`} action={updateQuestionAction.bind(null, slug, question.id)} initial={{ number: question.number, text: question.text, wordLimit: question.wordLimit }} submitLabel={`Save question ${question.number}`} />
                    </div>
                  </details>
                  <QuestionControls
                    number={question.number}
                    isFirst={index === 0}
                    isLast={index === form.questions.length - 1}
                    moveAction={moveQuestionAction.bind(null, slug, question.id)}
                    removeAction={removeQuestionAction.bind(null, slug, question.id)}
                    afterRemoveFocusId="form-summary-heading"
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}

      {manage ? (
        <section aria-labelledby="add-questions-heading" className="flex max-w-3xl flex-col gap-8">
          <h2 id="add-questions-heading" className="text-xl font-semibold">Add questions</h2>
          <div>
            <h3 className="mb-2 font-semibold">Paste a list</h3>
            <QuestionListForm action={addQuestionListAction.bind(null, slug)} />
          </div>
          <div>
            <h3 className="mb-2 font-semibold">Add one question</h3>
            <QuestionForm idPrefix="new-question" action={addQuestionAction.bind(null, slug)} submitLabel="Add question" clearOnSave />
          </div>
        </section>
      ) : null}
    </>
  );
}

import { NextResponse } from 'next/server';
import { apiRoute, readJson } from '@/lib/api/respond';
import { addQuestion, addQuestionList } from '@/lib/consultation-form/mutations';
import { getConsultationForm } from '@/lib/consultation-form/queries';

/** The consultation's questions in the form's order, each with its answer now, and a summary. */
export const GET = apiRoute<{ slug: string }>(async ({ caller, params }) => {
  const form = await getConsultationForm(caller, params.slug);
  return { questions: form.questions, summary: form.summary };
});

/** `{"number","text","wordLimit"?}` adds one question; `{"list": "1. …\n2. …"}` adds a pasted list. */
export const POST = apiRoute<{ slug: string }>(async ({ request, caller, params }) => {
  const body = await readJson(request);
  if (body && typeof body === 'object' && 'list' in body) return NextResponse.json(await addQuestionList(caller, params.slug, body), { status: 201 });
  return NextResponse.json({ question: await addQuestion(caller, params.slug, body) }, { status: 201 });
});

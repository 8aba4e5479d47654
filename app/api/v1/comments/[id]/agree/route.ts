import { apiRoute } from '@/lib/api/respond';
import { agree, withdrawAgreement } from '@/lib/feedback/agreements';

/** Agrees with the comment: `{agreed: true, agreeCount}`. */
export const POST = apiRoute<{ id: string }>(async ({ caller, params }) => agree(caller, { kind: 'comment', id: params.id }));

/** Takes the agreement back: `{agreed: false, agreeCount}`. */
export const DELETE = apiRoute<{ id: string }>(async ({ caller, params }) => withdrawAgreement(caller, { kind: 'comment', id: params.id }));

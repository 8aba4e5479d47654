/**
 * The signatories in the exports: after the text, the organisations whose endorsement a
 * coordinator approved, and an annex with the reservations of those that endorse with
 * reservations. Used by the submission export and the "as the form asks" export.
 */
import 'server-only';
import { approvedSignatories } from '@/lib/endorsements/queries';
import { headingNode, type ExportDocument } from '@/lib/export/document';
import { docFromText, paragraph, type PMNode } from '@/lib/sections/content';

const listItem = (text: string): PMNode => ({ type: 'listItem', content: [paragraph(text)] });

/**
 * `document` with its signatories added, when there are any. Only the current text and
 * the final submission are signed: an earlier named version (`label` another than the
 * final one) is exported as it was, without them.
 */
export async function withSignatories(document: ExportDocument, responseId: string, options: { label?: string | null; finalLabel?: string } = {}): Promise<ExportDocument> {
  if (options.label && options.label !== options.finalLabel) return document;
  const signatories = await approvedSignatories(responseId);
  if (!signatories.length) return document;
  const withReservations = signatories.filter((signatory) => signatory.kind === 'ENDORSE_WITH_RESERVATIONS' && signatory.reservations);
  const blocks: PMNode[] = [
    headingNode(1, 'Signatories'),
    paragraph(`This response is endorsed by ${signatories.length === 1 ? 'this organisation' : `these ${signatories.length} organisations`}:`),
    {
      type: 'bulletList',
      content: signatories.map((signatory) => {
        const person = [signatory.signatoryName, signatory.signatoryRole].filter(Boolean).join(', ');
        const note = signatory.kind === 'ENDORSE_WITH_RESERVATIONS' ? ' (with reservations: see the annex)' : '';
        return listItem(`${signatory.organisation}, signed by ${person}${note}`);
      }),
    },
  ];
  if (withReservations.length) {
    blocks.push(headingNode(1, 'Annex: reservations'));
    for (const signatory of withReservations) {
      blocks.push(headingNode(2, signatory.organisation), ...docFromText(signatory.reservations!).content);
    }
  }
  const decided = signatories.reduce((latest, signatory) => (signatory.decidedAt && signatory.decidedAt > latest ? signatory.decidedAt : latest), document.asOf);
  return { ...document, blocks: [...document.blocks, ...blocks], asOf: decided };
}

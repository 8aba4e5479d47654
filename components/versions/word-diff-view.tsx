import './versions.css';
import type { DiffChange } from '@/lib/versions/diff';

/**
 * A word diff, read either inline (deleted words struck through, inserted underlined, in
 * one text) or side by side (the older text with its deletions, the newer with its
 * insertions). Screen readers hear "deleted:" and "inserted:" before each change.
 */
export function WordDiffView({ changes, mode, fromLabel, toLabel }: { changes: DiffChange[]; mode: 'inline' | 'side'; fromLabel: string; toLabel: string }) {
  if (!changes.some((change) => change.op !== 'equal')) return <p className="text-muted">The two versions have the same text.</p>;
  if (mode === 'side') {
    return (
      <div className="chorus-diff grid gap-4 md:grid-cols-2">
        <section aria-label={fromLabel} className="rounded-md border border-line bg-white p-4">
          <h3 className="mb-2 text-sm font-semibold text-muted">{fromLabel}</h3>
          <div className="whitespace-pre-wrap font-serif">{changes.filter((change) => change.op !== 'insert').map((change, i) => render(change, i))}</div>
        </section>
        <section aria-label={toLabel} className="rounded-md border border-line bg-white p-4">
          <h3 className="mb-2 text-sm font-semibold text-muted">{toLabel}</h3>
          <div className="whitespace-pre-wrap font-serif">{changes.filter((change) => change.op !== 'delete').map((change, i) => render(change, i))}</div>
        </section>
      </div>
    );
  }
  return <div className="chorus-diff whitespace-pre-wrap rounded-md border border-line bg-white p-4 font-serif">{changes.map((change, i) => render(change, i))}</div>;
}

function render(change: DiffChange, key: number) {
  if (change.op === 'insert') {
    return (
      <ins key={key}>
        <span className="sr-only">[inserted: </span>
        {change.text}
        <span className="sr-only">]</span>
      </ins>
    );
  }
  if (change.op === 'delete') {
    return (
      <del key={key}>
        <span className="sr-only">[deleted: </span>
        {change.text}
        <span className="sr-only">]</span>
      </del>
    );
  }
  return <span key={key}>{change.text}</span>;
}

/** The colour key for a diff. */
export function DiffLegend() {
  return (
    <p className="chorus-diff flex gap-4 text-sm">
      <span>
        <ins>inserted words</ins>
      </span>
      <span>
        <del>deleted words</del>
      </span>
    </p>
  );
}

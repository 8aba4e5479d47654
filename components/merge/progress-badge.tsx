import { progressText, type Progress } from '@/lib/merge/types';

/** "3 of 7 handled" beside a section: where merge work remains. Nothing when there is no feedback. */
export function MergeProgressBadge({ progress }: { progress: Progress | null | undefined }) {
  if (!progress?.total) return null;
  const done = progress.handled === progress.total;
  return (
    <p className={`mt-1 inline-block rounded px-2 py-0.5 text-xs font-medium ${done ? 'bg-green-100 text-ok' : 'bg-mark text-ink'}`}>
      {done ? `All ${progress.total} handled` : `${progressText(progress)} — ${progress.total - progress.handled} to go`}
    </p>
  );
}

/** A labelled progress bar for the whole response or a section. */
export function MergeProgressBar({ progress, label }: { progress: Progress; label: string }) {
  const percent = progress.total ? Math.round((progress.handled / progress.total) * 100) : 100;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between text-sm">
        <span className="font-medium">{label}</span>
        <span>{progress.total ? progressText(progress) : 'No feedback yet'}</span>
      </div>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.handled} aria-valuetext={progressText(progress)} className="h-2 overflow-hidden rounded bg-stone-200">
        <div className="h-full bg-ok" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

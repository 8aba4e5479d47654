'use client';

import { useEffect, useState } from 'react';
import { formatDateTime } from '@/lib/format';

/** "3 days 4 hours", "5 hours 12 minutes", "12 minutes". */
export function timeLeft(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days > 0) return hours ? `${part(days, 'day')} ${part(hours, 'hour')}` : part(days, 'day');
  if (hours > 0) return mins ? `${part(hours, 'hour')} ${part(mins, 'minute')}` : part(hours, 'hour');
  return part(Math.max(mins, 1), 'minute');
}

/**
 * The consultation deadline with a countdown while the response is open for comment.
 * Updates each minute; not announced on every tick (it is not a live region).
 */
export function DeadlineCountdown({ deadline, open }: { deadline: string; open: boolean }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const left = new Date(deadline).getTime() - (now ?? Date.now());
  return (
    <span>
      Deadline <time dateTime={deadline}>{formatDateTime(deadline)}</time>
      {open && now !== null ? (left > 0 ? <strong className="ml-1 font-semibold">— closes in {timeLeft(left)}</strong> : <strong className="ml-1 font-semibold text-danger">— the deadline has passed</strong>) : null}
    </span>
  );
}

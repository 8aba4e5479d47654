/**
 * The collaboration server's write-ahead log of live text: every change a client sends is
 * appended to SectionUpdate before the server acknowledges it (lib/collab/hocuspocus.ts
 * awaits `flush()` in beforeHandleMessage; Hocuspocus sends the acknowledgement only after
 * that hook returns). So an acknowledged keystroke is in PostgreSQL, whatever crashes next.
 *
 * Changes are batched: while one insert is in flight, everything that arrives meanwhile
 * (from every connection and section) waits for the next single insert. A failed insert
 * keeps its changes queued for the next attempt and fails the flushes that waited for it,
 * so their connections are closed unacknowledged and the clients send the changes again.
 */
import 'server-only';
import { db } from '@/lib/db';
import { appendSectionUpdates, type UpdateRow } from '@/lib/sections/live-state';

type Waiter = { resolve: () => void; reject: (error: unknown) => void };

export class UpdateLog {
  private queue: UpdateRow[] = [];
  private waiters: Waiter[] = [];
  private running = false;

  constructor(private readonly write: (rows: UpdateRow[]) => Promise<void> = (rows) => appendSectionUpdates(db(), rows)) {}

  /** Queues a change; it is written with the next flush. */
  append(row: UpdateRow) {
    this.queue.push(row);
  }

  /** Resolves once everything appended before the call is stored; rejects if storing failed. */
  flush(): Promise<void> {
    if (!this.queue.length && !this.running) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.running) void this.run();
    return done;
  }

  /** Changes appended but not yet stored. */
  get pending(): number {
    return this.queue.length;
  }

  private async run() {
    this.running = true;
    while (this.waiters.length) {
      const batch = this.queue.splice(0);
      const waiters = this.waiters.splice(0);
      try {
        await this.write(batch);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        // Keep the changes (in order, before anything newer) for the next attempt.
        this.queue.unshift(...batch);
        console.error(`[collab] could not store ${batch.length} live change(s); they stay queued`, error instanceof Error ? error.message : error);
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.running = false;
  }
}

/**
 * One PostgreSQL connection per collaboration process that LISTENs for what other
 * processes announce: server-side changes to live text (SECTION_UPDATES_CHANNEL) and
 * changes of access (ACCESS_CHANNEL). It reconnects by itself; after a reconnect
 * `onResync` runs, since notifications sent while it was away are gone.
 */
import 'server-only';
import pg from 'pg';
import { env } from '@/lib/env';

export type NotificationHandlers = Record<string, (payload: string) => void>;

export class NotificationListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private connectedOnce = false;

  constructor(private readonly handlers: NotificationHandlers, private readonly onResync: () => void) {}

  /** Resolves once listening (the first time); later failures reconnect in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: env().DATABASE_URL, connectionTimeoutMillis: 5000 });
    client.on('notification', (message) => {
      const handler = this.handlers[message.channel];
      if (handler && message.payload) handler(message.payload);
    });
    const retry = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      if (!this.stopped) this.retryTimer = setTimeout(() => void this.connect().catch(() => undefined), 1000);
    };
    client.on('error', (error) => {
      console.error('[collab] lost the database notification connection; reconnecting', error.message);
      retry();
    });
    client.on('end', retry);
    this.client = client;
    try {
      await client.connect();
      for (const channel of Object.keys(this.handlers)) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      retry();
      if (!this.connectedOnce) throw error;
      return;
    }
    if (this.connectedOnce) this.onResync();
    this.connectedOnce = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/**
 * The browser's connection to a section's live document: a Yjs document and a Hocuspocus
 * provider, with the token refreshed from /api/v1/collab/token when the one the page was
 * rendered with is about to expire (reconnecting after a long time offline needs a new one).
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';

export type CollabTokenInfo = { token: string; expiresAt: number };

const REFRESH_MARGIN_MS = 60_000;

export function createCollabSession(options: { url: string; document: string; token: CollabTokenInfo }) {
  let current = options.token;
  const token = async () => {
    if (current.expiresAt - Date.now() > REFRESH_MARGIN_MS) return current.token;
    const response = await fetch('/api/v1/collab/token', { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) throw new Error(`Could not renew the live editing token (${response.status})`);
    const body = (await response.json()) as { token: string; expiresAt: string };
    current = { token: body.token, expiresAt: Date.parse(body.expiresAt) };
    return current.token;
  };
  const ydoc = new Y.Doc();
  const provider = new HocuspocusProvider({ url: options.url, name: options.document, document: ydoc, token });
  return {
    ydoc,
    provider,
    destroy() {
      provider.destroy();
      ydoc.destroy();
    },
  };
}

export type CollabSession = ReturnType<typeof createCollabSession>;

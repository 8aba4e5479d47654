'use client';

import { useActionState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field, TextInput, describedBy } from '@/components/ui/field';
import type { ActionState } from '@/lib/api/action';
import { formatDateTime } from '@/lib/format';

type Token = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

type Props = {
  tokens: Token[];
  createAction: (state: ActionState<string>, form: FormData) => Promise<ActionState<string>>;
  revokeAction: (tokenId: string) => Promise<ActionState>;
};

export function ApiTokens({ tokens, createAction, revokeAction }: Props) {
  const [state, formAction, pending] = useActionState(createAction, {});
  const [revoking, startRevoke] = useTransition();
  const error = state.fieldErrors?.name;
  return (
    <div className="flex flex-col gap-6">
      <form action={formAction} className="flex max-w-md flex-col gap-3">
        <Field id="token-name" label="Token name" hint="What will use it, e.g. “Reporting script”." error={error}>
          <TextInput id="token-name" name="name" required aria-invalid={Boolean(error)} aria-describedby={describedBy('token-name', true, error)} />
        </Field>
        <Button type="submit" disabled={pending}>Create token</Button>
      </form>
      {state.data ? (
        <div role="status" className="rounded-md border border-ok bg-green-50 p-3">
          <p className="font-medium">Your new token (copy it now: it will not be shown again):</p>
          <code className="mt-1 block break-all" aria-label="New API token">{state.data}</code>
        </div>
      ) : null}
      {tokens.length ? (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Your API tokens</caption>
          <thead>
            <tr className="border-b border-line"><th className="py-2">Name</th><th>Starts with</th><th>Created</th><th>Last used</th><th><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} className="border-b border-line">
                <td className="py-2">{token.name}</td>
                <td><code>{token.prefix}…</code></td>
                <td>{formatDateTime(token.createdAt)}</td>
                <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
                <td>
                  {token.revokedAt ? (
                    <span className="text-muted">Revoked</span>
                  ) : (
                    <Button variant="danger" disabled={revoking} aria-label={`Revoke token ${token.name}`} onClick={() => startRevoke(async () => void (await revokeAction(token.id)))}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-muted">You have no API tokens.</p>
      )}
    </div>
  );
}

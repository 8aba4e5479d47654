import type { Metadata } from 'next';
import { ApiTokens } from '@/components/settings/api-tokens';
import { ProfileForm } from '@/components/settings/profile-form';
import { listApiTokens } from '@/lib/auth/tokens';
import { requireUser } from '@/lib/auth/session';
import { getProfile } from '@/lib/people/queries';
import { createTokenAction, revokeTokenAction, updateProfileAction } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requireUser('/settings');
  const [profile, tokens] = await Promise.all([getProfile(user), listApiTokens(user)]);
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Settings</h1>
      <section aria-labelledby="profile-heading" className="mb-10">
        <h2 id="profile-heading" className="mb-3 text-lg font-semibold">Profile</h2>
        <p className="mb-3 text-sm text-muted">Signed in as {profile.email}</p>
        <ProfileForm name={profile.name ?? ''} notifyByEmail={profile.notifyByEmail} emailFrequency={profile.emailFrequency} action={updateProfileAction} />
      </section>
      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-1 text-lg font-semibold">API tokens</h2>
        <p className="mb-3 text-sm text-muted">Programs use a token to call the Chorus API as you (Authorization: Bearer …). Revoke a token as soon as it is no longer needed.</p>
        <ApiTokens
          tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null }))}
          createAction={createTokenAction}
          revokeAction={revokeTokenAction}
        />
      </section>
    </>
  );
}

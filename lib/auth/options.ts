/**
 * next-auth (v4) configuration: invite-only sign-in by email magic link, database sessions.
 *
 * Invite-only: the signIn callback refuses any address that no coordinator invited (or
 * that was removed), both when the link is requested and when it is used, so an
 * uninvited address never gets an account or a session.
 */
import 'server-only';
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { NextAuthOptions } from 'next-auth';
import EmailProvider from 'next-auth/providers/email';
import { recordAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { sendMail } from '@/lib/mail';
import type { Role } from '@/lib/generated/prisma/enums';

/** Keeps post-sign-in redirects on this site: relative paths, or absolute URLs of this origin. */
export function safeRedirect(url: string, baseUrl: string): string {
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return `${baseUrl}${url}`;
  try {
    if (new URL(url).origin === new URL(baseUrl).origin) return url;
  } catch {
    // not a URL at all: fall through to the home page
  }
  return baseUrl;
}

export function authOptions(): NextAuthOptions {
  const config = env();
  return {
    adapter: PrismaAdapter(db()),
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: 'database', maxAge: 30 * 24 * 60 * 60 },
    useSecureCookies: config.NODE_ENV === 'production',
    pages: { signIn: '/sign-in', verifyRequest: '/sign-in/check-email', error: '/sign-in/error' },
    providers: [
      EmailProvider({
        maxAge: 30 * 60,
        from: config.MAIL_FROM,
        async sendVerificationRequest({ identifier, url }) {
          await sendMail({
            to: identifier,
            subject: 'Your sign-in link for Chorus',
            text: `Sign in to Chorus by opening this link (valid for 30 minutes, once):\n\n${url}\n\nIf you did not ask for it, ignore this email.`,
          });
        },
      }),
    ],
    callbacks: {
      async signIn({ user }) {
        const email = user.email?.trim().toLowerCase();
        if (!email) return false;
        const person = await db().user.findUnique({ where: { email }, select: { removedAt: true } });
        return Boolean(person && !person.removedAt);
      },
      async redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
      async session({ session, user }) {
        const person = user as typeof user & { role: Role };
        return { ...session, user: { ...session.user, id: user.id, role: person.role } };
      },
    },
    events: {
      async signIn({ user }) {
        await recordAudit(db(), { actorId: user.id, action: 'auth.sign-in', targetType: 'user', targetId: user.id });
      },
      async signOut({ session }) {
        const userId = (session as { userId?: string } | null)?.userId;
        if (userId) await recordAudit(db(), { actorId: userId, action: 'auth.sign-out', targetType: 'user', targetId: userId });
      },
    },
  };
}

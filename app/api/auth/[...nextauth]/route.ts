import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { limitSignInLinkRequest } from '@/lib/auth/sign-in-limits';

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  const { nextauth } = await context.params;
  if (request.method === 'POST' && nextauth.join('/') === 'signin/email') {
    const refusal = await limitSignInLinkRequest(request);
    if (refusal) return refusal;
  }
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };

import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Chorus', template: '%s · Chorus' },
  description: 'A network writes its response to a public consultation together.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Render every page per request: the Content-Security-Policy (proxy.ts) carries a fresh
  // nonce each time, and a page prerendered at build time would have scripts without it,
  // which the browser then refuses to run.
  await connection();
  return (
    <html lang="en-GB">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}

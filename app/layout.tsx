import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Chorus', template: '%s · Chorus' },
  description: 'A network writes its response to a public consultation together.',
  // public/: the icon as SVG (sharp at any size), favicon.ico for what asks for it by that name.
  icons: {
    icon: [
      { url: '/icon.svg', type: 'image/svg+xml' },
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
    ],
    apple: [{ url: '/icon-192.png', sizes: '192x192' }],
  },
  manifest: '/manifest.webmanifest',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1f5f8b' };

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

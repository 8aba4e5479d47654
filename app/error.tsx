'use client';

import { Button } from '@/components/ui/button';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="mb-2 text-2xl font-semibold">Something went wrong</h1>
      <p className="mb-4 text-muted">We could not show this page. If the problem persists, the database may be unavailable.</p>
      <Button onClick={() => reset()}>Try again</Button>
    </main>
  );
}

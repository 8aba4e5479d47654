import { TextLink } from '@/components/ui/link';

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="mb-2 text-2xl font-semibold">Page not found</h1>
      <p className="mb-4 text-muted">There is nothing at this address. It may have been moved, or the link may be wrong.</p>
      <TextLink href="/">Go to the list of responses</TextLink>
    </main>
  );
}

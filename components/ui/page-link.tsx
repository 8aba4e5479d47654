'use client';

import Link from 'next/link';
import { useState, type ComponentProps } from 'react';

/**
 * A link to another page of Chorus. Next's <Link> prefetches every link as it scrolls into
 * view, and every page of Chorus is rendered for the person asking: a section page with its
 * header, breadcrumb and neighbours would ask the server for four to eight pages nobody
 * opened, while its own margin is still loading, and a network of 1,400 members would
 * multiply that. Here a page is prefetched when someone shows they may open it: the pointer
 * comes over the link, a finger touches it, or the keyboard's focus reaches it. The click
 * itself stays a client-side navigation either way.
 */
export function PageLink({ onPointerEnter, onTouchStart, onFocus, prefetch, ...props }: ComponentProps<typeof Link>) {
  const [intent, setIntent] = useState(false);
  const show = () => setIntent(true);
  return (
    <Link
      {...props}
      // null is Next's own default, once there is intent; false before it (and when asked).
      prefetch={prefetch === false || !intent ? false : prefetch}
      onPointerEnter={(event) => {
        show();
        onPointerEnter?.(event);
      }}
      onTouchStart={(event) => {
        show();
        onTouchStart?.(event);
      }}
      onFocus={(event) => {
        show();
        onFocus?.(event);
      }}
    />
  );
}

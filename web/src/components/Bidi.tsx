import type { ReactNode } from 'react';

/** A run of Latin letters and digits, with the punctuation that may sit inside it (`ISO 3166-2:IR`). */
const LATIN_RUN = /[A-Za-z0-9](?:[A-Za-z0-9 .:_/+-]*[A-Za-z0-9])?/g;

/**
 * Isolates the Latin runs of a Persian sentence (`<bdi>`), so the brackets and punctuation
 * around them stay where a right-to-left reader expects: «کد استان (ISO 3166-2:IR)» instead of
 * a closing bracket thrown to the wrong end of the line.
 */
export function Bidi({ children }: { children: string }): ReactNode {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of children.matchAll(LATIN_RUN)) {
    const start = match.index;
    if (start > last) parts.push(children.slice(last, start));
    parts.push(<bdi key={start}>{match[0]}</bdi>);
    last = start + match[0].length;
  }
  if (parts.length === 0) return children;
  if (last < children.length) parts.push(children.slice(last));

  return <>{parts}</>;
}

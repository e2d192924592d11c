import { type ReactNode, useEffect, useRef } from 'react';
import { Link } from 'wouter';

/**
 * The frame of a case view: a way back to the queue it came from, and its heading, which takes
 * focus when the case opens so a screen reader or keyboard user starts at the case, not the top.
 */
export function CaseFrame({
  id,
  title,
  backQueue,
  children,
}: {
  id: string;
  title: string;
  backQueue: string;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <article className="case" aria-labelledby={id}>
      <p>
        <Link href={`~/trust?queue=${backQueue}`}>← Back to the {backQueue.replaceAll('_', ' ')} queue</Link>
      </p>
      <h2 id={id} tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {children}
    </article>
  );
}

/** A term and its value in a case's facts list; nothing when the value is absent. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

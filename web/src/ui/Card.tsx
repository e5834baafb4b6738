import type { ReactNode } from 'react';

export function Card({
  title,
  children,
  actions,
  headingLevel = 2,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  /** 1 when the card is the page (its title is the page's heading), else 2 or 3. */
  headingLevel?: 1 | 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="card" aria-label={title}>
      <header className="card-header">
        <Heading>{title}</Heading>
        {actions}
      </header>
      <div className="card-body">{children}</div>
    </section>
  );
}

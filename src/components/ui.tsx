// Small building blocks shared by every page.
import type { ReactNode } from 'react';

export function Card({ children, className = '', ...rest }: { children: ReactNode; className?: string } & React.HTMLAttributes<HTMLElement>) {
  return (
    <section className={`rounded-2xl border border-slate-800 bg-slate-900/70 p-4 sm:p-5 ${className}`} {...rest}>
      {children}
    </section>
  );
}

export function Stat({ label, value, sub, testId }: { label: string; value: ReactNode; sub?: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs uppercase tracking-wide text-slate-400">{label}</dt>
      <dd className="tabular mt-0.5 truncate text-base font-semibold text-slate-100" data-testid={testId}>
        {value}
      </dd>
      {sub !== undefined && <dd className="tabular text-xs text-slate-400" data-testid={testId ? `${testId}-sub` : undefined}>{sub}</dd>}
    </div>
  );
}

export function Skeleton({ className = 'h-4 w-24' }: { className?: string }) {
  return <span aria-hidden className={`inline-block animate-pulse rounded bg-slate-800 ${className}`} />;
}

/**
 * Placeholder cards while a list loads. `cardClass` sets their height: give the height of the cards that
 * replace them, so nothing below jumps when the data arrives (layout shift). They do not pulse: they are
 * most of the first paint, and a screen that keeps changing until the data lands is, to the eye and to
 * Lighthouse's speed index, a screen that is not done.
 */
/** One figure in a page's row of boxed figures (a <dl>'s entry): a placeholder until its value is read. */
export function StatBox({ label, value, testId }: { label: string; value: string | undefined; testId?: string }) {
  return (
    <div className="rounded-xl border border-slate-800 bg-slate-900/50 px-3 py-2">
      <dt className="text-xs text-slate-400">{label}</dt>
      <dd className="tabular font-semibold" data-testid={testId}>{value ?? <Skeleton />}</dd>
    </div>
  );
}

/** Previous / "Page n of m" / Next under a paged list (nothing when there is one page). `page` counts from 0. */
/** `more`: the count was capped (the indexer counts up to 1,000), so pages may go on past `pages`. */
export function Pager({ page, pages, onPage, more = false }: { page: number; pages: number; onPage: (page: number) => void; more?: boolean }) {
  if (pages <= 1 && !more) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-center gap-3">
      <button type="button" className={buttonClass.secondary} disabled={page === 0} onClick={() => onPage(page - 1)}>Previous</button>
      <span className="tabular text-sm text-slate-400">Page {page + 1} of {Math.max(pages, page + 1)}{more ? '+' : ''}</span>
      <button type="button" className={buttonClass.secondary} disabled={page >= pages - 1 && !more} onClick={() => onPage(page + 1)}>Next</button>
    </nav>
  );
}

export function LoadingCards({ count = 3, label, cardClass = 'h-64' }: { count?: number; label: string; cardClass?: string }) {
  return (
    <div role="status" aria-label={label} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className={`${cardClass} rounded-2xl border border-slate-800 bg-slate-900/60`} />
      ))}
      <span className="sr-only">{label}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-2xl border border-dashed border-slate-700 p-8 text-center">
      <p className="text-lg font-semibold text-slate-200">{title}</p>
      {children && <div className="mt-2 text-sm text-slate-400">{children}</div>}
    </div>
  );
}

export function ErrorNote({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <p id={id} role="alert" className="mt-1.5 text-sm text-rose-300">
      {children}
    </p>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(1, value)) * 100;
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} className="h-2 w-full overflow-hidden rounded-full bg-slate-800">
      <div className="h-full rounded-full bg-brand-500 transition-all" style={{ width: `${pct}%` }} />
    </div>
  );
}

export function Badge({ children, tone = 'slate' }: { children: ReactNode; tone?: 'slate' | 'green' | 'amber' | 'rose' | 'sky' }) {
  const tones = {
    slate: 'bg-slate-800 text-slate-300',
    green: 'bg-emerald-500/15 text-emerald-300',
    amber: 'bg-amber-500/15 text-amber-300',
    rose: 'bg-rose-500/15 text-rose-300',
    sky: 'bg-sky-500/15 text-sky-300',
  };
  return <span className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <h1 className="text-2xl font-bold tracking-tight text-white sm:text-3xl">{title}</h1>
      {children}
    </div>
  );
}

/** A page header from src/lib/pageHeaders.ts: the same markup while the page loads and once it has. */
export function IntroHeader({ page }: { page: { title: string; intro: string } }) {
  return (
    <PageHeader title={page.title}>
      <p className="max-w-xl text-sm text-slate-400">{page.intro}</p>
    </PageHeader>
  );
}

/** A labelled group of radio cards, each with a title and a line saying what choosing it means. */
export function RadioCards<V extends string>({
  legend,
  name,
  value,
  onChange,
  options,
}: {
  legend: string;
  name: string;
  value: V;
  onChange: (v: V) => void;
  options: readonly (readonly [value: V, title: string, sub: string])[];
}) {
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-200">{legend}</legend>
      <div className="mt-1 grid gap-2 sm:grid-cols-2">
        {options.map(([v, title, sub]) => (
          <label key={v} className="flex cursor-pointer gap-2 rounded-xl border border-slate-700 p-2.5 has-[:checked]:border-brand-400">
            <input type="radio" name={name} value={v} checked={value === v} onChange={() => onChange(v)} className="mt-1 accent-emerald-500" />
            <span>
              <span className="block text-sm font-medium">{title}</span>
              <span className="block text-xs text-slate-400">{sub}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export const buttonClass = {
  primary:
    'inline-flex min-h-11 items-center justify-center rounded-xl bg-brand-500 px-4 py-2.5 font-semibold text-slate-950 transition hover:bg-brand-400 disabled:cursor-not-allowed disabled:bg-slate-700 disabled:text-slate-400',
  secondary:
    'inline-flex min-h-11 items-center justify-center rounded-xl border border-slate-700 bg-slate-800 px-4 py-2.5 font-medium text-slate-100 transition hover:bg-slate-700 disabled:cursor-not-allowed disabled:opacity-50',
  ghost: 'inline-flex min-h-9 items-center justify-center rounded-lg px-3 py-1.5 text-sm text-slate-300 hover:bg-slate-800 hover:text-white',
};

export const inputClass =
  'tabular w-full rounded-xl border border-slate-700 bg-slate-950 px-3 py-2.5 text-base text-white placeholder:text-slate-500 focus:border-brand-400 focus:outline-none aria-[invalid=true]:border-rose-400';

/**
 * The frame the administration pages share (products, facilities, users): a title with a "new" button, a notice
 * line, the panel that is open (new or one record), a search toolbar kept in the URL (a text fragment applied on
 * submit, selects applied at once) and a paged list with its loading, error and empty states.
 */
import { useState, type ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { Pager } from "../components/Pager";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { useSearchState } from "../components/useSearchState";

/** Rows a list page shows at once. */
export const ADMIN_PAGE_SIZE = 50;

/** The panel open on an admin page ("new", one record, or none) and the notice of the last thing done. */
export function useAdminPanel<T>() {
  const [panel, setPanel] = useState<"new" | T | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Shows what was done and closes the panel. */
  const done = (text: string) => {
    setNotice(text);
    setPanel(null);
  };
  return { panel, setPanel, notice, setNotice, done };
}

/** The page shell: title, intro and "new" button, then the notice line (read out when it changes), then the rest. */
export function AdminPageShell(props: {
  className: string;
  title: string;
  intro: string;
  newLabel: string;
  onNew: () => void;
  notice: string | null;
  children: ReactNode;
}) {
  return (
    <div className={`page ${props.className}`}>
      <div className="page-head">
        <div>
          <h1>{props.title}</h1>
          <p className="muted">{props.intro}</p>
        </div>
        <button type="button" className="button button-primary" onClick={props.onNew}>
          {props.newLabel}
        </button>
      </div>
      <p className="notice" role="status" aria-live="polite" data-testid="notice">
        {props.notice}
      </p>
      {props.children}
    </div>
  );
}

/** The search toolbar: a text fragment `q` (applied on submit), then `children` (selects applied at once). */
export function SearchToolbar(props: {
  /** The text field's id (its label points at it) */
  id: string;
  /** The form's accessible name */
  label: string;
  qLabel: string;
  submitLabel: string;
  children?: ReactNode;
}) {
  const [params, update] = useSearchState();
  const [q, setQ] = useState(params.get("q") ?? "");
  return (
    <form
      className="toolbar"
      role="search"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        update({ q: q.trim() || null, page: null });
      }}
    >
      <div className="field">
        <label htmlFor={props.id}>{props.qLabel}</label>
        <input id={props.id} value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </div>
      {props.children}
      <button type="submit" className="button button-primary">
        {props.submitLabel}
      </button>
    </form>
  );
}

/** The offset of the URL's `page` (1-based; anything else is the first page). */
export function usePageOffset(pageSize = ADMIN_PAGE_SIZE): number {
  const [params] = useSearchState();
  return Math.max(0, (Number(params.get("page") ?? "1") - 1) * pageSize) || 0;
}

/**
 * A page of a list: loading, error (with retry) or empty state, else the count, the rows (`children`, given the
 * items) and the pager that moves the URL's `page`.
 */
export function PagedList<T>(props: {
  query: UseQueryResult<{ items: T[]; total: number }>;
  offset: number;
  empty: string;
  /** "12 products" */
  count: (total: number) => string;
  /** The pager's accessible name */
  label: string;
  children: (items: T[]) => ReactNode;
  pageSize?: number;
}) {
  const [, update] = useSearchState();
  const { query, offset } = props;
  const pageSize = props.pageSize ?? ADMIN_PAGE_SIZE;
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyState>{props.empty}</EmptyState>;
  return (
    <div className={query.isPlaceholderData ? "is-stale" : undefined}>
      <p className="muted small">{props.count(query.data.total)}</p>
      {props.children(query.data.items)}
      <Pager
        offset={offset}
        count={query.data.items.length}
        total={query.data.total}
        pageSize={pageSize}
        onPage={(o) => update({ page: String(o / pageSize + 1) })}
        label={props.label}
      />
    </div>
  );
}

/** Previous / next paging with "rows x to y of z", announced politely to screen readers. */
import { useTranslation } from "react-i18next";

/** Props: where the page starts, how many rows it shows, the total, and how to move. */
export interface PagerProps {
  offset: number;
  count: number;
  total: number;
  pageSize: number;
  onPage: (offset: number) => void;
  label: string;
}

/** The pager under a table; hidden when everything fits on one page. */
export function Pager({ offset, count, total, pageSize, onPage, label }: PagerProps) {
  const { t } = useTranslation();
  if (total <= pageSize && offset === 0) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button"
        disabled={offset === 0}
        onClick={() => onPage(Math.max(0, offset - pageSize))}
      >
        ← {t("common.previous")}
      </button>
      <span className="muted small" aria-live="polite">
        {t("common.range", { from: total === 0 ? 0 : offset + 1, to: offset + count, total })}
      </span>
      <button
        type="button"
        className="button"
        disabled={offset + pageSize >= total}
        onClick={() => onPage(offset + pageSize)}
      >
        {t("common.next")} →
      </button>
    </nav>
  );
}

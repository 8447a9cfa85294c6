/** The report's lines, a page at a time: filter by programme, search by name, only the lines with a balance mismatch. */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Programme } from "@shared/contracts/reference";
import { Pager } from "../../components/Pager";
import { EmptyState } from "../../components/States";
import { filterLines, type LineEdit, type LineFilter, type LineState, type ReportDraft } from "./reportDraft";
import { ReportLineRow } from "./ReportLineRow";
import { programmeName } from "../../i18n/keys";

/** Lines per page (a CSCom reports about 200 products). */
export const PAGE_SIZE = 25;

/** Props: the month, the line states, whether they can be edited, the draft, and the catalogue bits the table shows. */
export interface ReportLinesTableProps {
  period: string;
  states: LineState[];
  editable: boolean;
  draft: ReportDraft;
  onDraft: (draft: ReportDraft) => void;
  strengthOf: Map<number, string>;
  programmes: Programme[];
}

/** The filter bar of the lines. */
function LineFilters({
  filter,
  onFilter,
  programmes,
}: {
  filter: LineFilter;
  onFilter: (f: LineFilter) => void;
  programmes: Programme[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="toolbar report-filters" role="search" aria-label={t("monthlyReport.filters")}>
      <div className="field">
        <label htmlFor="report-programme">{t("monthlyReport.programme")}</label>
        <select
          id="report-programme"
          value={filter.programme}
          onChange={(e) => onFilter({ ...filter, programme: e.target.value })}
        >
          <option value="">{t("monthlyReport.allProgrammes")}</option>
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {programmeName(p, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor="report-search">{t("monthlyReport.search")}</label>
        <input
          id="report-search"
          type="search"
          value={filter.query}
          placeholder={t("monthlyReport.searchPlaceholder")}
          autoComplete="off"
          onChange={(e) => onFilter({ ...filter, query: e.target.value })}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.mismatchOnly}
          onChange={(e) => onFilter({ ...filter, mismatchOnly: e.target.checked })}
        />
        {t("monthlyReport.mismatchOnly")}
      </label>
    </div>
  );
}

/** One page of lines: a tbody per line (the line, and D's detail by reason under it when open). */
function ReportTable(props: {
  period: string;
  page: LineState[];
  strengthOf: Map<number, string>;
  editable: boolean;
  draft: ReportDraft;
  onEdit: (lineId: number, change: LineEdit) => void;
  open: Set<number>;
  onToggle: (lineId: number) => void;
}) {
  const { period, page, strengthOf, editable, draft, onEdit: edit, open, onToggle: toggle } = props;
  const { t } = useTranslation();
  return (
    <div className="table-scroll report-scroll" tabIndex={0} role="region" aria-label={t("monthlyReport.linesTitle")}>
      <table className="table report-table" data-testid="report-lines">
        <caption className="visually-hidden">{t("monthlyReport.caption", { period })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("order.product")}</th>
            {(["opening", "received", "consumed", "adjustments", "closing", "stockoutDays", "mismatch"] as const).map(
              (c) => (
                <th key={c} scope="col" className="num">
                  <abbr title={t(`monthlyReport.colHint.${c}`)}>{t(`monthlyReport.col.${c}`)}</abbr>
                </th>
              ),
            )}
          </tr>
        </thead>
        {page.map((s) => (
          <ReportLineRow
            key={s.line.id}
            state={s}
            strength={strengthOf.get(s.line.productId) ?? ""}
            editable={editable}
            edit={draft[s.line.id]}
            onEdit={(change) => edit(s.line.id, change)}
            open={open.has(s.line.id)}
            onToggle={() => toggle(s.line.id)}
          />
        ))}
      </table>
    </div>
  );
}

/** The lines table. */
export function ReportLinesTable({
  period,
  states,
  editable,
  draft,
  onDraft,
  strengthOf,
  programmes,
}: ReportLinesTableProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<LineFilter>({ programme: "", query: "", mismatchOnly: false });
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const shown = useMemo(() => filterLines(states, filter), [states, filter]);
  const start = Math.min(offset, Math.max(0, Math.floor((shown.length - 1) / PAGE_SIZE) * PAGE_SIZE));
  const page = shown.slice(start, start + PAGE_SIZE);
  const edit = (lineId: number, change: LineEdit) => onDraft({ ...draft, [lineId]: change });
  const toggle = (id: number) =>
    setOpen((prev) => new Set(prev.has(id) ? [...prev].filter((x) => x !== id) : [...prev, id]));
  const onFilter = (f: LineFilter) => {
    setFilter(f);
    setOffset(0);
  };

  return (
    <section className="report-lines" aria-labelledby="report-lines-title">
      <div className="section-head">
        <h3 id="report-lines-title">{t("monthlyReport.linesTitle")}</h3>
        <span className="muted small" aria-live="polite" data-testid="lines-shown">
          {t("monthlyReport.linesShown", { count: shown.length, total: states.length })}
        </span>
      </div>
      <LineFilters filter={filter} onFilter={onFilter} programmes={programmes} />
      {states.length === 0 ? (
        <EmptyState>{t("monthlyReport.noLines")}</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState>{t("monthlyReport.noMatch")}</EmptyState>
      ) : (
        <ReportTable
          period={period}
          page={page}
          strengthOf={strengthOf}
          editable={editable}
          draft={draft}
          onEdit={edit}
          open={open}
          onToggle={toggle}
        />
      )}
      <Pager
        offset={start}
        count={page.length}
        total={shown.length}
        pageSize={PAGE_SIZE}
        onPage={setOffset}
        label={t("monthlyReport.pager")}
      />
    </section>
  );
}

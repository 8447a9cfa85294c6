/** The order's lines: the numbers behind each suggestion, the approved quantity (editable while under review) and "Pourquoi ?". */
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { EmergencyBadge } from "../../components/Badges";
import { formatMonths, formatNumber } from "../../i18n/format";
import { explanationText } from "../../i18n/keys";
import { DataTable, type Columns } from "../../lib/table/DataTable";
import { draftProblems, type ApprovalDraft, type LineProblems } from "./approvalDraft";
import { ApprovedQtyCell } from "./ApprovedQtyCell";
import { PackNote, suggestedPacks } from "./packs";
import { RequestedQtyCell } from "./RequestedQtyCell";
import type { RequestDraft } from "./requestDraft";
import { SHIPPED_STATUSES } from "@shared/domain/orders";

type Line = Order["lines"][number];
const FILTERS = ["withQty", "all", "emergency", "changed"] as const;
type LineFilter = (typeof FILTERS)[number];

function keep(line: Line, filter: LineFilter, draft: ApprovalDraft): boolean {
  const changed =
    (draft[line.id] !== undefined && draft[line.id]!.qty.trim() !== String(line.requestedQty)) ||
    (line.approvedQty !== null && line.approvedQty !== line.requestedQty);
  if (filter === "all") return true;
  if (filter === "emergency") return line.emergency;
  if (filter === "changed") return changed;
  return line.suggestedQty > 0 || line.requestedQty > 0 || (line.approvedQty ?? 0) > 0 || line.emergency || changed;
}

/** The explanation steps of a line in the interface language. */
function Explanation({ line, id }: { line: Line; id: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div id={id} className="explanation" data-testid="explanation">
      <p className="small muted">{t("order.whyIntro", { name: line.genericName })}</p>
      <ol>
        {line.explanation.map((step, i) => (
          <li key={`${step.key}-${i}`} data-step={step.key}>
            {explanationText(t, step, i18n.language)}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Props: the order, whether approved quantities can be edited, and the draft of edits. */
export interface OrderLinesTableProps {
  order: Order;
  editable: boolean;
  draft: ApprovalDraft;
  onDraft: (draft: ApprovalDraft) => void;
  /** Show the problems of the edits (after an approval attempt) */
  showProblems: boolean;
  /** The requester's typed quantities while the order is a draft (or rejected); absent when the requested quantities are read-only */
  requestEdit?: { draft: RequestDraft; onDraft: (draft: RequestDraft) => void } | undefined;
}

/** The product cell: name, code and pack size, "Pourquoi ?" and the emergency badge. */
function ProductCell({ line, expanded, onToggle }: { line: Line; expanded: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {line.genericName}
      <span className="muted small">
        {line.productCode} · {t("stock.packSize", { size: formatNumber(line.packSize, i18n.language) })}
      </span>
      <span className="product-actions">
        <button
          type="button"
          className="button button-small"
          aria-expanded={expanded}
          aria-controls={`why-${line.id}`}
          onClick={onToggle}
          aria-label={t("order.whyFor", { name: line.genericName })}
        >
          {t("order.why")}
        </button>
        {line.emergency && <EmergencyBadge />}
      </span>
    </>
  );
}

/** What the columns need besides the line. */
interface ColumnContext extends Omit<OrderLinesTableProps, "showProblems"> {
  problems: Map<number, LineProblems>;
  open: Set<number>;
  toggle: (id: number) => void;
}

/** The figures of a line: AMC, stock (in transit), months of stock, suggestion. */
function figureColumns(lang: string, t: TFunction): Columns<Line> {
  return [
    {
      id: "amc",
      header: <abbr title={t("stock.amcHint")}>{t("stock.amc")}</abbr>,
      headerText: t("stock.amcHint"),
      numeric: true,
      cell: (l) => formatNumber(l.amc, lang),
    },
    {
      id: "stock",
      header: t("order.stock"),
      numeric: true,
      cell: (l) => (
        <>
          {formatNumber(l.stockOnHand, lang)}
          {l.inTransit > 0 && (
            <span className="muted small block">{t("order.inTransit", { qty: formatNumber(l.inTransit, lang) })}</span>
          )}
        </>
      ),
    },
    { id: "mos", header: t("stock.mos"), numeric: true, cell: (l) => formatMonths(l.monthsOfStock, lang) },
    {
      id: "suggested",
      header: t("order.suggested"),
      numeric: true,
      cell: (l) => (
        <>
          {formatNumber(l.suggestedQty, lang)}
          <PackNote packs={suggestedPacks(l)} size={l.packSize} />
        </>
      ),
    },
  ];
}

/** Product, VEN, the figures, requested (editable by the requester), approved (editable under review), shipped. */
function useLineColumns(c: ColumnContext): Columns<Line> {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const shipped = (SHIPPED_STATUSES as readonly string[]).includes(c.order.status);
  const { requestEdit, draft, onDraft } = c;
  return [
    {
      id: "product",
      header: t("order.product"),
      rowHeader: true,
      className: "product-cell",
      cell: (l) => <ProductCell line={l} expanded={c.open.has(l.id)} onToggle={() => c.toggle(l.id)} />,
    },
    {
      id: "ven",
      header: "VEN",
      cell: (l) => (
        <span className={`ven ven-${l.ven}`} title={t(`ven.${l.ven}`)}>
          {l.ven}
        </span>
      ),
    },
    ...figureColumns(lang, t),
    {
      id: "requested",
      header: t("order.requested"),
      numeric: true,
      cell: (l) =>
        requestEdit ? (
          <RequestedQtyCell
            line={l}
            text={requestEdit.draft[l.id]}
            onText={(text) =>
              requestEdit.onDraft(
                text === null ? omitRequest(requestEdit.draft, l.id) : { ...requestEdit.draft, [l.id]: text },
              )
            }
          />
        ) : (
          formatNumber(l.requestedQty, lang)
        ),
    },
    {
      id: "approved",
      header: t("order.approved"),
      numeric: true,
      className: "approved-col",
      headerClassName: "approved-col",
      cell: (l) => (
        <ApprovedQtyCell
          line={l}
          editable={c.editable}
          edit={draft[l.id]}
          problems={c.problems.get(l.id)}
          onEdit={(edit) => onDraft(edit === null ? omit(draft, l.id) : { ...draft, [l.id]: edit })}
        />
      ),
    },
    shipped && {
      id: "shipped",
      header: t("order.shipped"),
      numeric: true,
      cell: (l) => (
        <>
          {formatNumber(l.shippedQty, lang)}
          {l.shortfallQty > 0 && (
            <span className="warn-text small block">
              {t(`order.shortfallShort_${l.shortfallAction ?? "backorder"}`, {
                qty: formatNumber(l.shortfallQty, lang),
              })}
            </span>
          )}
        </>
      ),
    },
  ];
}

/** The quick filters of the lines and the count shown. */
function LineFilters({
  filter,
  onFilter,
  shown,
  total,
}: {
  filter: LineFilter;
  onFilter: (f: LineFilter) => void;
  shown: number;
  total: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="section-head">
      <h2 id="lines-title">{t("order.linesTitle")}</h2>
      <div className="segmented" role="group" aria-label={t("order.lineFilter")}>
        {FILTERS.map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => onFilter(f)}>
            {t(`order.filter.${f}`)}
          </button>
        ))}
      </div>
      <span className="muted small" aria-live="polite">
        {t("order.linesShown", { count: shown, total })}
      </span>
    </div>
  );
}

/** The lines table with its quick filters. */
export function OrderLinesTable(props: OrderLinesTableProps) {
  const { order, editable, draft, showProblems, requestEdit } = props;
  const { t } = useTranslation();
  const [filter, setFilter] = useState<LineFilter>("withQty");
  const [open, setOpen] = useState<Set<number>>(new Set());
  const problems = showProblems ? draftProblems(order, draft) : new Map<number, LineProblems>();
  const lines = order.lines.filter(
    (l) => keep(l, filter, draft) || (requestEdit?.draft[l.id] !== undefined && filter !== "emergency"),
  );
  const toggle = (id: number) =>
    setOpen((prev) => new Set(prev.has(id) ? [...prev].filter((x) => x !== id) : [...prev, id]));
  const columns = useLineColumns({ ...props, problems, open, toggle });
  return (
    <section className="order-lines" aria-labelledby="lines-title">
      <LineFilters filter={filter} onFilter={setFilter} shown={lines.length} total={order.lines.length} />
      {editable && <p className="note">{t("order.editHint")}</p>}
      {requestEdit && <p className="note">{t("orderRequest.editHint")}</p>}
      <DataTable
        columns={columns}
        rows={lines}
        rowKey={(l) => l.id}
        label={t("order.linesTitle")}
        className="lines-table"
        scrollClassName="lines-scroll"
        testId="order-lines"
        empty={t("order.noLines")}
        rowProps={(l) => ({
          "data-line-id": l.id,
          "data-product-code": l.productCode,
          className: l.emergency ? "is-emergency" : undefined,
        })}
        subRow={(l) => (open.has(l.id) ? <Explanation line={l} id={`why-${l.id}`} /> : null)}
      />
    </section>
  );
}

function omit(draft: ApprovalDraft, id: number): ApprovalDraft {
  const next = { ...draft };
  delete next[id];
  return next;
}

function omitRequest(draft: RequestDraft, id: number): RequestDraft {
  const next = { ...draft };
  delete next[id];
  return next;
}

/** The order's lines: the numbers behind each suggestion, the approved quantity (editable while under review) and "Pourquoi ?". */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Order } from "@shared/contracts/replenishment";
import { EmergencyBadge } from "../../components/Badges";
import { EmptyState } from "../../components/States";
import { formatMonths, formatNumber } from "../../i18n/format";
import { draftProblems, type ApprovalDraft, type LineProblems } from "./approvalDraft";
import { ApprovedQtyCell } from "./ApprovedQtyCell";
import { PackNote, suggestedPacks } from "./packs";
import { RequestedQtyCell } from "./RequestedQtyCell";
import type { RequestDraft } from "./requestDraft";

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
            {i18n.language === "en" ? step.en : step.fr}
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

/** The lines table with its quick filters. */
export function OrderLinesTable({ order, editable, draft, onDraft, showProblems, requestEdit }: OrderLinesTableProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filter, setFilter] = useState<LineFilter>("withQty");
  const [open, setOpen] = useState<Set<number>>(new Set());
  const problems = showProblems ? draftProblems(order, draft) : new Map<number, LineProblems>();
  const lines = order.lines.filter(
    (l) => keep(l, filter, draft) || (requestEdit?.draft[l.id] !== undefined && filter !== "emergency"),
  );
  const shipped = ["shipped", "delivered", "received"].includes(order.status);
  const columns = shipped ? 9 : 8;
  const toggle = (id: number) =>
    setOpen((prev) => new Set(prev.has(id) ? [...prev].filter((x) => x !== id) : [...prev, id]));

  return (
    <section className="order-lines" aria-labelledby="lines-title">
      <div className="section-head">
        <h2 id="lines-title">{t("order.linesTitle")}</h2>
        <div className="segmented" role="group" aria-label={t("order.lineFilter")}>
          {FILTERS.map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {t(`order.filter.${f}`)}
            </button>
          ))}
        </div>
        <span className="muted small" aria-live="polite">
          {t("order.linesShown", { count: lines.length, total: order.lines.length })}
        </span>
      </div>
      {editable && <p className="note">{t("order.editHint")}</p>}
      {requestEdit && <p className="note">{t("orderRequest.editHint")}</p>}
      {lines.length === 0 ? (
        <EmptyState>{t("order.noLines")}</EmptyState>
      ) : (
        <div className="table-scroll lines-scroll" tabIndex={0} role="region" aria-label={t("order.linesTitle")}>
          <table className="table lines-table" data-testid="order-lines">
            <thead>
              <tr>
                <th scope="col">{t("order.product")}</th>
                <th scope="col">VEN</th>
                <th scope="col" className="num">
                  <abbr title={t("stock.amcHint")}>{t("stock.amc")}</abbr>
                </th>
                <th scope="col" className="num">
                  {t("order.stock")}
                </th>
                <th scope="col" className="num">
                  {t("stock.mos")}
                </th>
                <th scope="col" className="num">
                  {t("order.suggested")}
                </th>
                <th scope="col" className="num">
                  {t("order.requested")}
                </th>
                <th scope="col" className="num approved-col">
                  {t("order.approved")}
                </th>
                {shipped && (
                  <th scope="col" className="num">
                    {t("order.shipped")}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => {
                const expanded = open.has(line.id);
                return [
                  <tr
                    key={line.id}
                    data-line-id={line.id}
                    data-product-code={line.productCode}
                    className={line.emergency ? "is-emergency" : undefined}
                  >
                    <th scope="row" className="product-cell">
                      {line.genericName}
                      <span className="muted small">
                        {line.productCode} · {t("stock.packSize", { size: formatNumber(line.packSize, lang) })}
                      </span>
                      <span className="product-actions">
                        <button
                          type="button"
                          className="button button-small"
                          aria-expanded={expanded}
                          aria-controls={`why-${line.id}`}
                          onClick={() => toggle(line.id)}
                          aria-label={t("order.whyFor", { name: line.genericName })}
                        >
                          {t("order.why")}
                        </button>
                        {line.emergency && <EmergencyBadge />}
                      </span>
                    </th>
                    <td>
                      <span className={`ven ven-${line.ven}`} title={t(`ven.${line.ven}`)}>
                        {line.ven}
                      </span>
                    </td>
                    <td className="num">{formatNumber(line.amc, lang)}</td>
                    <td className="num">
                      {formatNumber(line.stockOnHand, lang)}
                      {line.inTransit > 0 && (
                        <span className="muted small block">
                          {t("order.inTransit", { qty: formatNumber(line.inTransit, lang) })}
                        </span>
                      )}
                    </td>
                    <td className="num">{formatMonths(line.monthsOfStock, lang)}</td>
                    <td className="num">
                      {formatNumber(line.suggestedQty, lang)}
                      <PackNote packs={suggestedPacks(line)} size={line.packSize} />
                    </td>
                    <td className="num">
                      {requestEdit ? (
                        <RequestedQtyCell
                          line={line}
                          text={requestEdit.draft[line.id]}
                          onText={(text) =>
                            requestEdit.onDraft(
                              text === null
                                ? omitRequest(requestEdit.draft, line.id)
                                : { ...requestEdit.draft, [line.id]: text },
                            )
                          }
                        />
                      ) : (
                        formatNumber(line.requestedQty, lang)
                      )}
                    </td>
                    <td className="num approved-col">
                      <ApprovedQtyCell
                        line={line}
                        editable={editable}
                        edit={draft[line.id]}
                        problems={problems.get(line.id)}
                        onEdit={(edit) => onDraft(edit === null ? omit(draft, line.id) : { ...draft, [line.id]: edit })}
                      />
                    </td>
                    {shipped && (
                      <td className="num">
                        {formatNumber(line.shippedQty, lang)}
                        {line.shortfallQty > 0 && (
                          <span className="warn-text small block">
                            {t(`order.shortfallShort_${line.shortfallAction ?? "backorder"}`, {
                              qty: formatNumber(line.shortfallQty, lang),
                            })}
                          </span>
                        )}
                      </td>
                    )}
                  </tr>,
                  expanded ? (
                    <tr key={`${line.id}-why`} className="explain-row">
                      <td colSpan={columns}>
                        <Explanation line={line} id={`why-${line.id}`} />
                      </td>
                    </tr>
                  ) : null,
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
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

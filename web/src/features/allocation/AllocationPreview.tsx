/**
 * The rationing table of an allocation plan: each CSCom's need, months of stock, share (whole packs: the need
 * rounded up when stock covers it) and the depot it goes through, with the totals against what the source holds.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Product } from "@shared/contracts/reference";
import type { AllocationPlan } from "../../api/allocations";
import { formatMonths, formatNumber } from "../../i18n/format";
import { DataTable, type Columns } from "../../lib/table/DataTable";

type Share = AllocationPlan["shares"][number];

/** Need, available, allocated and facilities served, as tiles. */
function AllocationTotals({ plan, product }: { plan: AllocationPlan; product: Product }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const packs = Math.floor(plan.allocated / product.packSize);
  return (
    <ul className="tiles" data-testid="allocation-totals">
      <li className="tile">
        <strong>{n(plan.totalNeed)}</strong>
        <span>{t("allocation.totalNeed")}</span>
      </li>
      <li className={plan.available < plan.totalNeed ? "tile tile-danger" : "tile tile-ok"}>
        <strong>{n(plan.available)}</strong>
        <span>{t("allocation.available")}</span>
      </li>
      <li className="tile tile-accent">
        <strong>{n(plan.allocated)}</strong>
        <span>{t("allocation.allocated", { count: packs, packs: n(packs), size: n(product.packSize) })}</span>
      </li>
      <li className="tile">
        <strong>{plan.shares.filter((s) => s.quantity > 0).length}</strong>
        <span>{t("allocation.facilitiesServed", { total: plan.shares.length })}</span>
      </li>
    </ul>
  );
}

/** The columns of the shares: CSCom, AMC, stock, months of stock, need, quantity, packs, flag (all sortable but the flag). */
function useShareColumns(relayed: boolean): Columns<Share> {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number) => formatNumber(v, lang);
  return [
    {
      id: "cscom",
      header: t("review.cscom"),
      rowHeader: true,
      cell: (s) => s.facilityName,
      sortValue: (s) => s.facilityName,
    },
    relayed
      ? {
          id: "via",
          header: t("allocation.via"),
          cell: (s) => <span className="small">{s.viaFacilityName ?? "—"}</span>,
          sortValue: (s) => s.viaFacilityName ?? "",
        }
      : null,
    {
      id: "amc",
      header: <abbr title={t("stock.amcHint")}>{t("stock.amc")}</abbr>,
      headerText: t("stock.amcHint"),
      numeric: true,
      cell: (s) => n(s.amc),
      sortValue: (s) => s.amc,
    },
    {
      id: "stock",
      header: t("order.stock"),
      numeric: true,
      cell: (s) => n(s.stockOnHand),
      sortValue: (s) => s.stockOnHand,
    },
    {
      id: "mos",
      header: t("stock.mos"),
      numeric: true,
      cell: (s) => formatMonths(s.monthsOfStock, lang),
      sortValue: (s) => s.monthsOfStock,
    },
    { id: "need", header: t("allocation.need"), numeric: true, cell: (s) => n(s.need), sortValue: (s) => s.need },
    {
      id: "quantity",
      header: t("allocation.quantity"),
      numeric: true,
      cell: (s) => <strong>{n(s.quantity)}</strong>,
      sortValue: (s) => s.quantity,
    },
    { id: "packs", header: t("allocation.packs"), numeric: true, cell: (s) => n(s.packs), sortValue: (s) => s.packs },
    {
      id: "flag",
      header: t("allocation.flag"),
      cell: (s) =>
        s.quantity < s.need ? (
          <span className="badge badge-under">{t("allocation.rowRationed")}</span>
        ) : s.quantity > s.need ? (
          <span className="muted small">{t("allocation.rowRounded")}</span>
        ) : null,
    },
  ];
}

/** The totals row of the table. */
function SharesFooter({ plan, relayed }: { plan: AllocationPlan; relayed: boolean }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <tr>
      <th scope="row">{t("allocation.total")}</th>
      <td colSpan={relayed ? 4 : 3} />
      <td className="num">
        <strong>{n(plan.totalNeed)}</strong>
      </td>
      <td className="num">
        <strong>{n(plan.allocated)}</strong>
      </td>
      <td className="num">
        <strong>{n(plan.shares.reduce((sum, s) => sum + s.packs, 0))}</strong>
      </td>
      <td className="small muted">{t("allocation.ofAvailable", { qty: n(plan.available) })}</td>
    </tr>
  );
}

/** Plan summary and table; CSComs without need are hidden unless asked for. */
export function AllocationPreview({ plan, product }: { plan: AllocationPlan; product: Product }) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const shares = showAll ? plan.shares : plan.shares.filter((s) => s.need > 0 || s.quantity > 0);
  const relayed = plan.shares.some((s) => s.viaFacilityId !== null);
  const columns = useShareColumns(relayed);
  return (
    <>
      <div className="section-head">
        <h2 id="allocation-preview-title">
          {t("allocation.previewTitle", { name: `${product.genericName} ${product.strength}`.trim() })}
        </h2>
        {plan.rationed ? (
          <span className="badge badge-stockout">{t("allocation.rationed")}</span>
        ) : (
          <span className="badge badge-adequate">{t("allocation.notRationed")}</span>
        )}
      </div>
      <AllocationTotals plan={plan} product={product} />
      {relayed && (
        <p className="small" data-testid="allocation-relay">
          {t("allocation.relayHint")}
        </p>
      )}
      {plan.outsideSupplyChain > 0 && (
        <p className="small warn-text" data-testid="allocation-outside">
          {t("allocation.outside", { count: plan.outsideSupplyChain })}
        </p>
      )}
      <label className="check">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
        {t("allocation.showAll")}
      </label>
      <DataTable
        columns={columns}
        rows={shares}
        rowKey={(s) => s.facilityId}
        label={t("allocation.tableCaption")}
        caption={t("allocation.tableCaption")}
        testId="allocation-table"
        scrollClassName="lines-scroll"
        footer={<SharesFooter plan={plan} relayed={relayed} />}
      />
    </>
  );
}

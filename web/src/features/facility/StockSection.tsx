/** Stock part of the facility page: programme filter, positions table and the selected product's stock card. */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Programme } from "@shared/contracts/reference";
import type { StockPosition } from "@shared/contracts/stock";
import { useProgrammes } from "../../api/reference";
import { useStockPositions } from "../../api/stock";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatDate } from "../../i18n/format";
import { matchesWords } from "../../lib/search";
import { StockCardPanel } from "./StockCardPanel";
import { StockTable, productLabel } from "./StockTable";
import { programmeName as programmeLabel } from "../../i18n/keys";

const STATUSES: StockPosition["status"][] = ["stockout", "under", "adequate", "over", "unknown"];

/** Lower-case without accents, so "paracetamol" finds "Paracétamol". */
/** Props: the facility, the chosen programme and product, and how to change them. */
export interface StockSectionProps {
  facilityId: string;
  programme: string | null;
  productId: number | null;
  onProgramme: (code: string | null) => void;
  onProduct: (productId: number | null) => void;
}

/** The filters above the table: programme (in the URL), status and search (on the page). */
function StockToolbar(props: {
  programmes: Programme[];
  programme: string | null;
  onProgramme: (code: string | null) => void;
  status: StockPosition["status"] | "";
  onStatus: (status: StockPosition["status"] | "") => void;
  query: string;
  onQuery: (query: string) => void;
}) {
  const { programmes, programme, onProgramme, status, onStatus, query, onQuery } = props;
  const { t, i18n } = useTranslation();
  return (
    <div className="stock-toolbar">
      <h2 id="stock-title">{t("stock.title")}</h2>
      <label className="inline-field">
        <span>{t("stock.programme")}</span>
        <select
          value={programme ?? ""}
          onChange={(e) => onProgramme(e.target.value || null)}
          data-testid="programme-filter"
        >
          <option value="">{t("stock.allProgrammes")}</option>
          {programmes.map((p) => (
            <option key={p.code} value={p.code}>
              {programmeLabel(p, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t("stock.status")}</span>
        <select
          value={status}
          onChange={(e) => onStatus(e.target.value as StockPosition["status"] | "")}
          data-testid="status-filter"
        >
          <option value="">{t("stock.allStatuses")}</option>
          {STATUSES.map((code) => (
            <option key={code} value={code}>
              {t(`status.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t("stock.search")}</span>
        <input
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          placeholder={t("stock.searchPlaceholder")}
          autoComplete="off"
        />
      </label>
    </div>
  );
}

/** Programme filter + stock table + stock card. */
export function StockSection({ facilityId, programme, productId, onProgramme, onProduct }: StockSectionProps) {
  const { t, i18n } = useTranslation();
  const programmes = useProgrammes();
  const stock = useStockPositions(facilityId, programme);
  const programmeName = (code: string) => {
    const p = programmes.data?.find((x) => x.code === code);
    return p ? programmeLabel(p, i18n.language) : code;
  };
  const selected = stock.data?.items.find((p) => p.productId === productId) ?? null;
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState<StockPosition["status"] | "">("");
  const items = useMemo(() => {
    return (stock.data?.items ?? []).filter(
      (p) => (!status || p.status === status) && matchesWords(`${productLabel(p)} ${p.productCode}`, query),
    );
  }, [stock.data, query, status]);

  return (
    <section className="stock" aria-labelledby="stock-title">
      <StockToolbar
        programmes={programmes.data ?? []}
        programme={programme}
        onProgramme={onProgramme}
        status={status}
        onStatus={setStatus}
        query={query}
        onQuery={setQuery}
      />
      {stock.data && (
        <p className="muted small">
          {t("stock.asOf", {
            date: formatDate(stock.data.asOf),
            months: stock.data.amcMonths,
            min: stock.data.policy.minMonths,
            max: stock.data.policy.maxMonths,
          })}{" "}
          · {t("stock.count", { count: items.length, total: stock.data.items.length })}
        </p>
      )}
      {stock.isPending ? (
        <Loading />
      ) : stock.isError ? (
        <ErrorState error={stock.error} onRetry={() => void stock.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState>{programme || status || query ? t("stock.empty") : t("stock.emptyAll")}</EmptyState>
      ) : (
        <div className={stock.isPlaceholderData ? "is-stale" : undefined}>
          <StockTable
            items={items}
            selectedId={productId}
            onSelect={(id) => onProduct(id === productId ? null : id)}
            programmeName={programmeName}
          />
        </div>
      )}
      {selected && (
        <StockCardPanel
          key={selected.productId}
          facilityId={facilityId}
          position={selected}
          onClose={() => onProduct(null)}
        />
      )}
    </section>
  );
}

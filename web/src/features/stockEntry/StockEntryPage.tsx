/** Stock entry /mouvements: the storekeeper records a receipt, a loss or adjustment, or a physical count at a depot in their scope. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MovementResult } from "@shared/contracts/stock";
import { useProducts } from "../../api/reference";
import { useStockPositions } from "../../api/stock";
import { SheetsPanel } from "../../components/SheetsPanel";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { DepotPageHead } from "../../lib/depot/DepotPageHead";
import { useDepotChoice } from "../../lib/depot/useDepotChoice";
import { AdjustmentForm } from "./AdjustmentForm";
import { CountForm } from "./CountForm";
import { MovementConfirmation } from "./MovementConfirmation";
import { PeriodCloseCard } from "./PeriodCloseCard";
import { may } from "@shared/domain/access";
import { ReceiptForm } from "./ReceiptForm";
import { TransferForm } from "./TransferForm";
import "./stockEntry.css";

const KINDS = ["reception", "transfert", "ajustement", "inventaire"] as const;
type Kind = (typeof KINDS)[number];

/** The stock entry page. URL: ?depot=&saisie=reception|transfert|ajustement|inventaire */
export default function StockEntryPage() {
  const { t } = useTranslation();
  const [params, update] = useSearchState();
  const { me, facilities, districts, choices, depotId: facilityId, depot: facility } = useDepotChoice(params);
  const kind = (KINDS as readonly string[]).includes(params.get("saisie") ?? "")
    ? (params.get("saisie") as Kind)
    : "reception";
  const [done, setDone] = useState<{ result: MovementResult; productId: number } | null>(null);
  // Bumped after each write so the next form starts empty.
  const [round, setRound] = useState(0);

  if (facilities.isPending || districts.isPending) return <Loading />;
  if (facilities.isError) return <ErrorState error={facilities.error} onRetry={() => void facilities.refetch()} />;
  return (
    <div className="page stock-entry-page">
      <DepotPageHead
        eyebrow={t("stockEntry.eyebrow")}
        title={facility ? t("stockEntry.titleOf", { name: facility.name }) : t("stockEntry.title")}
        intro={t("stockEntry.intro")}
        choices={choices}
        depotId={facilityId}
        onDepot={(id) => {
          setDone(null);
          update({ depot: id });
        }}
        select={{ id: "entry-facility", label: t("stockEntry.facility") }}
      />
      {!facility ? (
        <EmptyState>{t("stockEntry.noFacility")}</EmptyState>
      ) : (
        <>
          <div className="segmented tabs" role="group" aria-label={t("stockEntry.kinds")}>
            {KINDS.map((k) => (
              <button
                key={k}
                type="button"
                aria-pressed={kind === k}
                data-kind={k}
                onClick={() => {
                  setDone(null);
                  update({ saisie: k === "reception" ? null : k });
                }}
              >
                {t(`stockEntry.kind.${k}`)}
              </button>
            ))}
          </div>
          {done ? (
            <MovementConfirmation
              result={done.result}
              facilityId={facility.id}
              productId={done.productId}
              onNext={() => {
                setDone(null);
                setRound((r) => r + 1);
              }}
            />
          ) : (
            <EntryForm
              key={`${facility.id}-${kind}-${round}`}
              kind={kind}
              facilityId={facility.id}
              onDone={(result, productId) => setDone({ result, productId })}
            />
          )}
          {may(me, "periods:close") && facility.level !== "cscom" && <PeriodCloseCard facilityId={facility.id} />}
        </>
      )}
      <SheetsPanel
        entities={["opening-stock"]}
        intro={t("stockEntry.sheetsIntro")}
        onDone={() => setRound((r) => r + 1)}
      />
    </div>
  );
}

/** The chosen form, with the data it needs (catalogue for a receipt, the facility's lots for the others). */
function EntryForm({
  kind,
  facilityId,
  onDone,
}: {
  kind: Kind;
  facilityId: string;
  onDone: (result: MovementResult, productId: number) => void;
}) {
  const { t } = useTranslation();
  const products = useProducts(null, kind === "reception");
  const stock = useStockPositions(facilityId, null, kind !== "reception");
  const query = kind === "reception" ? products : stock;
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (kind === "reception")
    return <ReceiptForm facilityId={facilityId} products={products.data ?? []} onDone={onDone} />;
  const positions = stock.data?.items ?? [];
  if (!positions.some((p) => p.lots.length > 0)) return <EmptyState>{t("stockEntry.noLots")}</EmptyState>;
  if (kind === "transfert") return <TransferForm facilityId={facilityId} positions={positions} onDone={onDone} />;
  return kind === "ajustement" ? (
    <AdjustmentForm facilityId={facilityId} positions={positions} onDone={onDone} />
  ) : (
    <CountForm facilityId={facilityId} positions={positions} onDone={onDone} />
  );
}

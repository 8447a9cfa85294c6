/** Inventaire: one product's lots with their quantity on hand; the counted quantities and the difference before sending. */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { MovementResult, StockPosition } from "@shared/contracts/stock";
import { usePhysicalCount } from "../../api/stock";
import { ActionError } from "../../components/ActionError";
import { formatNumber } from "../../i18n/format";
import { countedQtyProblem, fieldOfError, parseQty } from "./entryRules";
import { FieldMessage } from "./FieldMessage";
import { ProductPicker } from "./ProductPicker";

/** Props: the facility, its stock positions, and what to do with the answer. */
interface Props {
  facilityId: string;
  positions: StockPosition[];
  onDone: (result: MovementResult, productId: number) => void;
}

const lotKey = (l: { lotId: number; fundingSource: string }) => `${l.lotId}:${l.fundingSource}`;

/** The physical count form. */
export function CountForm({ facilityId, positions, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const send = usePhysicalCount();
  const [productId, setProductId] = useState<number | null>(null);
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const withLots = positions.filter((p) => p.lots.length > 0);
  const position = withLots.find((p) => p.productId === productId) ?? null;
  const lots = position?.lots ?? [];
  const lines = lots.filter((l) => (counted[lotKey(l)] ?? "").trim() !== "");
  const invalid = lots.some((l) => countedQtyProblem(counted[lotKey(l)] ?? "") !== null);
  const serverField = fieldOfError(send.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (invalid || lines.length === 0 || productId === null) return;
    const body = {
      facilityId,
      lines: lines.map((l) => ({
        lotId: l.lotId,
        fundingSource: l.fundingSource,
        countedQty: parseQty(counted[lotKey(l)]!)!,
      })),
    };
    send.mutate(body, { onSuccess: (result) => onDone(result, productId) });
  };
  /** The index of a lot among the lines sent, for server paths "lines.N…". */
  const lineIndex = (key: string) => lines.findIndex((l) => lotKey(l) === key);

  return (
    <form className="entry-form" onSubmit={onSubmit} noValidate aria-labelledby="count-title" data-testid="count-form">
      <h2 id="count-title">{t("stockEntry.count.title")}</h2>
      <p className="muted small">{t("stockEntry.count.hint")}</p>
      <div className="entry-fields">
        <ProductPicker
          products={withLots.map((p) => ({
            id: p.productId,
            code: p.productCode,
            genericName: p.genericName,
            strength: p.strength,
            form: p.form,
          }))}
          value={productId}
          onChange={(id) => {
            setProductId(id);
            setCounted({});
          }}
        />
      </div>
      {position && (
        <div className="table-scroll">
          <table className="table small count-table">
            <caption className="visually-hidden">{t("stockEntry.count.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("stockEntry.lot")}</th>
                <th scope="col">{t("stockEntry.expiry")}</th>
                <th scope="col">{t("stockEntry.fundingSource")}</th>
                <th scope="col" className="num">
                  {t("stockEntry.count.onHand", { unit: position.baseUnit })}
                </th>
                <th scope="col">{t("stockEntry.count.counted")}</th>
                <th scope="col" className="num">
                  {t("stockEntry.count.difference")}
                </th>
              </tr>
            </thead>
            <tbody>
              {lots.map((l) => {
                const key = lotKey(l);
                const text = counted[key] ?? "";
                const n = parseQty(text);
                const problem = countedQtyProblem(text);
                const diff = n !== null && problem === null ? n - l.qtyOnHand : null;
                const index = lineIndex(key);
                return (
                  <tr key={key} data-lot-id={l.lotId} data-lot-code={l.lotCode}>
                    <td>{l.lotCode}</td>
                    <td>{l.expiry}</td>
                    <td>{l.fundingSource}</td>
                    <td className="num">{formatNumber(l.qtyOnHand, lang)}</td>
                    <td>
                      <label className="visually-hidden" htmlFor={`count-${key}`}>
                        {t("stockEntry.count.countedOf", { lot: l.lotCode })}
                      </label>
                      <input
                        id={`count-${key}`}
                        inputMode="numeric"
                        value={text}
                        aria-invalid={problem !== null}
                        aria-describedby={`count-msg-${key}`}
                        onChange={(e) => setCounted((c) => ({ ...c, [key]: e.target.value }))}
                      />
                      <FieldMessage
                        id={`count-msg-${key}`}
                        problem={problem}
                        show={true}
                        error={send.error}
                        path={index >= 0 ? `lines.${index}` : undefined}
                      />
                    </td>
                    <td className="num" data-diff>
                      {diff === null ? (
                        "—"
                      ) : (
                        <span className={diff < 0 ? "entry-diff-neg" : diff > 0 ? "entry-diff-pos" : undefined}>
                          {diff > 0 ? "+" : ""}
                          {formatNumber(diff, lang)}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {tried && lines.length === 0 && (
        <p className="field-error" role="alert">
          {position ? t("stockEntry.invalid.noCount") : t("stockEntry.invalid.required")}
        </p>
      )}
      <div className="actions-row">
        {(serverField === null || !serverField.startsWith("lines.")) && <ActionError error={send.error} />}
        <button type="submit" className="button button-primary" disabled={send.isPending}>
          {send.isPending ? t("common.sending") : t("stockEntry.count.submit", { count: lines.length })}
        </button>
      </div>
    </form>
  );
}

/**
 * A write refused as implausible_quantity: the warning (each value against the facility's AMC or maximum stock,
 * and the factor) and a button that sends the same request again with confirmImplausible — the user confirms
 * what they typed, or corrects it. Renders nothing for any other outcome.
 */
import { useTranslation } from "react-i18next";
import { ImplausibleDetailsSchema, type ImplausibleItem } from "@shared/contracts/plausibility";
import { ApiError } from "../api/client";
import { formatNumber } from "../i18n/format";

/** The implausible values of a refused write, or null when the error is something else. */
export function implausibleItems(error: unknown): ImplausibleItem[] | null {
  if (!(error instanceof ApiError) || error.code !== "implausible_quantity") return null;
  const parsed = ImplausibleDetailsSchema.safeParse(error.details);
  return parsed.success ? parsed.data.items : null;
}

/** Props: the last write's error, how to resend it confirmed, and whether a send is under way; `label` names a value's field. */
interface Props {
  error: unknown;
  onConfirm: () => void;
  pending: boolean;
  label?: (item: ImplausibleItem) => string;
}

/** The warning card, or nothing. */
export function ImplausibleConfirm({ error, onConfirm, pending, label }: Props) {
  const { t, i18n } = useTranslation();
  const items = implausibleItems(error);
  if (!items) return null;
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <div className="implausible-warning" role="alert" data-testid="implausible-warning">
      <p>
        <strong>{t("implausible.title")}</strong>
      </p>
      <ul>
        {items.map((item) => (
          <li key={item.path}>
            {label ? `${label(item)} : ` : ""}
            {t(item.basis === "amc" ? "implausible.aboveAmc" : "implausible.aboveMax", {
              value: n(item.value),
              factor: n(item.factor),
              amc: n(item.amc),
              maxStock: n(item.maxStock),
              limit: n(item.limit),
            })}
          </li>
        ))}
      </ul>
      <p className="small">{t("implausible.hint")}</p>
      <button type="button" className="button button-warning" disabled={pending} onClick={onConfirm}>
        {pending ? t("common.sending") : t("implausible.confirm")}
      </button>
    </div>
  );
}

/** A write whose last request may be sent again, confirmed (a mutation of the entry forms). */
interface ConfirmableWrite<TVars, TData> {
  error: unknown;
  isPending: boolean;
  variables: TVars | undefined;
  mutate: (vars: TVars, options: { onSuccess: (data: TData) => void }) => void;
}

/** The warning of a write refused as implausible; its button sends the same request with confirmImplausible. */
export function ResendConfirmed<TVars extends object, TData>({
  write,
  onSuccess,
}: {
  write: ConfirmableWrite<TVars, TData>;
  onSuccess: (data: TData) => void;
}) {
  const confirm = () => {
    if (write.variables) write.mutate({ ...write.variables, confirmImplausible: true }, { onSuccess });
  };
  return <ImplausibleConfirm error={write.error} pending={write.isPending} onConfirm={confirm} />;
}

/** One indicator: its name, its value, what it was computed from, and a disclosure with its definition (keyboard and touch friendly). */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Props: the texts are already translated; `value` null shows "no data yet". */
export interface IndicatorCardProps {
  id: string;
  title: string;
  value: string | null;
  help: ReactNode;
  tip: string;
  tone?: "ok" | "warn" | "danger";
}

/** A card of the indicators panel. */
export function IndicatorCard({ id, title, value, help, tip, tone }: IndicatorCardProps) {
  const { t } = useTranslation();
  return (
    <article
      className={`indicator-card${tone ? ` tone-${tone}` : ""}`}
      data-testid={`indicator-${id}`}
      aria-labelledby={`indicator-${id}-title`}
    >
      <h3 id={`indicator-${id}-title`} className="indicator-title">
        {title}
      </h3>
      <p
        className={value && value.length > 9 ? "indicator-value indicator-value-long" : "indicator-value"}
        data-testid={`indicator-${id}-value`}
      >
        {value ?? <span className="muted">{t("indicators.noData")}</span>}
      </p>
      <p className="indicator-help" data-testid={`indicator-${id}-help`}>
        {help}
      </p>
      <details className="indicator-tip">
        <summary aria-label={t("indicators.explain", { name: title })}>?</summary>
        <p>{tip}</p>
      </details>
    </article>
  );
}

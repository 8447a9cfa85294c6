/** Before publishing a plan with a route without a driver or broken constraints: why, and "Publier quand même". */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { PublishWarnings, RoutePlan } from "@shared/contracts/routePlans";
import { routeLetter } from "../../lib/routePlan/routeView";

/** The confirmation panel (focused when it opens). */
export function PublishConfirm({
  plan,
  warnings,
  pending,
  onConfirm,
  onCancel,
}: {
  plan: RoutePlan;
  warnings: PublishWarnings;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const names = warnings.withoutDriver
    .map((id) => {
      const i = plan.routes.findIndex((r) => r.vehicleId === id);
      return i < 0 ? `#${id}` : `${routeLetter(i)} (${plan.routes[i]!.name})`;
    })
    .join(", ");
  return (
    <div
      ref={ref}
      className="publish-confirm"
      role="alertdialog"
      aria-labelledby="publish-confirm-title"
      tabIndex={-1}
      data-testid="publish-confirm"
    >
      <h2 id="publish-confirm-title">{t("plan.confirmTitle")}</h2>
      <ul>
        {warnings.withoutDriver.length > 0 && (
          <li data-reason="without_driver">
            {t("plan.withoutDriver", { count: warnings.withoutDriver.length, routes: names })}
          </li>
        )}
        {warnings.violations.length > 0 && (
          <li data-reason="violations">{t("plan.violations", { count: warnings.violations.length })}</li>
        )}
      </ul>
      <div className="actions-row actions-row-start">
        <button type="button" className="button button-primary" disabled={pending} onClick={onConfirm}>
          {t("plan.confirmPublish")}
        </button>
        <button type="button" className="button" disabled={pending} onClick={onCancel}>
          {t("fleet.cancel")}
        </button>
      </div>
    </div>
  );
}

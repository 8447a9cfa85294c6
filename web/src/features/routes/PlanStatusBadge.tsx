/** A plan's status: draft or published (text + colour). */
import { useTranslation } from "react-i18next";

/** Badge of a plan status. */
export function PlanStatusBadge({ status }: { status: "draft" | "published" }) {
  const { t } = useTranslation();
  return (
    <span className={`badge plan-status-${status}`} data-status={status}>
      {t(`routes.status.${status}`)}
    </span>
  );
}

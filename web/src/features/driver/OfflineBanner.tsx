/** The banner saying the screen shows the tablet's copy of the data, and from when. */
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import type { Freshness } from "./driverDay";

/** "Hors ligne — données du 22/11/2026 07:42" when offline or served from the cache; nothing when live. */
export function OfflineBanner({ freshness }: { freshness: Freshness }) {
  const { t } = useTranslation();
  if (!freshness.offline) return null;
  return (
    <div className="driver-offline" role="status" data-testid="offline-banner" data-as-of={freshness.asOf ?? undefined}>
      <strong>
        {freshness.asOf ? t("driver.offline", { date: formatDateTime(freshness.asOf) }) : t("driver.offlineUnknown")}
      </strong>
      <span>{t("driver.offlineHint")}</span>
    </div>
  );
}

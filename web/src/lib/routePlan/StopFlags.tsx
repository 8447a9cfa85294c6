/** The flags of a stop in words (never colour alone): cold chain, insecure zone, closed this season. */
import { useTranslation } from "react-i18next";

/** Badges after a facility's name; nothing when no flag is set. */
export function StopFlags({
  coldChain,
  insecure,
  closed = false,
}: {
  coldChain: boolean;
  insecure: boolean;
  closed?: boolean;
}) {
  const { t } = useTranslation();
  if (!coldChain && !insecure && !closed) return null;
  return (
    <span className="stop-flags">
      {coldChain && (
        <span className="badge flag-cold" data-flag="cold_chain">
          ❄ {t("routes.flag.coldChain")}
        </span>
      )}
      {insecure && (
        <span className="badge flag-insecure" data-flag="insecure">
          ⚠ {t("routes.flag.insecure")}
        </span>
      )}
      {closed && (
        <span className="badge flag-closed" data-flag="season_closed">
          {t("routes.flag.closed")}
        </span>
      )}
    </span>
  );
}

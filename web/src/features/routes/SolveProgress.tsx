/**
 * Progress of a solve. The solver searches until its deadline, so the bar is honest when driven by
 * the time elapsed over that deadline; past it, the server is storing the plan and the bar says so
 * (indeterminate) until the answer arrives.
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";

/** Milliseconds since `startedAt` (performance.now() time), refreshed every 100 ms while `running`. */
function useElapsed(startedAt: number | null, running: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(performance.now()), 100);
    return () => window.clearInterval(timer);
  }, [running]);
  return startedAt === null ? 0 : Math.max(0, now - startedAt);
}

/** The progress bar of a running solve. */
export function SolveProgress({ startedAt, deadlineMs }: { startedAt: number; deadlineMs: number }) {
  const { t, i18n } = useTranslation();
  const elapsed = useElapsed(startedAt, true);
  const searching = elapsed < deadlineMs;
  const seconds = (ms: number) => formatNumber(ms / 1000, i18n.language, 1);
  return (
    <div className="solve-progress" data-testid="solve-progress">
      {searching ? (
        <progress max={deadlineMs} value={elapsed} aria-label={t("routes.solve.progressLabel")} />
      ) : (
        <progress aria-label={t("routes.solve.progressLabel")} />
      )}
      {/* Only the phase is announced; the seconds would be read out every second. */}
      <p className="small">
        <span aria-live="polite">{searching ? t("routes.solve.searching") : t("routes.solve.saving")}</span>{" "}
        {searching && (
          <span aria-hidden="true">
            {t("routes.solve.seconds", {
              elapsed: seconds(Math.floor(elapsed / 1000) * 1000),
              total: seconds(deadlineMs),
            })}
          </span>
        )}
      </p>
    </div>
  );
}

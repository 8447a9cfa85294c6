/** The month at a glance: reports received on time / late / missing, orders to review, emergency lines. */
import { useTranslation } from "react-i18next";
import { summarize, type ReviewRow } from "./reviewModel";

/** Summary tiles above the review table (counts over every CSCom of the district, before filters). */
export function ReviewSummary({ rows }: { rows: ReviewRow[] }) {
  const { t } = useTranslation();
  const s = summarize(rows);
  const tiles = [
    { key: "cscoms", value: s.cscoms, tone: "" },
    { key: "onTime", value: s.onTime, tone: "ok" },
    { key: "late", value: s.late + s.draft, tone: s.late + s.draft > 0 ? "warn" : "" },
    { key: "missing", value: s.missing, tone: s.missing > 0 ? "danger" : "" },
    { key: "toReview", value: s.toReview, tone: s.toReview > 0 ? "accent" : "" },
    { key: "emergencyLines", value: s.emergencyLines, tone: s.emergencyLines > 0 ? "danger" : "" },
  ] as const;
  return (
    <ul className="tiles" aria-label={t("review.summary")} data-testid="review-summary">
      {tiles.map((tile) => (
        <li key={tile.key} className={tile.tone ? `tile tile-${tile.tone}` : "tile"}>
          <strong>{tile.value}</strong>
          <span>{t(`review.tile.${tile.key}`)}</span>
        </li>
      ))}
    </ul>
  );
}

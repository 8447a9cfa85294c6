/** Searchable side list of the network's facilities: links to each facility page and a "show on map" button. */
import { useDeferredValue, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LEVEL_STYLE, type MapLevel } from "../../map/levels";
import { searchWords } from "@shared/domain/text";
import type { FacilityEntry } from "./viewModels";

const MAX_ROWS = 60;
const LEVEL_RANK: Record<MapLevel, number> = { central: 0, regional: 1, district: 2, cscom: 3 };

/** The list under the legend; shows the best matches first (higher levels, then by name). */
export function FacilityList({
  entries,
  visible,
  onFocus,
}: {
  entries: FacilityEntry[];
  visible: ReadonlySet<MapLevel>;
  onFocus: (id: string) => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const matches = useMemo(() => {
    const words = searchWords(deferred);
    return entries
      .filter((e) => visible.has(e.level) && words.every((w) => e.haystack.includes(w)))
      .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.name.localeCompare(b.name, "fr"));
  }, [entries, visible, deferred]);

  return (
    <div className="facility-list">
      <label htmlFor={inputId}>{t("map.search")}</label>
      <input
        id={inputId}
        type="search"
        value={query}
        placeholder={t("map.searchPlaceholder")}
        onChange={(e) => setQuery(e.target.value)}
        autoComplete="off"
      />
      <p className="muted small" aria-live="polite">
        {t("map.results", { count: matches.length })}
      </p>
      {matches.length === 0 ? (
        <p className="state state-empty">{t("map.noResults")}</p>
      ) : (
        <ul className="facility-items" data-testid="facility-list">
          {matches.slice(0, MAX_ROWS).map((e) => (
            <li key={e.id} data-level={e.level}>
              <span className="swatch" style={{ background: LEVEL_STYLE[e.level].colour }} aria-hidden="true" />
              <Link to={`/facilities/${encodeURIComponent(e.id)}`} className="facility-link">
                <span className="facility-name">{e.name}</span>
                <span className="facility-place">
                  {t(`level.${e.level}`)} · {[e.districtName, e.regionName].filter(Boolean).join(", ")}
                </span>
              </Link>
              <button
                type="button"
                className="icon-button"
                onClick={() => onFocus(e.id)}
                aria-label={t("map.showOnMap", { name: e.name })}
                title={t("map.showOnMap", { name: e.name })}
              >
                <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                  <circle cx="12" cy="12" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
                  <circle cx="12" cy="12" r="2.5" fill="currentColor" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      {matches.length > MAX_ROWS && (
        <p className="muted small">{t("map.moreResults", { count: matches.length - MAX_ROWS })}</p>
      )}
    </div>
  );
}

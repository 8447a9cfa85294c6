/** Legend of the network map that doubles as the level filter: one checkbox per level, with its count. */
import { useTranslation } from "react-i18next";
import { LEVEL_STYLE, MAP_LEVELS, type MapLevel } from "../../map/levels";

/** Checkbox legend; `onChange` receives the new set of visible levels. */
export function LevelFilter(props: {
  counts: Record<MapLevel, number>;
  visible: ReadonlySet<MapLevel>;
  onChange: (next: ReadonlySet<MapLevel>) => void;
  shown: number;
  total: number;
}) {
  const { t } = useTranslation();
  const { counts, visible, onChange, shown, total } = props;
  const toggle = (level: MapLevel) => {
    const next = new Set(visible);
    if (next.has(level)) next.delete(level);
    else next.add(level);
    onChange(next);
  };
  return (
    <fieldset className="legend" data-testid="legend">
      <legend>{t("map.legend")}</legend>
      {MAP_LEVELS.map((level) => (
        <label key={level} className="legend-item">
          <input
            type="checkbox"
            name="level"
            value={level}
            checked={visible.has(level)}
            onChange={() => toggle(level)}
          />
          <span
            className="swatch"
            style={{
              background: LEVEL_STYLE[level].colour,
              width: LEVEL_STYLE[level].radiusPx * 2,
              height: LEVEL_STYLE[level].radiusPx * 2,
            }}
            aria-hidden="true"
          />
          <span className="legend-label">{t(`level.${level}`)}</span>
          <span className="legend-count" data-level-count={level}>
            {counts[level]}
          </span>
        </label>
      ))}
      <p className="legend-total" aria-live="polite">
        {t("map.shown", { count: shown, total })}
      </p>
    </fieldset>
  );
}

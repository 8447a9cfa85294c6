/** Home page "Carte du réseau": every facility on Mali's region map, filtered by level, with a searchable list. */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useBoundaries, useConfig, useDistricts, useFacilities, useRegions } from "../../api/reference";
import { ErrorState, Loading } from "../../components/States";
import { MapView } from "../../map/MapView";
import { interiorPoint } from "../../map/geometry";
import type { BoundaryCollection, MapLabel } from "../../map/types";
import { mapAttributionHtml } from "../../map/attributions";
import { FacilityList } from "./FacilityList";
import { LevelFilter } from "./LevelFilter";
import { MAP_LEVELS, type MapLevel } from "../../map/levels";
import { countByLevel, toEntries, toPoints } from "./viewModels";

/** One label per region polygon, placed well inside it (capitals carry the regional warehouse markers). */
function regionLabels(boundaries: BoundaryCollection | undefined): MapLabel[] {
  return (boundaries?.features ?? []).flatMap((f) => {
    const point = interiorPoint(f.geometry);
    return point ? [{ id: f.properties.id, lon: point[0], lat: point[1], text: f.properties.name }] : [];
  });
}

/** The network map page at "/". */
export default function NetworkMapPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const config = useConfig();
  const boundaries = useBoundaries();
  const regions = useRegions();
  const districts = useDistricts();
  const facilities = useFacilities();
  const [visible, setVisible] = useState<ReadonlySet<MapLevel>>(() => new Set(MAP_LEVELS));
  const [focus, setFocus] = useState<{ id: string } | null>(null);

  const entries = useMemo(
    () =>
      facilities.data && regions.data && districts.data
        ? toEntries(facilities.data.items, regions.data, districts.data)
        : [],
    [facilities.data, regions.data, districts.data],
  );
  const counts = useMemo(() => countByLevel(entries), [entries]);
  // i18n.language is a dependency so popups are rebuilt in the new language.
  const points = useMemo(() => toPoints(entries, visible, t), [entries, visible, t, i18n.language]);
  const labels = useMemo(() => regionLabels(boundaries.data), [boundaries.data]);
  const attribution = useMemo(() => mapAttributionHtml(t("map.sources")), [t, i18n.language]);

  const failed = [facilities, regions, districts, boundaries].find((q) => q.isError);
  const loading = facilities.isPending || regions.isPending || districts.isPending;

  return (
    <div className="network">
      <div className="network-side">
        <h1>{t("map.title")}</h1>
        <p className="muted">{t("map.intro")}</p>
        {failed ? (
          <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
        ) : loading ? (
          <Loading />
        ) : (
          <>
            <LevelFilter
              counts={counts}
              visible={visible}
              onChange={setVisible}
              shown={points.length}
              total={entries.length}
            />
            <p className="muted small">{t("map.frameNote")}</p>
            <FacilityList entries={entries} visible={visible} onFocus={(id) => setFocus({ id })} />
          </>
        )}
      </div>
      <div className="network-map">
        <MapView
          boundaries={boundaries.data ?? null}
          points={points}
          labels={labels}
          tileUrl={config.data?.tileUrl ?? null}
          attributionHtml={attribution}
          ariaLabel={t("map.label")}
          focus={focus}
          onNavigate={(href) => void navigate(href)}
        />
      </div>
    </div>
  );
}

/**
 * The one Leaflet wrapper (plain `leaflet`, no react-leaflet). Draws region boundaries as the base layer
 * (SVG, so no internet is needed), an optional tile layer, up to a few thousand points as canvas
 * circle markers (points with a `badge` — a route stop's number — are small DOM markers instead), and
 * optional lines (routes). The container exposes `data-marker-count`, `data-line-count` and
 * `data-boundary-count` because a canvas draws no DOM element per marker or line, and `data-size`
 * ("800x420"), the size Leaflet last laid the map out at (tests wait on it after a resize).
 */
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import "./map.css";
import { useEffect, useRef, type RefObject } from "react";
import {
  MALI_BOUNDS,
  escapeHtml,
  type BoundaryCollection,
  type MapLabel,
  type MapLine,
  type MapPoint,
  type RoadCollection,
} from "./types";

/** What MapView draws and how it reports user actions. */
export interface MapViewProps {
  boundaries: BoundaryCollection | null;
  points: MapPoint[];
  labels?: MapLabel[];
  /** A road layer drawn over the boundaries, under everything else (when one is configured) */
  roads?: RoadCollection | null;
  /** Lines drawn under the points (e.g. vehicle routes) */
  lines?: MapLine[];
  /** URL template of a tile server ({z}/{x}/{y}); none → boundaries only */
  tileUrl?: string | null;
  tileAttribution?: string;
  /** HTML of the attribution control (links with `data-route` stay inside the app) */
  attributionHtml: string;
  /** Accessible name of the map region */
  ariaLabel: string;
  /** Point to centre on and open (e.g. chosen in a side list); a new object re-focuses the same id */
  focus?: { id: string } | null;
  /** Called with the href of a clicked `a[data-route]` inside the map */
  onNavigate?: (href: string) => void;
  /** When this value changes, the view fits the points drawn (e.g. a region or district chosen); null / absent: never */
  fitKey?: string | null;
  /** Called with the coordinates of a click on the map (a place picked: a new facility's position) */
  onPick?: (lat: number, lon: number) => void;
}

const MAX_ZOOM = 18;

/**
 * Leaflet 1.9's canvas renderer may run a redraw it asked for (an animation frame) after its map was removed — a
 * page left while the map was still drawing — and fail on its discarded context ("reading 'clearRect'", Leaflet
 * issues #6030, #6775). Such a redraw has nothing left to draw: it is skipped.
 */
type CanvasInternals = { _ctx?: CanvasRenderingContext2D; _redrawRequest: number | null; _redraw(): void };
const leafletRedraw = (L.Canvas.prototype as unknown as CanvasInternals)._redraw;
L.Canvas.include({
  _redraw(this: CanvasInternals) {
    if (this._ctx) leafletRedraw.call(this);
    else this._redrawRequest = null;
  },
});

/** A canvas circle marker (cheap: thousands of points). */
function circleMarker(p: MapPoint): L.CircleMarker {
  return L.circleMarker([p.lat, p.lon], {
    radius: p.radiusPx,
    color: "#ffffff",
    weight: 1,
    fillColor: p.colour,
    fillOpacity: 0.95,
    className: "fura-marker",
  });
}

/** Black or white, whichever reads better on a "#rrggbb" background (WCAG relative luminance). */
function inkOn(hex: string): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return "#ffffff";
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1]!.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white (1.05 / (lum + 0.05)) against contrast with black ((lum + 0.05) / 0.05).
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/** A DOM marker with a short text inside (a stop's number), keyboard-focusable, for the few dozen stops of a plan. */
function badgeMarker(p: MapPoint): L.Marker {
  const size = p.radiusPx * 2 + 6;
  const icon = L.divIcon({
    className: "fura-badge-marker",
    html: `<span class="fura-badge" style="background:${escapeHtml(p.colour)};color:${inkOn(p.colour)};width:${size}px;height:${size}px;line-height:${size}px">${escapeHtml(p.badge ?? "")}</span>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
  return L.marker([p.lat, p.lon], { icon, title: p.label, alt: p.label, riseOnHover: true });
}

type MapRef = RefObject<L.Map | null>;
type ContainerRef = RefObject<HTMLDivElement | null>;

/** Creates the map once on the container (links with `data-route` call `onNavigate`; resizes follow the container). */
function useLeafletMap(containerRef: ContainerRef, onNavigate: ((href: string) => void) | undefined): MapRef {
  const mapRef = useRef<L.Map | null>(null);
  const navigateRef = useRef(onNavigate);
  useEffect(() => {
    navigateRef.current = onNavigate;
  }, [onNavigate]);
  useEffect(() => {
    const container = containerRef.current!;
    const map = L.map(container, {
      preferCanvas: true,
      maxZoom: MAX_ZOOM,
      minZoom: 4,
      fadeAnimation: false,
      zoomSnap: 0.25,
      attributionControl: false,
      worldCopyJump: false,
    });
    map.createPane("boundaries").style.zIndex = "350";
    map.fitBounds(MALI_BOUNDS);
    mapRef.current = map;
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.("a[data-route]");
      if (link && navigateRef.current && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        event.preventDefault();
        navigateRef.current(link.getAttribute("href") ?? "/");
      }
    };
    container.addEventListener("click", onClick);
    // After a resize the map redraws at the container's size; data-size says which size it last drew at.
    const resize = new ResizeObserver(() => {
      map.invalidateSize({ animate: false });
      const size = map.getSize();
      container.dataset.size = `${size.x}x${size.y}`;
    });
    resize.observe(container);
    return () => {
      resize.disconnect();
      container.removeEventListener("click", onClick);
      map.remove();
      mapRef.current = null;
    };
  }, [containerRef]);
  return mapRef;
}

/** The attribution control and the optional tile layer. */
function useAttributionAndTiles(
  mapRef: MapRef,
  props: Pick<MapViewProps, "attributionHtml" | "tileUrl" | "tileAttribution">,
) {
  const { attributionHtml, tileUrl, tileAttribution } = props;
  useEffect(() => {
    const control = L.control
      .attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' })
      .addAttribution(attributionHtml);
    control.addTo(mapRef.current!);
    return () => void control.remove();
  }, [mapRef, attributionHtml]);
  useEffect(() => {
    if (!tileUrl) return;
    const layer = L.tileLayer(tileUrl, { maxZoom: MAX_ZOOM, attribution: tileAttribution ?? "" }).addTo(
      mapRef.current!,
    );
    return () => void layer.remove();
  }, [mapRef, tileUrl, tileAttribution]);
}

/** The region polygons (SVG, countable in the DOM) under the markers; frames the country unless points were framed. */
function useBoundaryLayer(
  mapRef: MapRef,
  containerRef: ContainerRef,
  boundaries: BoundaryCollection | null,
  fittedRef: RefObject<string | null>,
) {
  useEffect(() => {
    const map = mapRef.current!;
    const container = containerRef.current!;
    if (!boundaries) return;
    // Polygons get their own SVG renderer (9 paths, countable in the DOM) below the canvas of markers;
    // GeoJSON passes these Path options on to each polygon.
    const options: L.GeoJSONOptions & L.PathOptions = {
      pane: "boundaries",
      renderer: L.svg({ pane: "boundaries" }),
      interactive: false,
      style: () => ({ className: "fura-region", color: "#6b7a8a", weight: 1.2, fillColor: "#fbf7ee", fillOpacity: 1 }),
    };
    const layer = L.geoJSON(boundaries as GeoJSON.FeatureCollection, options).addTo(map);
    const bounds = layer.getBounds();
    // Frame the country, unless the points of a fitKey were already framed (boundaries may arrive after them).
    if (bounds.isValid() && fittedRef.current === null) map.fitBounds(bounds, { padding: [8, 8] });
    container.dataset.boundaryCount = String(boundaries.features.length);
    return () => {
      layer.remove();
      delete container.dataset.boundaryCount;
    };
  }, [mapRef, containerRef, boundaries, fittedRef]);
}

/** A permanent label: a region's name centred, or a town's dot and smaller name to its right. */
function labelTooltip(label: MapLabel): L.Tooltip {
  return label.kind === "town"
    ? L.tooltip({ permanent: true, direction: "right", className: "fura-town-label", interactive: false })
        .setLatLng([label.lat, label.lon])
        .setContent(`<span class="fura-town-dot" aria-hidden="true"></span>${escapeHtml(label.text)}`)
    : L.tooltip({ permanent: true, direction: "center", className: "fura-region-label", interactive: false })
        .setLatLng([label.lat, label.lon])
        .setContent(label.text);
}

/** Permanent labels (region names, towns); the container exposes `data-label-count`. */
function useLabelLayer(mapRef: MapRef, containerRef: ContainerRef, labels: MapLabel[] | undefined) {
  useEffect(() => {
    const group = L.layerGroup((labels ?? []).map(labelTooltip)).addTo(mapRef.current!);
    containerRef.current!.dataset.labelCount = String(labels?.length ?? 0);
    return () => void group.remove();
  }, [mapRef, containerRef, labels]);
}

/** The road layer (canvas lines by class: paved, laterite, track) over the boundaries; `data-road-count`. */
function useRoadLayer(mapRef: MapRef, containerRef: ContainerRef, roads: RoadCollection | null | undefined) {
  useEffect(() => {
    const container = containerRef.current!;
    if (!roads || roads.features.length === 0) return;
    const options: L.GeoJSONOptions & L.PathOptions = {
      pane: "boundaries",
      renderer: L.canvas({ pane: "boundaries" }),
      interactive: false,
      style: (f) => ({
        className: "fura-road",
        color: f?.properties?.class === "paved" ? "#8a5a14" : "#b08a4a",
        weight: f?.properties?.class === "paved" ? 2.5 : 1.5,
        dashArray: f?.properties?.class === "track" ? "4 4" : undefined,
      }),
    };
    const layer = L.geoJSON(roads as GeoJSON.FeatureCollection, options).addTo(mapRef.current!);
    container.dataset.roadCount = String(roads.features.length);
    return () => {
      layer.remove();
      delete container.dataset.roadCount;
    };
  }, [mapRef, containerRef, roads]);
}

/** The points (canvas circles, or DOM badges for numbered stops), kept by id for `focus`. */
function usePointLayer(mapRef: MapRef, containerRef: ContainerRef, points: MapPoint[]) {
  const markersRef = useRef(new Map<string, L.CircleMarker | L.Marker>());
  useEffect(() => {
    const container = containerRef.current!;
    const markers = markersRef.current;
    const group = L.layerGroup();
    for (const p of points) {
      const marker = (p.badge === undefined ? circleMarker(p) : badgeMarker(p))
        .bindTooltip(p.label, { direction: "top", offset: [0, -p.radiusPx] })
        .bindPopup(p.popupHtml, { maxWidth: 280 });
      markers.set(p.id, marker);
      group.addLayer(marker);
    }
    group.addTo(mapRef.current!);
    container.dataset.markerCount = String(points.length);
    return () => {
      group.remove();
      markers.clear();
      container.dataset.markerCount = "0";
    };
  }, [mapRef, containerRef, points]);
  return markersRef;
}

/** The lines (vehicle routes) under the points. */
function useLineLayer(mapRef: MapRef, containerRef: ContainerRef, lines: MapLine[] | undefined) {
  useEffect(() => {
    const container = containerRef.current!;
    const group = L.layerGroup(
      (lines ?? []).map((l) =>
        L.polyline(l.coords, {
          color: l.colour,
          weight: 4,
          opacity: 0.85,
          dashArray: l.dashed ? "10 8" : undefined,
          className: "fura-line",
        }).bindTooltip(l.label, { sticky: true }),
      ),
    ).addTo(mapRef.current!);
    container.dataset.lineCount = String(lines?.length ?? 0);
    return () => {
      group.remove();
      delete container.dataset.lineCount;
    };
  }, [mapRef, containerRef, lines]);
}

/** Frames the points once per fitKey (not on every redraw, so the user's own zoom is kept); opens a focused point. */
function useFitAndFocus(
  mapRef: MapRef,
  markersRef: RefObject<Map<string, L.CircleMarker | L.Marker>>,
  fittedRef: RefObject<string | null>,
  { fitKey, points, focus }: Pick<MapViewProps, "fitKey" | "points" | "focus">,
) {
  useEffect(() => {
    const map = mapRef.current;
    if (!map || fitKey === undefined || fitKey === null || points.length === 0 || fittedRef.current === fitKey) return;
    fittedRef.current = fitKey;
    map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])), {
      padding: [30, 30],
      maxZoom: 10,
      animate: false,
    });
  }, [mapRef, fittedRef, fitKey, points]);
  useEffect(() => {
    if (!focus) return;
    const marker = markersRef.current.get(focus.id);
    const map = mapRef.current;
    if (!marker || !map) return;
    map.setView(marker.getLatLng(), Math.max(map.getZoom(), 9), { animate: false });
    marker.openPopup();
  }, [mapRef, markersRef, focus, points]);
}

/** Hands the coordinates of a click on the map to `onPick` (rounded to 5 decimals, about a metre). */
function usePick(mapRef: RefObject<L.Map | null>, onPick: MapViewProps["onPick"]) {
  const pickRef = useRef(onPick);
  useEffect(() => {
    pickRef.current = onPick;
  }, [onPick]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const round = (x: number) => Math.round(x * 1e5) / 1e5;
    const handler = (e: L.LeafletMouseEvent) => pickRef.current?.(round(e.latlng.lat), round(e.latlng.lng));
    map.on("click", handler);
    return () => {
      map.off("click", handler);
    };
  }, [mapRef]);
}

/** A Leaflet map of Mali with boundaries, labels, lines and points. */
export function MapView(props: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  /** The fitKey whose points were last framed (null: none yet) */
  const fittedRef = useRef<string | null>(null);
  const mapRef = useLeafletMap(containerRef, props.onNavigate);
  useAttributionAndTiles(mapRef, props);
  useBoundaryLayer(mapRef, containerRef, props.boundaries, fittedRef);
  useRoadLayer(mapRef, containerRef, props.roads);
  useLabelLayer(mapRef, containerRef, props.labels);
  const markersRef = usePointLayer(mapRef, containerRef, props.points);
  useLineLayer(mapRef, containerRef, props.lines);
  useFitAndFocus(mapRef, markersRef, fittedRef, props);
  usePick(mapRef, props.onPick);
  return (
    <div
      ref={containerRef}
      className="map-view"
      role="region"
      aria-label={props.ariaLabel}
      data-marker-count="0"
      data-testid="map"
    />
  );
}

/**
 * The one Leaflet wrapper (plain `leaflet`, no react-leaflet). Draws region boundaries as the base layer
 * (SVG, so no internet is needed), an optional tile layer, and up to a few thousand points as canvas
 * circle markers. The container exposes `data-marker-count` and `data-boundary-count` because a canvas
 * draws no DOM element per marker.
 */
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { useEffect, useRef } from "react";
import { MALI_BOUNDS, type BoundaryCollection, type MapLabel, type MapPoint } from "./types";

/** What MapView draws and how it reports user actions. */
export interface MapViewProps {
  boundaries: BoundaryCollection | null;
  points: MapPoint[];
  labels?: MapLabel[];
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
}

const MAX_ZOOM = 18;

/** A Leaflet map of Mali with boundaries, labels and circle-marker points. */
export function MapView(props: MapViewProps) {
  const { boundaries, points, labels, tileUrl, tileAttribution, attributionHtml, ariaLabel, focus, onNavigate, fitKey } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markersRef = useRef(new Map<string, L.CircleMarker>());
  const navigateRef = useRef(onNavigate);
  useEffect(() => {
    navigateRef.current = onNavigate;
  }, [onNavigate]);

  // Create the map once; layers below are replaced when their inputs change.
  useEffect(() => {
    const container = containerRef.current!;
    const map = L.map(container, { preferCanvas: true, maxZoom: MAX_ZOOM, minZoom: 4, fadeAnimation: false, zoomSnap: 0.25, attributionControl: false, worldCopyJump: false });
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
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      container.removeEventListener("click", onClick);
      map.remove();
      mapRef.current = null;
    };
  }, []);

  useEffect(() => {
    const control = L.control.attribution({ prefix: '<a href="https://leafletjs.com">Leaflet</a>' }).addAttribution(attributionHtml);
    control.addTo(mapRef.current!);
    return () => void control.remove();
  }, [attributionHtml]);

  useEffect(() => {
    if (!tileUrl) return;
    const layer = L.tileLayer(tileUrl, { maxZoom: MAX_ZOOM, attribution: tileAttribution ?? "" }).addTo(mapRef.current!);
    return () => void layer.remove();
  }, [tileUrl, tileAttribution]);

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
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
    container.dataset.boundaryCount = String(boundaries.features.length);
    return () => {
      layer.remove();
      delete container.dataset.boundaryCount;
    };
  }, [boundaries]);

  useEffect(() => {
    const map = mapRef.current!;
    const group = L.layerGroup(
      (labels ?? []).map((label) =>
        L.tooltip({ permanent: true, direction: "center", className: "fura-region-label", interactive: false }).setLatLng([label.lat, label.lon]).setContent(label.text),
      ),
    ).addTo(map);
    return () => void group.remove();
  }, [labels]);

  useEffect(() => {
    const map = mapRef.current!;
    const container = containerRef.current!;
    const markers = markersRef.current;
    const group = L.layerGroup();
    for (const p of points) {
      const marker = L.circleMarker([p.lat, p.lon], { radius: p.radiusPx, color: "#ffffff", weight: 1, fillColor: p.colour, fillOpacity: 0.95, className: "fura-marker" })
        .bindTooltip(p.label, { direction: "top", offset: [0, -p.radiusPx] })
        .bindPopup(p.popupHtml, { maxWidth: 280 });
      markers.set(p.id, marker);
      group.addLayer(marker);
    }
    group.addTo(map);
    container.dataset.markerCount = String(points.length);
    return () => {
      group.remove();
      markers.clear();
      container.dataset.markerCount = "0";
    };
  }, [points]);

  // Fit the points once per fitKey (not on every redraw, so the user's own zoom is kept).
  const fittedRef = useRef<string | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || fitKey === undefined || fitKey === null || points.length === 0 || fittedRef.current === fitKey) return;
    fittedRef.current = fitKey;
    map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])), { padding: [30, 30], maxZoom: 10, animate: false });
  }, [fitKey, points]);

  useEffect(() => {
    if (!focus) return;
    const marker = markersRef.current.get(focus.id);
    const map = mapRef.current;
    if (!marker || !map) return;
    map.setView(marker.getLatLng(), Math.max(map.getZoom(), 9), { animate: false });
    marker.openPopup();
  }, [focus, points]);

  return <div ref={containerRef} className="map-view" role="region" aria-label={ariaLabel} data-marker-count="0" data-testid="map" />;
}

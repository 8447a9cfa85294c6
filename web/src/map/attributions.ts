/**
 * Required data attributions, verbatim from db/seed/data/mali/SOURCES.md. They are legal notices, so they
 * are shown as written (English) in every interface language.
 */
import { ABOUT_PATH } from "../components/screens";

/** OpenStreetMap / healthsites.io notice for the facility data (ODbL 1.0). */
export const OSM_ATTRIBUTION =
  "© OpenStreetMap contributors, available under the Open Database License (ODbL 1.0), https://www.openstreetmap.org/copyright. Collected through the Global Healthsites Mapping Project (healthsites.io).";

/** GeoNames notice for the administrative geography (CC BY 4.0). */
export const GEONAMES_ATTRIBUTION = "Contains data from GeoNames (https://www.geonames.org), CC BY 4.0.";

/** Natural Earth credit for the region boundaries (public domain; credit suggested). */
export const NATURAL_EARTH_CREDIT = "Made with Natural Earth.";

/** Short HTML for the map's attribution control, linking to the full credits page. */
export function mapAttributionHtml(creditsLabel: string): string {
  return [
    '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a> contributors (ODbL), <a href="https://healthsites.io" target="_blank" rel="noopener">healthsites.io</a>',
    "GeoNames (CC BY 4.0)",
    "Natural Earth",
    `<a href="${ABOUT_PATH}" data-route>${creditsLabel.replace(/[<>&"]/g, "")}</a>`,
  ].join(" · ");
}

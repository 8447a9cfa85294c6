/** URLs of the route planning screens. */

/** The planning page: depot, date, vehicles, shipments, existing plans. */
export const ROUTES_PATH = "/tournees";
/** One plan. */
export const planPath = (id: number) => `${ROUTES_PATH}/${id}`;
/** The printable manifests of a plan (one page per stop). */
export const manifestsPath = (id: number) => `${ROUTES_PATH}/${id}/manifestes`;

/** URLs of the driver's screens. */

/** The driver's day: their routes, stops and manifests (their home). */
export const MY_ROUTE_PATH = "/ma-tournee";
/** Route pattern of the printable manifests of one of the driver's routes. */
export const DRIVER_MANIFESTS_PATH = `${MY_ROUTE_PATH}/:planId/manifestes`;
/** The printable manifests of one route of a plan (one page per stop). */
export const driverManifestsPath = (planId: number, vehicleId: number, day: string) =>
  `${MY_ROUTE_PATH}/${planId}/manifestes?route=${vehicleId}&jour=${day}`;
/** The driver's day `day` ("YYYY-MM-DD"). */
export const myRouteDayPath = (day: string) => `${MY_ROUTE_PATH}?jour=${day}`;
/** Route pattern of the delivery form of one stop. */
export const DELIVERY_PATH = `${MY_ROUTE_PATH}/:planId/arret/:stopId`;
/** The delivery form of a stop (back to the day `day` when done). */
export const deliveryPath = (planId: number, stopId: number, day: string) =>
  `${MY_ROUTE_PATH}/${planId}/arret/${stopId}?jour=${day}`;

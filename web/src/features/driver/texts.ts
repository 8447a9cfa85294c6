/** The text files of the driver's screens (web/src/i18n/<lang>/<file>.ts): the tablet loads only these (issue 12). */
import type { TextFeature } from "../../i18n";

/** `common` holds the shell, the errors and the words several screens share (units, reasons, flows, the map). */
export const DRIVER_TEXTS: readonly TextFeature[] = ["common", "routes", "delivery", "apiDetail"];

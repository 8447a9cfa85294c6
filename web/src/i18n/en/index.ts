/** English texts (same keys as French), one file per feature. */
import { common } from "./common";
import { stock } from "./stock";
import { dashboards } from "./dashboards";
import { orders } from "./orders";
import { reports } from "./reports";
import { routes } from "./routes";
import { audit } from "./audit";
import { interop } from "./interop";
import { forms } from "./forms";
import { users } from "./users";
import { quantification } from "./quantification";
import { apiDetail } from "./apiDetail";
import { facilityAdmin } from "./facilityAdmin";
import { catalogue } from "./catalogue";
import { policies } from "./policies";
import { delivery } from "./delivery";

import type { Messages } from "../fr";

/** Every English text, by feature. */
export const en: Messages = {
  ...common,
  ...stock,
  ...dashboards,
  ...orders,
  ...reports,
  ...routes,
  ...audit,
  ...interop,
  ...forms,
  ...users,
  ...quantification,
  ...apiDetail,
  ...facilityAdmin,
  ...catalogue,
  ...policies,
  ...delivery,
};

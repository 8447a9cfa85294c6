/** Routes of the web app: sign-in is public, everything else sits behind the session guard (and the screen's roles). */
import { lazy, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Route, Routes } from "react-router";
import type { Role } from "@shared/contracts/auth";
import { useMe } from "./api/auth";
import { AppShell } from "./components/AppShell";
import { ABOUT_PATH, homePath, ORDER_ROLES, REPORT_READERS, SCREENS } from "./components/screens";
import { DELIVERY_PATH, DRIVER_MANIFESTS_PATH } from "./features/driver/paths";
import { DRIVER_TEXTS } from "./features/driver/texts";
import { QUANT_PATH } from "./features/quantification/paths";
import { LOGIN_PATH, PASSWORD_PATH, RequireAuth } from "./features/auth/RequireAuth";
import { ALL_TEXTS, withTexts, type TextFeature } from "./i18n";

/**
 * A screen as a lazy chunk that renders once its texts are loaded too: `features` names the text files it reads
 * (web/src/i18n/<lang>/<feature>.ts; `common` is always there), every file unless it says.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same bound as React's `lazy`
function screen<C extends ComponentType<any>>(
  load: () => Promise<{ default: C }>,
  features: readonly TextFeature[] = ALL_TEXTS,
) {
  return lazy(() => withTexts(features, load));
}

const NetworkMapPage = screen(() => import("./features/network/NetworkMapPage"));
const StockSituationPage = screen(() => import("./features/situation/StockSituationPage"));
const FacilityPage = screen(() => import("./features/facility/FacilityPage"));
const AboutPage = screen(() => import("./features/about/AboutPage"));
const DistrictReviewPage = screen(() => import("./features/review/DistrictReviewPage"));
const OrderPage = screen(() => import("./features/orders/OrderPage"));
const DepotPage = screen(() => import("./features/depot/DepotPage"));
const StockEntryPage = screen(() => import("./features/stockEntry/StockEntryPage"));
const AllocationPage = screen(() => import("./features/allocation/AllocationPage"));
const AuditPage = screen(() => import("./features/audit/AuditPage"));
const RoutesPage = screen(() => import("./features/routes/RoutesPage"));
const RoutePlanPage = screen(() => import("./features/routes/PlanPage"));
const ManifestsPage = screen(() => import("./features/routes/ManifestsPage"));
const MonthlyReportPage = screen(() => import("./features/reports/MonthlyReportPage"));
const MyOrdersPage = screen(() => import("./features/reports/MyOrdersPage"));
const CscomTasks = screen(() => import("./features/reports/CscomTasks").then((m) => ({ default: m.CscomTasks })));
const MyRoutePage = screen(() => import("./features/driver/MyRoutePage"), DRIVER_TEXTS);
const DriverManifestsPage = screen(() => import("./features/driver/DriverManifestsPage"), DRIVER_TEXTS);
const PasswordPage = screen(() => import("./features/auth/PasswordPage"));
const UsersPage = screen(() => import("./features/users/UsersPage"));
const ForecastPage = screen(() => import("./features/quantification/ForecastPage"));
const SupplyPlanPage = screen(() => import("./features/quantification/SupplyPlanPage"));
const PipelinePage = screen(() => import("./features/quantification/PipelinePage"));
const ScenariosPage = screen(() => import("./features/quantification/ScenariosPage"));
const CataloguePage = screen(() => import("./features/quantification/CataloguePage"));
const ImportPage = screen(() => import("./features/quantification/ImportPage"));
const NationalOrdersPage = screen(() => import("./features/orders/NationalOrdersPage"));
const InteropPage = screen(() => import("./features/interop/InteropPage"));
const ApiDocsPage = screen(() => import("./features/apiDocs/ApiDocsPage"));
const FacilitiesAdminPage = screen(() => import("./features/facilityAdmin/FacilitiesAdminPage"));
const ProductCataloguePage = screen(() => import("./features/catalogue/CataloguePage"));
const PoliciesPage = screen(() => import("./features/policies/PoliciesPage"));
const DeliveryPage = screen(() => import("./features/driver/DeliveryPage"), DRIVER_TEXTS);
const FleetPage = screen(() => import("./features/fleet/FleetPage"));
const LoginPage = screen(
  () => import("./features/auth/LoginPage").then((m) => ({ default: m.LoginPage })),
  ["common", "forms", "apiDetail"],
);

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page page-narrow">
      <h1>{t("common.notFoundTitle")}</h1>
      <p>{t("common.notFoundText")}</p>
      <Link to="/">{t("common.back")}</Link>
    </div>
  );
}

/**
 * "/": the network map, except for a driver, whose home is their route, and a CSCom manager, whose home is her
 * facility's stock with her tasks (the map is at /carte for both).
 */
function Home() {
  const me = useMe();
  const own = me.data?.role === "cscom_manager" ? me.data.scopeFacilityId : null;
  if (own) return <FacilityPage facilityId={own} tasks={<CscomTasks facilityId={own} />} />;
  const home = me.data ? homePath(me.data.role) : SCREENS.map.path;
  return home === SCREENS.map.path ? <NetworkMapPage /> : <Navigate to={home} replace />;
}

/** A page for signed-in users, optionally only for some roles. */
const guarded = (page: ReactNode, roles?: readonly Role[]) => <RequireAuth roles={roles}>{page}</RequireAuth>;

/** The app's routes inside the shell. */
export function App() {
  return (
    <AppShell>
      <Routes>
        <Route path={LOGIN_PATH} element={<LoginPage />} />
        <Route path={ABOUT_PATH} element={<AboutPage />} />
        <Route path={PASSWORD_PATH} element={<PasswordPage />} />
        <Route path="/" element={guarded(<Home />)} />
        <Route path={SCREENS.driverMap.path} element={guarded(<NetworkMapPage />)} />
        <Route path={SCREENS.situation.path} element={guarded(<StockSituationPage />, SCREENS.situation.roles)} />
        <Route path="/facilities/:id" element={guarded(<FacilityPage />)} />
        <Route path={SCREENS.review.path} element={guarded(<DistrictReviewPage />, SCREENS.review.roles)} />
        <Route path="/commandes/:id" element={guarded(<OrderPage />, ORDER_ROLES)} />
        <Route
          path={SCREENS.nationalOrders.path}
          element={guarded(<NationalOrdersPage />, SCREENS.nationalOrders.roles)}
        />
        <Route path={QUANT_PATH} element={guarded(<ForecastPage />, SCREENS.quantification.roles)} />
        <Route path={`${QUANT_PATH}/plan`} element={guarded(<SupplyPlanPage />, SCREENS.quantification.roles)} />
        <Route path={`${QUANT_PATH}/pipeline`} element={guarded(<PipelinePage />, SCREENS.quantification.roles)} />
        <Route path={`${QUANT_PATH}/scenarios`} element={guarded(<ScenariosPage />, SCREENS.quantification.roles)} />
        <Route path={`${QUANT_PATH}/catalogue`} element={guarded(<CataloguePage />, SCREENS.quantification.roles)} />
        <Route path={`${QUANT_PATH}/import`} element={guarded(<ImportPage />, SCREENS.quantification.roles)} />
        <Route path={SCREENS.depot.path} element={guarded(<DepotPage />, SCREENS.depot.roles)} />
        <Route path={SCREENS.stockEntry.path} element={guarded(<StockEntryPage />, SCREENS.stockEntry.roles)} />
        <Route path={SCREENS.allocations.path} element={guarded(<AllocationPage />, SCREENS.allocations.roles)} />
        <Route path={SCREENS.audit.path} element={guarded(<AuditPage />, SCREENS.audit.roles)} />
        <Route path={SCREENS.users.path} element={guarded(<UsersPage />, SCREENS.users.roles)} />
        <Route path={SCREENS.interop.path} element={guarded(<InteropPage />, SCREENS.interop.roles)} />
        <Route path={SCREENS.apiDocs.path} element={guarded(<ApiDocsPage />)} />
        <Route path={SCREENS.facilities.path} element={guarded(<FacilitiesAdminPage />, SCREENS.facilities.roles)} />
        <Route path={SCREENS.catalogue.path} element={guarded(<ProductCataloguePage />, SCREENS.catalogue.roles)} />
        <Route path={SCREENS.policies.path} element={guarded(<PoliciesPage />, SCREENS.policies.roles)} />
        <Route path={SCREENS.routes.path} element={guarded(<RoutesPage />, SCREENS.routes.roles)} />
        <Route path={`${SCREENS.routes.path}/:id`} element={guarded(<RoutePlanPage />, SCREENS.routes.roles)} />
        <Route
          path={`${SCREENS.routes.path}/:id/manifestes`}
          element={guarded(<ManifestsPage />, SCREENS.routes.roles)}
        />
        <Route path={SCREENS.report.path} element={guarded(<MonthlyReportPage />, REPORT_READERS)} />
        <Route path={SCREENS.myOrders.path} element={guarded(<MyOrdersPage />, SCREENS.myOrders.roles)} />
        <Route path={SCREENS.myRoute.path} element={guarded(<MyRoutePage />, SCREENS.myRoute.roles)} />
        <Route path={DRIVER_MANIFESTS_PATH} element={guarded(<DriverManifestsPage />, SCREENS.myRoute.roles)} />
        <Route path={DELIVERY_PATH} element={guarded(<DeliveryPage />, SCREENS.myRoute.roles)} />
        <Route path={SCREENS.fleet.path} element={guarded(<FleetPage />, SCREENS.fleet.roles)} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
}

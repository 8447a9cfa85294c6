/** Routes of the web app: sign-in is public, everything else sits behind the session guard. */
import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes } from "react-router";
import { AppShell } from "./components/AppShell";
import { ABOUT_PATH } from "./features/about/paths";
import { LOGIN_PATH, RequireAuth } from "./features/auth/RequireAuth";
import { LoginPage } from "./features/auth/LoginPage";

const NetworkMapPage = lazy(() => import("./features/network/NetworkMapPage"));
const FacilityPage = lazy(() => import("./features/facility/FacilityPage"));
const AboutPage = lazy(() => import("./features/about/AboutPage"));

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

/** The app's routes inside the shell. */
export function App() {
  return (
    <AppShell>
      <Routes>
        <Route path={LOGIN_PATH} element={<LoginPage />} />
        <Route path={ABOUT_PATH} element={<AboutPage />} />
        <Route
          path="/"
          element={
            <RequireAuth>
              <NetworkMapPage />
            </RequireAuth>
          }
        />
        <Route
          path="/facilities/:id"
          element={
            <RequireAuth>
              <FacilityPage />
            </RequireAuth>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </AppShell>
  );
}

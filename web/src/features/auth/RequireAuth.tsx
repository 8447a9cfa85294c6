/** Route guard: renders its children for a signed-in user, else redirects to the sign-in page. */
import type { ReactNode } from "react";
import type { Role } from "@shared/contracts/auth";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { useMe } from "../../api/auth";
import { ErrorState, Loading } from "../../components/States";

/** Path of the sign-in page. */
export const LOGIN_PATH = "/connexion";
/** Path of the password change (where a temporary password leads first). */
export const PASSWORD_PATH = "/mot-de-passe";

/**
 * Shows children only with a live session (a 401 anywhere clears it and lands here), and only to `roles` when given;
 * a temporary password leads to its change first.
 */
export function RequireAuth({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <Loading label={t("auth.checking")} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.data.mustChangePassword) {
    const next = location.pathname + location.search;
    return <Navigate to={next === "/" ? PASSWORD_PATH : `${PASSWORD_PATH}?next=${encodeURIComponent(next)}`} replace />;
  }
  if (roles && !roles.includes(me.data.role)) {
    return (
      <div className="page page-narrow" data-testid="forbidden">
        <h1>{t("access.title")}</h1>
        <p>{t("access.text", { role: t(`role.${me.data.role}`) })}</p>
      </div>
    );
  }
  return <>{children}</>;
}

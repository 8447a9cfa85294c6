/** /mot-de-passe: the signed-in user changes their password; a temporary one (new account, reset) must be changed here first. */
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { PasswordChange } from "@shared/contracts/auth";
import { useChangePassword, useMe } from "../../api/auth";
import { ErrorState, Loading } from "../../components/States";
import { FormActions, FormFrame, TextField } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import { LOGIN_PATH, PASSWORD_PATH } from "./RequireAuth";

/** Where to go once the password is changed: the page the guard came from, else home (never another site). */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith(PASSWORD_PATH) ? next : "/";
}

/** The password change form. */
export default function PasswordPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const change = useChangePassword();
  const form = useContractForm({
    contract: PasswordChange,
    toRequest: (v: { currentPassword: string; newPassword: string }) => v,
    defaultValues: { currentPassword: "", newPassword: "" },
  });
  if (me.isPending) return <Loading label={t("auth.checking")} />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={LOGIN_PATH} replace />;
  if (change.isSuccess && !me.data.mustChangePassword) return <Navigate to={nextPath(location.search)} replace />;
  return (
    <div className="login">
      <FormFrame
        form={form}
        onValid={(body) => change.mutate(body)}
        serverError={change.error}
        className="login-card"
        aria-labelledby="password-title"
        data-testid="password-form"
      >
        <h1 id="password-title">{t("password.title")}</h1>
        {me.data.mustChangePassword && <p className="muted">{t("password.intro")}</p>}
        <TextField
          name="currentPassword"
          id="current-password"
          type="password"
          label={t("password.current")}
          autoComplete="current-password"
          required
        />
        <TextField
          name="newPassword"
          id="new-password"
          type="password"
          label={t("password.next")}
          autoComplete="new-password"
          required
        />
        <FormActions
          submitLabel={t("password.submit")}
          pending={change.isPending}
          pendingLabel={t("password.submitting")}
        />
      </FormFrame>
    </div>
  );
}

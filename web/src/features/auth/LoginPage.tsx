/** Sign-in page: username and password (checked by the shared LoginRequest), errors in the interface language from the API error code. */
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { LoginRequest } from "@shared/contracts/auth";
import { useLogin, useMe } from "../../api/auth";
import { FormActions, FormFrame, TextField } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";

/** Where to go after signing in: the page the guard came from, else home (never another site). */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** The sign-in form at /connexion. */
export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const login = useLogin();
  const form = useContractForm({
    contract: LoginRequest,
    toRequest: (v: { username: string; password: string }) => ({ username: v.username.trim(), password: v.password }),
    defaultValues: { username: "", password: "" },
  });
  if (me.data) return <Navigate to={nextPath(location.search)} replace />;
  return (
    <div className="login">
      <FormFrame
        form={form}
        onValid={(body) => login.mutate(body)}
        serverError={login.error}
        className="login-card"
        aria-labelledby="login-title"
      >
        <p className="login-brand" aria-hidden="true">
          Fura
        </p>
        <h1 id="login-title">{t("auth.title")}</h1>
        <p className="muted">{t("auth.intro")}</p>
        <TextField
          name="username"
          id="username"
          label={t("auth.username")}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          name="password"
          id="password"
          type="password"
          label={t("auth.password")}
          autoComplete="current-password"
          required
        />
        <FormActions submitLabel={t("auth.submit")} pending={login.isPending} pendingLabel={t("auth.submitting")} />
      </FormFrame>
    </div>
  );
}

/** Sign-in page: username and password, errors in the interface language from the API error code. */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { useLogin, useMe } from "../../api/auth";
import { errorCode, errorMessage } from "../../i18n/errors";

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
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");

  if (me.data) return <Navigate to={nextPath(location.search)} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  };

  return (
    <div className="login">
      <form className="login-card" onSubmit={onSubmit} noValidate aria-labelledby="login-title">
        <p className="login-brand" aria-hidden="true">
          Fura
        </p>
        <h1 id="login-title">{t("auth.title")}</h1>
        <p className="muted">{t("auth.intro")}</p>
        <label htmlFor="username">{t("auth.username")}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="password">{t("auth.password")}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {login.isError && (
          <p className="form-error" role="alert" data-error-code={errorCode(login.error)}>
            {errorMessage(t, login.error)}
          </p>
        )}
        <button
          type="submit"
          className="button button-primary"
          disabled={login.isPending || !username.trim() || !password}
        >
          {login.isPending ? t("auth.submitting") : t("auth.submit")}
        </button>
      </form>
    </div>
  );
}

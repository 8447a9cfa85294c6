/** The page frame: header (logo, navigation, language, user), main content and footer with the credits link. */
import { Suspense, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink } from "react-router";
import { useLogout, useMe } from "../api/auth";
import { ABOUT_PATH } from "./screens";
import { languageName, LANGUAGES, setLanguage, type Language } from "../i18n";
import { screensFor } from "./screens";
import { Loading } from "./States";

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t("lang.label")}>
      {LANGUAGES.map((lang: Language) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={i18n.language === lang}
          title={languageName(lang).long}
          onClick={() => void setLanguage(lang)}
        >
          {languageName(lang).short}
        </button>
      ))}
    </div>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  if (!me.data) return null;
  return (
    <div className="user-menu">
      <span className="user-name" title={me.data.username}>
        {t("auth.signedInAs", { name: me.data.displayName })}
        <small>{t(`role.${me.data.role}`)}</small>
      </span>
      <button type="button" className="button button-ghost" onClick={() => logout.mutate()} disabled={logout.isPending}>
        {t("auth.signOut")}
      </button>
    </div>
  );
}

/** The screens the signed-in role can use (only the map before signing in). */
function MainNav() {
  const { t } = useTranslation();
  const me = useMe();
  const screens = me.data ? screensFor(me.data.role) : [];
  return (
    <nav aria-label={t("nav.main")} className="nav" data-testid="main-nav">
      {screens.map((s) => (
        <NavLink key={s.path} to={s.path} end={s.path === "/"}>
          {t(s.label)}
        </NavLink>
      ))}
      <NavLink to={ABOUT_PATH}>{t("nav.about")}</NavLink>
    </nav>
  );
}

/** Header + main + footer around a page; pages load lazily inside. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header className="header">
        <Link to="/" className="brand">
          <span className="brand-name">Fura</span>
          <span className="brand-tagline">{t("app.tagline")}</span>
        </Link>
        <MainNav />
        <div className="header-end">
          <LanguageSwitch />
          <UserMenu />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
      <footer className="footer">
        <span>Fura — AGPL-3.0-or-later</span>
        <Link to={ABOUT_PATH}>{t("footer.credits")}</Link>
      </footer>
    </div>
  );
}

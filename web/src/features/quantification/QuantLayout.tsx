/** The frame of every quantification screen: title, the tabs (keeping the chosen product in the address) and the screen. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation } from "react-router";
import { QUANT_PATH, QUANT_TABS } from "./paths";
import "./quantification.css";

/** The page with its tabs. */
export function QuantLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  // The product chosen on one tab stays chosen on the others.
  const product = new URLSearchParams(search).get("produit");
  const keep = product ? `?produit=${encodeURIComponent(product)}` : "";
  return (
    <div className="page quant-page">
      <div className="page-head">
        <div>
          <h1>{t("quant.title")}</h1>
          <p className="muted">{t("quant.intro")}</p>
        </div>
      </div>
      <nav className="quant-tabs" aria-label={t("quant.tabs.label")}>
        {QUANT_TABS.map((tab) => (
          <NavLink key={tab.path} to={`${tab.path}${keep}`} end={tab.path === QUANT_PATH}>
            {t(tab.label)}
          </NavLink>
        ))}
      </nav>
      {children}
    </div>
  );
}

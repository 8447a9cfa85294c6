/**
 * /interop: DHIS2 and barcodes for the administrator, and the DHIS2 export for the roles that review an area's
 * reports. One tab per task (?onglet=): export and push, mapping, organisation units, connection, product GTINs;
 * each tab shows only to the roles the server would let through (shared/domain/access).
 */
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import { may, type Action } from "@shared/domain/access";
import { useMe } from "../../api/auth";
import { Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { ExportPanel } from "./ExportPanel";
import { GtinPanel } from "./GtinPanel";
import { MappingPanel } from "./MappingPanel";
import { OrgUnitPanel } from "./OrgUnitPanel";
import { SettingsPanel } from "./SettingsPanel";
import "./interop.css";

const TABS = [
  { id: "export", action: "interop:export" },
  { id: "mapping", action: "interop:admin" },
  { id: "orgUnits", action: "interop:admin" },
  { id: "settings", action: "interop:admin" },
  { id: "gtins", action: "interop:admin" },
] as const satisfies readonly { id: string; action: Action }[];
type Tab = (typeof TABS)[number]["id"];

function Panel({ tab, me }: { tab: Tab; me: Me }) {
  switch (tab) {
    case "export":
      return <ExportPanel me={me} />;
    case "mapping":
      return <MappingPanel />;
    case "orgUnits":
      return <OrgUnitPanel />;
    case "settings":
      return <SettingsPanel />;
    case "gtins":
      return <GtinPanel />;
  }
}

/** The interoperability page. */
export default function InteropPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, update] = useSearchState();
  if (!me.data) return <Loading />;
  const user = me.data;
  const tabs = TABS.filter((tab) => may(user, tab.action));
  const asked = tabs.find((tab) => tab.id === params.get("onglet"));
  const tab = (asked ?? tabs[0])?.id;
  return (
    <div className="page interop-page">
      <p className="eyebrow">{t("interop.page.eyebrow")}</p>
      <h1>{t("interop.page.title")}</h1>
      <p className="muted">{t("interop.page.intro")}</p>
      {tabs.length > 1 && (
        <div className="segmented tabs" role="group" aria-label={t("interop.page.tabs")}>
          {tabs.map((x) => (
            <button
              key={x.id}
              type="button"
              aria-pressed={tab === x.id}
              onClick={() => update({ onglet: x.id === "export" ? null : x.id })}
            >
              {t(`interop.page.tab.${x.id}`)}
            </button>
          ))}
        </div>
      )}
      {tab && <Panel tab={tab} me={user} />}
    </div>
  );
}

/** "Quantification — Scénarios" (/quantification/scenarios): saved settings, edited here and compared side by side. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Scenario } from "@shared/contracts/scenarios";
import { useDeleteScenario, useScenarios } from "../../api/quantification";
import { ActionError } from "../../components/ActionError";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { formatDate } from "../../i18n/format";
import { QuantLayout } from "./QuantLayout";
import { ScenarioCompare } from "./ScenarioCompare";
import { ScenarioForm } from "./ScenarioForm";

/** The scenarios screen. */
export default function ScenariosPage() {
  const { t } = useTranslation();
  const scenarios = useScenarios();
  const remove = useDeleteScenario();
  const [editing, setEditing] = useState<Scenario | "new" | null>(null);
  return (
    <QuantLayout>
      <p className="muted">{t("quant.scenarios.intro")}</p>
      {scenarios.isPending ? (
        <Loading />
      ) : scenarios.isError ? (
        <ErrorState error={scenarios.error} onRetry={() => void scenarios.refetch()} />
      ) : scenarios.data.length === 0 ? (
        <EmptyState>{t("quant.scenarios.none")}</EmptyState>
      ) : (
        <div className="table-scroll" role="region" aria-label={t("quant.scenarios.title")} tabIndex={0}>
          <table className="table quant-table" data-testid="scenarios-table">
            <thead>
              <tr>
                <th scope="col">{t("quant.scenarios.name")}</th>
                <th scope="col" className="num">
                  {t("quant.scenarios.horizon")}
                </th>
                <th scope="col">{t("quant.scenarios.defaultMethod")}</th>
                <th scope="col">{t("myOrders.updated")}</th>
                <th scope="col">{t("quant.pipeline.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {scenarios.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td className="num">{s.settings.horizon}</td>
                  <td>{t(`quant.methods.${s.settings.defaultMethod}`)}</td>
                  <td>{formatDate(s.updatedAt)}</td>
                  <td>
                    <div className="quant-actions">
                      <button type="button" className="button button-small" onClick={() => setEditing(s)}>
                        {t("quant.scenarios.edit")}
                      </button>
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        onClick={() => {
                          if (window.confirm(t("quant.scenarios.deleteConfirm", { name: s.name }))) remove.mutate(s.id);
                        }}
                      >
                        {t("quant.scenarios.delete")}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActionError error={remove.error} />
      {editing === null ? (
        <div className="quant-actions">
          <button type="button" className="button" onClick={() => setEditing("new")}>
            {t("quant.scenarios.new")}
          </button>
        </div>
      ) : (
        <ScenarioForm
          key={editing === "new" ? "new" : editing.id}
          scenario={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <ScenarioCompare scenarios={scenarios.data ?? []} />
    </QuantLayout>
  );
}

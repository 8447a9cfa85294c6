/**
 * /admin/politiques: the settings (order calendar, shelf-life threshold), the effective policy of a facility ×
 * product with its source, and the stored policy rows — add one, change its values, delete it.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { SettingsUpdate, type PolicyView, type SettingsView } from "@shared/contracts/policies";
import { useDeletePolicy, usePolicies, useSaveSettings, useSettings } from "../../api/policies";
import { ActionError } from "../../components/ActionError";
import { ErrorState, Loading } from "../../components/States";
import { formatNumber } from "../../i18n/format";
import { FormActions, FormFrame, TextField } from "../../lib/forms/fields";
import { numberOrNaN } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { DataTable, type Column } from "../../lib/table/DataTable";
import { EffectivePolicy } from "./EffectivePolicy";
import { PolicyCreateForm, PolicyEditForm } from "./PolicyForms";
import { SheetsPanel } from "../../components/SheetsPanel";

/** The two settings. */
function SettingsForm({ settings, onDone }: { settings: SettingsView; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const save = useSaveSettings();
  const form = useContractForm({
    contract: SettingsUpdate,
    toRequest: (v: { reportDueDays: string; minShelfLifeDays: string }) => ({
      reportDueDays: numberOrNaN(v.reportDueDays),
      minShelfLifeDays: numberOrNaN(v.minShelfLifeDays),
    }),
    defaultValues: {
      reportDueDays: String(settings.reportDueDays),
      minShelfLifeDays: String(settings.minShelfLifeDays),
    },
  });
  return (
    <section className="admin-panel" aria-labelledby="settings-title">
      <h2 id="settings-title">{t("policies.settingsTitle")}</h2>
      <FormFrame
        form={form}
        onValid={(body) => save.mutate(body, { onSuccess: () => onDone(t("policies.settingsSaved")) })}
        serverError={save.error}
        className="form-grid"
        data-testid="settings-form"
      >
        <TextField name="reportDueDays" id="settings-due" label={t("policies.reportDueDays")} inputMode="numeric" />
        <TextField
          name="minShelfLifeDays"
          id="settings-shelf"
          label={t("policies.minShelfLifeDays")}
          inputMode="numeric"
        />
        <FormActions submitLabel={t("policies.saveSettings")} pending={save.isPending} />
      </FormFrame>
    </section>
  );
}

function useColumns(onEdit: (p: PolicyView) => void, onDelete: (p: PolicyView) => void): Column<PolicyView>[] {
  const { t, i18n } = useTranslation();
  const n = (x: number | null) =>
    x === null ? t("policies.none") : formatNumber(x, i18n.language, Number.isInteger(x) ? 0 : 2);
  const target = (p: PolicyView) =>
    [
      p.facilityName ?? t("policies.allOfLevel"),
      p.programmeCode,
      p.productName && `${p.productName} (${p.productCode})`,
    ]
      .filter(Boolean)
      .join(" × ");
  return [
    {
      id: "level",
      header: t("policies.level"),
      rowHeader: true,
      sortValue: (p) => p.level,
      cell: (p) => t(`level.${p.level}`),
    },
    { id: "target", header: t("policies.target"), cell: target },
    { id: "rule", header: t("policies.rule"), cell: (p) => t(`policies.rule_${p.rule}`) },
    { id: "max", header: t("policies.maxMonths"), numeric: true, cell: (p) => n(p.maxMonths) },
    { id: "min", header: t("policies.minMonths"), numeric: true, cell: (p) => n(p.minMonths) },
    { id: "eop", header: t("policies.eopMonths"), numeric: true, cell: (p) => n(p.eopMonths) },
    { id: "review", header: t("policies.reviewPeriodMonths"), numeric: true, cell: (p) => n(p.reviewPeriodMonths) },
    { id: "lead", header: t("policies.leadTimeDays"), numeric: true, cell: (p) => n(p.leadTimeDays) },
    {
      id: "actions",
      header: <span className="visually-hidden">{t("policies.edit")}</span>,
      headerText: t("policies.edit"),
      cell: (p) => (
        <span className="actions-row">
          <button type="button" className="button button-small" onClick={() => onEdit(p)}>
            {t("policies.edit")}
          </button>
          <button type="button" className="button button-small" onClick={() => onDelete(p)}>
            {t("policies.remove")}
          </button>
        </span>
      ),
    },
  ];
}

/** The rows, with their edit panel. */
function PolicyRows({ onDone }: { onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const rows = usePolicies();
  const remove = useDeletePolicy();
  const [editing, setEditing] = useState<PolicyView | null>(null);
  const onDelete = (p: PolicyView) => {
    if (window.confirm(t("policies.removeConfirm")))
      remove.mutate(p.id, { onSuccess: () => onDone(t("policies.removed")) });
  };
  const columns = useColumns(setEditing, onDelete);
  if (rows.isPending) return <Loading />;
  if (rows.isError) return <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />;
  return (
    <section aria-labelledby="rows-title">
      <h2 id="rows-title">{t("policies.rowsTitle")}</h2>
      {remove.error && <ActionError error={remove.error} />}
      {editing && (
        <div className="admin-panel" data-testid="policy-panel">
          <div className="page-head">
            <h3>{t("policies.editTitle", { id: editing.id })}</h3>
            <button type="button" className="button button-small" onClick={() => setEditing(null)}>
              {t("policies.close")}
            </button>
          </div>
          <PolicyEditForm key={editing.id} row={editing} onDone={(text) => (setEditing(null), onDone(text))} />
        </div>
      )}
      <DataTable
        columns={columns}
        rows={rows.data}
        rowKey={(p) => p.id}
        caption={t("policies.caption")}
        label={t("policies.caption")}
        testId="policies-table"
        rowProps={(p) => ({ "data-policy": p.id })}
      />
    </section>
  );
}

/** The page. */
export default function PoliciesPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const [notice, setNotice] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <div className="page policies-page">
      <div className="page-head">
        <div>
          <h1>{t("policies.title")}</h1>
          <p className="muted">{t("policies.intro")}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          {t("policies.newTitle")}
        </button>
      </div>
      <p className="notice" role="status" aria-live="polite" data-testid="notice">
        {notice}
      </p>
      {settings.data && (
        <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} onDone={setNotice} />
      )}
      <EffectivePolicy />
      {adding && (
        <section className="admin-panel" aria-labelledby="policy-new-title">
          <h2 id="policy-new-title">{t("policies.newTitle")}</h2>
          <PolicyCreateForm onDone={(text) => (setAdding(false), setNotice(text))} />
        </section>
      )}
      <PolicyRows onDone={setNotice} />
      <SheetsPanel entities={["policies"]} intro={t("policies.sheetsIntro")} onDone={setNotice} />
    </div>
  );
}

/**
 * The DHIS2 connection: address, basic auth or personal access token, data set, timeout — checked as typed by the
 * shared contract (Dhis2SettingsInput). The password or token is write-only: the screen only knows whether one is
 * stored, and an empty field keeps it (the server asks for it again when the address or account changes).
 * "Tester" sends a dry-run import of no value with the settings typed.
 */
import { dynamicText } from "../../i18n/keys";
import { useEffect, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Dhis2SettingsInput, type Dhis2ConnectionTestResult, type Dhis2SettingsView } from "@shared/contracts/interop";
import { testDhis2Connection, useDhis2Settings, useSaveDhis2Settings } from "../../api/interop";
import { ErrorState, Loading } from "../../components/States";
import { formatDateTime } from "../../i18n/format";
import { FormActions, FormFrame, QuantityField, TextField } from "../../lib/forms/fields";
import { numberOrNaN, optionalText } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { InteropError } from "./InteropError";

/** The settings as typed. */
interface Draft {
  baseUrl: string;
  authKind: "basic" | "token";
  username: string;
  secret: string;
  dataSetUid: string;
  timeoutS: string;
}

const draftOf = (v: Dhis2SettingsView): Draft => ({
  baseUrl: v.baseUrl ?? "",
  authKind: v.authKind ?? "basic",
  username: v.username ?? "",
  secret: "",
  dataSetUid: v.dataSetUid ?? "",
  timeoutS: String(v.timeoutS),
});

/** The settings as the API takes them (an empty secret keeps the stored one). */
const inputOf = (d: Draft) => ({
  baseUrl: d.baseUrl.trim(),
  authKind: d.authKind,
  username: d.authKind === "basic" ? (optionalText(d.username) ?? null) : null,
  ...(d.secret !== "" ? { secret: d.secret } : {}),
  dataSetUid: optionalText(d.dataSetUid) ?? null,
  timeoutS: numberOrNaN(d.timeoutS),
});

const MESSAGES = {
  "baseUrl:invalid_format": "interop.settingsScreen.invalidUrl",
  username: "forms.invalid.required",
  "dataSetUid:invalid_format": "interop.mappingScreen.invalidUid",
};

/** The connection tab. */
export function SettingsPanel() {
  const settings = useDhis2Settings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm view={settings.data} />;
}

/** Address and kind of authentication, account, secret (write-only), data set and timeout. */
function SettingsFields({ hasSecret }: { hasSecret: boolean }) {
  const { t } = useTranslation();
  const { register } = useFormContext<Draft>();
  const authKind = useWatch<Draft, "authKind">({ name: "authKind" });
  return (
    <>
      <div className="entry-fields">
        <TextField
          name="baseUrl"
          id="dhis2-url"
          type="url"
          label={t("interop.settingsScreen.baseUrl")}
          className="field-grow"
          placeholder="https://dhis2.sante.gov.ml"
        />
        <fieldset className="field">
          <legend>{t("interop.settingsScreen.authKind")}</legend>
          {(["basic", "token"] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" value={k} {...register("authKind")} />
              {t(`interop.settingsScreen.${k}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="entry-fields">
        {authKind === "basic" && (
          <TextField name="username" id="dhis2-user" label={t("interop.settingsScreen.username")} autoComplete="off" />
        )}
        <TextField
          name="secret"
          id="dhis2-secret"
          type="password"
          autoComplete="new-password"
          label={authKind === "basic" ? t("interop.settingsScreen.secret") : t("interop.settingsScreen.tokenSecret")}
          hint={hasSecret ? t("interop.settingsScreen.secretKept") : t("interop.settingsScreen.secretNone")}
        />
        <TextField name="dataSetUid" id="dhis2-dataset" label={t("interop.settingsScreen.dataSet")} maxLength={11} />
        <QuantityField name="timeoutS" id="dhis2-timeout" label={t("interop.settingsScreen.timeout")} />
      </div>
    </>
  );
}

/** "Tester la connexion": the settings typed, checked by the contract, sent as a dry run; its outcome. */
function useConnectionTest(values: () => Draft, check: () => Promise<boolean>) {
  const [test, setTest] = useState<{ result?: Dhis2ConnectionTestResult; error?: unknown; busy: boolean }>({
    busy: false,
  });
  const run = async () => {
    if (!(await check())) return;
    setTest({ busy: true });
    try {
      setTest({ busy: false, result: await testDhis2Connection(Dhis2SettingsInput.parse(inputOf(values()))) });
    } catch (error) {
      setTest({ busy: false, error });
    }
  };
  return { test, run };
}

function SettingsForm({ view }: { view: Dhis2SettingsView }) {
  const { t } = useTranslation();
  const save = useSaveDhis2Settings();
  const form = useContractForm({
    contract: Dhis2SettingsInput,
    toRequest: inputOf,
    defaultValues: draftOf(view),
    customMessages: MESSAGES,
  });
  const { test, run } = useConnectionTest(form.getValues, () => form.trigger());
  // Saved elsewhere (or just now): the stored settings come back, the secret typed stays.
  useEffect(() => form.reset({ ...draftOf(view), secret: form.getValues("secret") }), [view, form]);
  return (
    <FormFrame
      form={form}
      onValid={(body) => save.mutate(body, { onSuccess: () => form.setValue("secret", "") })}
      serverError={save.error}
      className="entry-form interop-section"
      aria-labelledby="settings-title"
      data-testid="dhis2-settings"
    >
      <h2 id="settings-title">{t("interop.settingsScreen.title")}</h2>
      {view.updatedAt && (
        <p className="muted small">{t("interop.settingsScreen.updatedAt", { date: formatDateTime(view.updatedAt) })}</p>
      )}
      <SettingsFields hasSecret={view.hasSecret} />
      <FormActions submitLabel={t("interop.settingsScreen.save")} pending={save.isPending}>
        <button type="button" className="button" disabled={test.busy} onClick={() => void run()}>
          {t("interop.settingsScreen.test")}
        </button>
      </FormActions>
      {save.isSuccess && !save.isPending && (
        <p className="note" role="status">
          {t("interop.settingsScreen.saved")}
        </p>
      )}
      <InteropError error={test.error} />
      {test.result && <TestResult result={test.result} />}
    </FormFrame>
  );
}

function TestResult({ result }: { result: Dhis2ConnectionTestResult }) {
  const { t } = useTranslation();
  if (result.ok)
    return (
      <p className="note" role="status" data-testid="dhis2-test" data-ok="true">
        {t("interop.settingsScreen.testOk", { status: t(`interop.push.status.${result.status ?? "SUCCESS"}`) })}
      </p>
    );
  const reason = result.errorCode
    ? dynamicText(t, `interop.${result.errorCode}`, { status: result.httpStatus ?? "" })
    : t(`interop.push.status.${result.status ?? "ERROR"}`);
  return (
    <p className="form-error" role="alert" data-testid="dhis2-test" data-ok="false">
      {t("interop.settingsScreen.testFailed", { reason })}
    </p>
  );
}

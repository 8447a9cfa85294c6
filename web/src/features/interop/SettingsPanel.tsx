/**
 * The DHIS2 connection: address, basic auth or personal access token, data set, timeout. The password or token
 * is write-only: the screen only knows whether one is stored, and an empty field keeps it (the server asks for it
 * again when the address or account changes). "Tester" sends a dry-run import of no value with these settings.
 */
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Dhis2ConnectionTestResult, Dhis2SettingsInput, Dhis2SettingsView } from "@shared/contracts/interop";
import { testDhis2Connection, useDhis2Settings, useSaveDhis2Settings } from "../../api/interop";
import { ErrorState, Loading } from "../../components/States";
import { formatDateTime } from "../../i18n/format";
import { InteropError } from "./InteropError";

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
const inputOf = (d: Draft): Dhis2SettingsInput => ({
  baseUrl: d.baseUrl.trim(),
  authKind: d.authKind,
  username: d.authKind === "basic" ? d.username.trim() || null : null,
  ...(d.secret !== "" ? { secret: d.secret } : {}),
  dataSetUid: d.dataSetUid.trim() || null,
  timeoutS: Number(d.timeoutS) || 30,
});

/** The connection tab. */
export function SettingsPanel() {
  const settings = useDhis2Settings();
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm view={settings.data} />;
}

/** A change handler of one field of the draft. */
type Setter = (k: keyof Draft) => (e: { target: { value: string } }) => void;

/** Address and kind of authentication, account, secret (write-only), data set and timeout. */
function SettingsFields({ draft, set, hasSecret }: { draft: Draft; set: Setter; hasSecret: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="entry-fields">
        <div className="field field-grow">
          <label htmlFor="dhis2-url">{t("interop.settingsScreen.baseUrl")}</label>
          <input
            id="dhis2-url"
            type="url"
            value={draft.baseUrl}
            placeholder="https://dhis2.sante.gov.ml"
            onChange={set("baseUrl")}
          />
        </div>
        <fieldset className="field">
          <legend>{t("interop.settingsScreen.authKind")}</legend>
          {(["basic", "token"] as const).map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name="dhis2-auth"
                value={k}
                checked={draft.authKind === k}
                onChange={set("authKind")}
              />
              {t(`interop.settingsScreen.${k}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="entry-fields">
        {draft.authKind === "basic" && (
          <div className="field">
            <label htmlFor="dhis2-user">{t("interop.settingsScreen.username")}</label>
            <input id="dhis2-user" autoComplete="off" value={draft.username} onChange={set("username")} />
          </div>
        )}
        <div className="field">
          <label htmlFor="dhis2-secret">
            {draft.authKind === "basic" ? t("interop.settingsScreen.secret") : t("interop.settingsScreen.tokenSecret")}
          </label>
          <input
            id="dhis2-secret"
            type="password"
            autoComplete="new-password"
            value={draft.secret}
            onChange={set("secret")}
            aria-describedby="dhis2-secret-hint"
          />
          <span id="dhis2-secret-hint" className="muted small">
            {hasSecret ? t("interop.settingsScreen.secretKept") : t("interop.settingsScreen.secretNone")}
          </span>
        </div>
        <div className="field">
          <label htmlFor="dhis2-dataset">{t("interop.settingsScreen.dataSet")}</label>
          <input id="dhis2-dataset" value={draft.dataSetUid} maxLength={11} onChange={set("dataSetUid")} />
        </div>
        <div className="field">
          <label htmlFor="dhis2-timeout">{t("interop.settingsScreen.timeout")}</label>
          <input id="dhis2-timeout" type="number" min={1} max={300} value={draft.timeoutS} onChange={set("timeoutS")} />
        </div>
      </div>
    </>
  );
}

function SettingsForm({ view }: { view: Dhis2SettingsView }) {
  const { t } = useTranslation();
  const save = useSaveDhis2Settings();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [test, setTest] = useState<{ result?: Dhis2ConnectionTestResult; error?: unknown; busy: boolean }>({
    busy: false,
  });
  useEffect(() => setDraft((d) => ({ ...draftOf(view), secret: d.secret })), [view]);
  const set: Setter = (k) => (e) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(inputOf(draft), { onSuccess: () => setDraft((d) => ({ ...d, secret: "" })) });
  };
  const runTest = async () => {
    setTest({ busy: true });
    try {
      setTest({ busy: false, result: await testDhis2Connection(inputOf(draft)) });
    } catch (error) {
      setTest({ busy: false, error });
    }
  };
  return (
    <form
      className="entry-form interop-section"
      onSubmit={submit}
      aria-labelledby="settings-title"
      data-testid="dhis2-settings"
    >
      <h2 id="settings-title">{t("interop.settingsScreen.title")}</h2>
      {view.updatedAt && (
        <p className="muted small">{t("interop.settingsScreen.updatedAt", { date: formatDateTime(view.updatedAt) })}</p>
      )}
      <SettingsFields draft={draft} set={set} hasSecret={view.hasSecret} />
      <div className="actions-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t("interop.settingsScreen.save")}
        </button>
        <button
          type="button"
          className="button"
          disabled={test.busy || draft.baseUrl.trim() === ""}
          onClick={() => void runTest()}
        >
          {t("interop.settingsScreen.test")}
        </button>
      </div>
      <InteropError error={save.error} />
      {save.isSuccess && !save.isPending && (
        <p className="note" role="status">
          {t("interop.settingsScreen.saved")}
        </p>
      )}
      <InteropError error={test.error} />
      {test.result && <TestResult result={test.result} />}
    </form>
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
    ? t(`interop.${result.errorCode}`, { status: result.httpStatus ?? "" })
    : t(`interop.push.status.${result.status ?? "ERROR"}`);
  return (
    <p className="form-error" role="alert" data-testid="dhis2-test" data-ok="false">
      {t("interop.settingsScreen.testFailed", { reason })}
    </p>
  );
}

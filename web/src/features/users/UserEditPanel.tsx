/** Editing an account: name, role and scope; deactivate or reactivate (sessions ended at once); reset the password. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { Me } from "@shared/contracts/auth";
import { NewPassword } from "@shared/contracts/auth";
import type { UserView } from "@shared/contracts/users";
import { useUpdateUser } from "../../api/users";
import { ActionError } from "../../components/ActionError";
import { FormActions, FormFrame, TextField } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import { ScopeFields } from "./ScopeFields";
import { SCOPE_MESSAGES, suggestPassword, toUpdateRequest, UpdateContract, valuesOf } from "./userForm";

/** Name, role and scope. */
function EditForm({ me, user, onDone }: { me: Me; user: UserView; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const form = useContractForm({
    contract: UpdateContract,
    toRequest: toUpdateRequest,
    customMessages: SCOPE_MESSAGES,
    defaultValues: valuesOf(user),
  });
  return (
    <FormFrame
      form={form}
      onValid={(body) => update.mutate({ id: user.id, body }, { onSuccess: () => onDone(t("users.saved")) })}
      serverError={update.error}
      className="form-grid"
      data-testid="user-edit"
    >
      <TextField name="displayName" id="edit-name" label={t("users.displayName")} autoComplete="off" />
      <ScopeFields me={me} idPrefix="edit" />
      <FormActions submitLabel={t("users.save")} pending={update.isPending} pendingLabel={t("users.saving")} />
    </FormFrame>
  );
}

const RESET = z.strictObject({ password: NewPassword });

/** A new temporary password (sessions ended, to be changed at the next sign-in). */
function ResetForm({ user, onDone }: { user: UserView; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const form = useContractForm({
    contract: RESET,
    toRequest: (v: { password: string }) => v,
    defaultValues: { password: "" },
  });
  return (
    <FormFrame
      form={form}
      onValid={(body) => update.mutate({ id: user.id, body }, { onSuccess: () => onDone(t("users.resetDone")) })}
      serverError={update.error}
      className="form-grid"
      aria-label={t("users.resetTitle")}
      data-testid="user-reset"
    >
      <TextField
        name="password"
        id="reset-password"
        label={t("users.password")}
        hint={t("users.passwordHint")}
        autoComplete="new-password"
      />
      <FormActions submitLabel={t("users.reset")} pending={update.isPending}>
        <button
          type="button"
          className="button"
          onClick={() => form.setValue("password", suggestPassword(), { shouldValidate: true })}
        >
          {t("users.generate")}
        </button>
      </FormActions>
    </FormFrame>
  );
}

/** Deactivate (after confirming) or reactivate. */
function ActiveToggle({ user, onDone }: { user: UserView; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const toggle = () => {
    if (user.active && !window.confirm(t("users.deactivateConfirm", { name: user.displayName }))) return;
    update.mutate(
      { id: user.id, body: { active: !user.active } },
      {
        onSuccess: (u) => onDone(u.active ? t("users.reactivated") : t("users.deactivated", { count: user.sessions })),
      },
    );
  };
  return (
    <div className="actions-row">
      <button type="button" className="button" onClick={toggle} disabled={update.isPending} data-testid="user-toggle">
        {user.active ? t("users.deactivate") : t("users.reactivate")}
      </button>
      {update.error && <ActionError error={update.error} />}
    </div>
  );
}

/** The panel of one account; `key` it by the account so that its forms start from that account. */
export function UserEditPanel(props: { me: Me; user: UserView; onClose: () => void; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const { me, user, onClose, onDone } = props;
  const [reset, setReset] = useState(false);
  return (
    <section className="admin-panel" aria-labelledby="user-edit-title" data-testid="user-panel">
      <div className="page-head">
        <h2 id="user-edit-title">{t("users.editTitle", { name: user.displayName })}</h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t("users.close")}
        </button>
      </div>
      <p className="muted small">
        <code>{user.username}</code>
      </p>
      <EditForm me={me} user={user} onDone={onDone} />
      <h3>{t("users.resetTitle")}</h3>
      {reset ? (
        <ResetForm user={user} onDone={onDone} />
      ) : (
        <button type="button" className="button" onClick={() => setReset(true)}>
          {t("users.resetTitle")}
        </button>
      )}
      <ActiveToggle user={user} onDone={onDone} />
    </section>
  );
}

/** The new account form: username, name, role and scope, a temporary password (a suggestion may be generated). */
import { useTranslation } from "react-i18next";
import type { Me } from "@shared/contracts/auth";
import type { UserView } from "@shared/contracts/users";
import { useCreateUser } from "../../api/users";
import { FormActions, FormFrame, TextField } from "../../lib/forms/fields";
import { useContractForm } from "../../lib/forms/useContractForm";
import { ScopeFields } from "./ScopeFields";
import { CreateContract, EMPTY_ACCOUNT, SCOPE_MESSAGES, suggestPassword, toCreateRequest } from "./userForm";

/** The form, in a panel; `onCreated` receives the new account. */
export function UserCreateForm({ me, onCreated }: { me: Me; onCreated: (u: UserView) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const form = useContractForm({
    contract: CreateContract,
    toRequest: toCreateRequest,
    customMessages: SCOPE_MESSAGES,
    defaultValues: EMPTY_ACCOUNT,
  });
  return (
    <section className="admin-panel" aria-labelledby="user-new-title">
      <h2 id="user-new-title">{t("users.newTitle")}</h2>
      <FormFrame
        form={form}
        onValid={(body) => create.mutate(body, { onSuccess: (u) => onCreated(u) })}
        serverError={create.error}
        className="form-grid"
        data-testid="user-create"
      >
        <TextField
          name="username"
          id="user-username"
          label={t("users.username")}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
        />
        <TextField name="displayName" id="user-name" label={t("users.displayName")} autoComplete="off" />
        <ScopeFields me={me} idPrefix="user" />
        <TextField
          name="password"
          id="user-password"
          label={t("users.password")}
          hint={t("users.passwordHint")}
          autoComplete="new-password"
        />
        <FormActions submitLabel={t("users.create")} pending={create.isPending} pendingLabel={t("users.creating")}>
          <button
            type="button"
            className="button"
            onClick={() => form.setValue("password", suggestPassword(), { shouldValidate: true })}
          >
            {t("users.generate")}
          </button>
        </FormActions>
      </FormFrame>
    </section>
  );
}

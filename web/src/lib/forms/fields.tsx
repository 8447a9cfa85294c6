/**
 * Form primitives on react-hook-form: a frame (<FormFrame>: the form element, its context and the
 * server's answer), a labelled field with its hint and message, and typed fields — text, quantity in
 * base units with the pack size beside it, select, date typed dd/mm/yyyy — plus a bare quantity input
 * for per-line grids. Each field reads its state from the form context (`name` is the form field).
 */
import "../lib.css";
import { createContext, useContext, type FormEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormProvider, useFormContext, useWatch, type FieldValues, type SubmitHandler } from "react-hook-form";
import { errorCode, errorMessage } from "../../i18n/errors";
import { formatDecimal, formatNumber } from "../../i18n/format";
import { unitLabel } from "../../i18n/keys";
import { messageText } from "./messages";
import { parseWhole } from "./parse";
import { serverErrorIsFor, serverFieldOf, type CodeFields } from "./serverErrors";
import type { ContractForm } from "./useContractForm";

/** The last refused write of the form and the codes that belong to one field. */
interface ServerState {
  error: unknown;
  codeFields: CodeFields;
  /** Form fields that show their own server error (the rest is shown by FormActions) */
  fields: readonly string[];
}
const ServerContext = createContext<ServerState>({ error: null, codeFields: {}, fields: [] });

/** Props of the frame. */
export interface FormFrameProps<TValues extends FieldValues, TRequest> {
  form: ContractForm<TValues, TRequest>;
  /** Called with the contract's parsed request once every field is valid */
  onValid: SubmitHandler<TRequest>;
  /** The last write's error (a mutation's `error`): shown on its field, else by FormActions */
  serverError?: unknown;
  codeFields?: CodeFields;
  /** Request paths shown on a field (default: the form's fields) — a server error elsewhere goes under the button */
  serverFields?: readonly string[];
  children: ReactNode;
  className?: string;
  role?: string;
  "aria-labelledby"?: string;
  "aria-label"?: string;
  "data-testid"?: string;
}

/** The <form> with its react-hook-form and server-error context; the browser's own validation is off. */
export function FormFrame<TValues extends FieldValues, TRequest>(props: FormFrameProps<TValues, TRequest>) {
  const { form, onValid, serverError = null, codeFields = {}, serverFields, children, ...rest } = props;
  const fields = serverFields ?? Object.keys(form.formState.defaultValues ?? {});
  const onSubmit = (event: FormEvent) => void form.handleSubmit(onValid)(event);
  return (
    <FormProvider {...form}>
      <ServerContext.Provider value={{ error: serverError, codeFields, fields }}>
        <form noValidate onSubmit={onSubmit} {...rest}>
          {children}
        </form>
      </ServerContext.Provider>
    </FormProvider>
  );
}

/** The message of a field: its own problem as typed, else the server's error when it names this field (or `serverPath`). */
export function useFieldMessage(name: string, serverPath = name): { text: string; code?: string } | null {
  const { t } = useTranslation();
  const server = useContext(ServerContext);
  const { getFieldState, formState } = useFormContext();
  const own = getFieldState(name, formState).error;
  if (own?.message) return { text: messageText(t, own.message) };
  if (server.error && serverErrorIsFor(server.error, serverPath, server.codeFields))
    return { text: errorMessage(t, server.error), code: errorCode(server.error) };
  return null;
}

/** The message line under a control (nothing when there is no problem). */
export function FieldMessage({ id, name, serverPath }: { id: string; name: string; serverPath?: string }) {
  const message = useFieldMessage(name, serverPath);
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert" data-error-code={message.code}>
      {message.text}
    </p>
  );
}

/** ARIA of a control: invalid when it has a message, described by its hint and message. */
export function useControlAria(id: string, name: string, extra: string[] = [], serverPath = name) {
  const message = useFieldMessage(name, serverPath);
  return {
    id,
    "aria-invalid": message ? true : undefined,
    "aria-describedby": [`${id}-msg`, ...extra].join(" "),
  } as const;
}

/** Props shared by the labelled fields. */
interface BaseFieldProps {
  /** Form field */
  name: string;
  /** Id of the control (its message is `${id}-msg`, its hint `${id}-hint`) */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
}

/** Label, control, hint and message, stacked. */
function FieldBox({ id, name, label, hint, className, children }: BaseFieldProps & { children: ReactNode }) {
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="muted small">
          {hint}
        </span>
      )}
      <FieldMessage id={`${id}-msg`} name={name} />
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "value" | "defaultValue">;

/** A text field. */
export function TextField({ name, id, label, hint, className, ...input }: BaseFieldProps & InputProps) {
  const { register } = useFormContext();
  const aria = useControlAria(id, name, hint ? [`${id}-hint`] : []);
  return (
    <FieldBox name={name} id={id} label={label} hint={hint} className={className}>
      <input {...input} {...aria} {...register(name)} />
    </FieldBox>
  );
}

/** A text area (reasons, notes). */
export function TextAreaField({ name, id, label, hint, className, rows = 2 }: BaseFieldProps & { rows?: number }) {
  const { register } = useFormContext();
  const aria = useControlAria(id, name, hint ? [`${id}-hint`] : []);
  return (
    <FieldBox name={name} id={id} label={label} hint={hint} className={className}>
      <textarea rows={rows} {...aria} {...register(name)} />
    </FieldBox>
  );
}

/** The pack size beside a quantity in base units, and the packs the typed quantity makes. */
export function PackNote({ id, name, packSize, unit }: { id: string; name: string; packSize: number; unit: string }) {
  const { t, i18n } = useTranslation();
  const text = useWatch({ name }) as string | undefined;
  const qty = parseWhole(text ?? "", { signed: true });
  const size = formatNumber(packSize, i18n.language);
  return (
    <span id={id} className="muted small pack-note" data-testid="pack-size">
      {t("forms.packSize", { count: packSize, size, unit: unitLabel(t, unit, packSize) })}
      {qty !== null && qty !== 0
        ? ` — ${t("forms.packs", { count: Math.abs(qty) / packSize, packs: formatDecimal(Math.abs(qty) / packSize, i18n.language, 1) })}`
        : ""}
    </span>
  );
}

/** Props of a quantity field: the product's base unit and pack size (shown beside it once known). */
export interface QuantityFieldProps extends BaseFieldProps {
  pack?: { packSize: number; unit: string } | null;
  placeholder?: string;
  /** Shown under the pack note (e.g. the lot's balance after an adjustment) */
  after?: ReactNode;
  disabled?: boolean;
}

/** A whole quantity in base units, typed as text (parsed by lib/forms/parse), with the pack size beside it. */
export function QuantityField({
  name,
  id,
  label,
  hint,
  className,
  pack,
  placeholder,
  after,
  disabled,
}: QuantityFieldProps) {
  const { register } = useFormContext();
  const aria = useControlAria(id, name, [...(pack ? [`${id}-pack`] : []), ...(hint ? [`${id}-hint`] : [])]);
  return (
    <FieldBox name={name} id={id} label={label} hint={hint} className={className}>
      <input
        inputMode="numeric"
        autoComplete="off"
        placeholder={placeholder}
        disabled={disabled}
        {...aria}
        {...register(name)}
      />
      {pack && <PackNote id={`${id}-pack`} name={name} packSize={pack.packSize} unit={pack.unit} />}
      {after}
    </FieldBox>
  );
}

/** One option of a select. */
export interface Option {
  value: string;
  label: string;
}

/** A select; `placeholder` is the empty first option. `onValue` runs after the form holds the new value. */
export function SelectField(
  props: BaseFieldProps & {
    options: Option[];
    placeholder?: string;
    disabled?: boolean;
    onValue?: (value: string) => void;
  },
) {
  const { name, id, label, hint, className, options, placeholder, disabled, onValue } = props;
  const { register } = useFormContext();
  const aria = useControlAria(id, name, hint ? [`${id}-hint`] : []);
  const field = register(name, { onChange: (e: { target: { value: string } }) => onValue?.(e.target.value) });
  return (
    <FieldBox name={name} id={id} label={label} hint={hint} className={className}>
      <select disabled={disabled} {...aria} {...field}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldBox>
  );
}

/** A date typed day/month/year (dd/mm/yyyy, as Fura shows dates); `toRequest` turns it into ISO with `dateOrText`. */
export function DateField({ name, id, label, className, hint }: BaseFieldProps) {
  const { t } = useTranslation();
  const { register } = useFormContext();
  const aria = useControlAria(id, name, [`${id}-hint`]);
  return (
    <FieldBox name={name} id={id} label={label} hint={hint ?? t("forms.dateHint")} className={className}>
      <input
        inputMode="numeric"
        autoComplete="off"
        placeholder={t("forms.dateHint")}
        maxLength={10}
        {...aria}
        {...register(name)}
      />
    </FieldBox>
  );
}

/** A bare quantity input for a grid cell: labelled for screen readers only, its message under it. */
export function GridQuantityInput(props: {
  name: string;
  id: string;
  label: string;
  className?: string;
  /** The request path the server names for this cell, when it differs from `name` */
  serverPath?: string;
}) {
  const { name, id, label, className, serverPath } = props;
  const { register } = useFormContext();
  const aria = useControlAria(id, name, [], serverPath);
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        className={className ?? "qty-input"}
        inputMode="numeric"
        autoComplete="off"
        {...aria}
        {...register(name)}
      />
      <FieldMessage id={`${id}-msg`} name={name} serverPath={serverPath} />
    </>
  );
}

/** The server's error when it names no field of the form (a field's own error is shown under it). */
export function FormServerError() {
  const { t } = useTranslation();
  const server = useContext(ServerContext);
  const field = serverFieldOf(server.error, server.codeFields);
  const onField = field !== null && server.fields.some((f) => field === f || field.startsWith(`${f}.`));
  if (!server.error || onField) return null;
  return (
    <p className="form-error" role="alert" data-error-code={errorCode(server.error)}>
      {errorMessage(t, server.error)}
    </p>
  );
}

/** The server's error when it names no field of the form, then the submit button (and any other actions). */
export function FormActions({
  submitLabel,
  pending,
  pendingLabel,
  children,
}: {
  submitLabel: string;
  pending: boolean;
  pendingLabel?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="actions-row">
      <FormServerError />
      {children}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? (pendingLabel ?? t("common.sending")) : submitLabel}
      </button>
    </div>
  );
}

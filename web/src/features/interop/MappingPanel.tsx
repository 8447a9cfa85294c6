/**
 * The DHIS2 mapping, which is data: product × field → data element (+ category option combo), facility →
 * organisation unit. Each table lists the rows with a remove button and a form to set one row; the spreadsheet
 * import sets many at once.
 */
import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DataElementMappingRow, OrgUnitMappingRow } from "@shared/contracts/interop";
import { DHIS2_FIELDS } from "@shared/domain/interop/dhis2Fields";
import { useDhis2Mappings, useMappingWrites } from "../../api/interop";
import { useFacilities, useProducts } from "../../api/reference";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { FormActions, FormFrame, SelectField, TextField } from "../../lib/forms/fields";
import { optionalText } from "../../lib/forms/parse";
import { useContractForm } from "../../lib/forms/useContractForm";
import { ProductPickerField } from "../../lib/pickers/ProductPicker";
import { InteropError } from "./InteropError";
import { SheetImport } from "./SheetImport";

/** The mapping tab. */
export function MappingPanel() {
  return (
    <>
      <DataElementTable />
      <OrgUnitTable />
      <SheetImport />
    </>
  );
}

/** One column of a mapping table: its header and what a row shows in it. */
interface MappingColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * A mapping table (product × field → data element, or facility → organisation unit): its rows each with a remove
 * button, the removal's error, then the form that sets one row.
 */
function MappingTable<T>(props: {
  id: string;
  title: string;
  testId: string;
  query: UseQueryResult<{ items: T[] }>;
  columns: MappingColumn<T>[];
  rowKey: (row: T) => string;
  /** What the remove button of a row names, for a screen reader */
  removeWhat: (row: T) => string;
  remove: { mutate: (row: T) => void; error: Error | null };
  form: ReactNode;
}) {
  const { t } = useTranslation();
  const { query } = props;
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data.items;
  return (
    <section className="interop-section" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {rows.length === 0 ? (
        <EmptyState>{t("interop.mappingScreen.empty")}</EmptyState>
      ) : (
        <div className="table-scroll interop-table">
          <table className="table small" data-testid={props.testId}>
            <caption className="muted">{t("interop.mappingScreen.count", { count: rows.length })}</caption>
            <thead>
              <tr>
                {props.columns.map((c) => (
                  <th key={c.header} scope="col">
                    {c.header}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">{t("interop.mappingScreen.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={props.rowKey(r)}>
                  {props.columns.map((c) => (
                    <td key={c.header}>{c.cell(r)}</td>
                  ))}
                  <td>
                    <button
                      type="button"
                      className="button button-ghost"
                      aria-label={t("interop.mappingScreen.removeOf", { what: props.removeWhat(r) })}
                      onClick={() => props.remove.mutate(r)}
                    >
                      {t("interop.mappingScreen.remove")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InteropError error={props.remove.error} />
      {props.form}
    </section>
  );
}

function DataElementTable() {
  const { t } = useTranslation();
  const { dataElements } = useDhis2Mappings();
  const { removeDataElement } = useMappingWrites();
  return (
    <MappingTable
      id="map-de-title"
      title={t("interop.mappingScreen.dataElements")}
      testId="data-element-mapping"
      query={dataElements}
      columns={[
        { header: t("interop.mappingScreen.product"), cell: (r) => `${r.productName} (${r.productCode})` },
        { header: t("interop.mappingScreen.field"), cell: (r) => t(`interop.fields.${r.field}`) },
        { header: t("interop.mappingScreen.dataElement"), cell: (r) => r.dataElementUid },
        { header: t("interop.export.coc"), cell: (r) => r.categoryOptionComboUid ?? "—" },
      ]}
      rowKey={(r) => `${r.productId}|${r.field}`}
      removeWhat={(r) => `${r.productCode} ${r.field}`}
      remove={{
        mutate: (r) => removeDataElement.mutate({ productId: r.productId, field: r.field }),
        error: removeDataElement.error,
      }}
      form={<DataElementForm />}
    />
  );
}

/** A DHIS2 UID that does not look like one: said in the reader's language. */
const UID_MESSAGES = {
  "dataElementUid:invalid_format": "interop.mappingScreen.invalidUid",
  "categoryOptionComboUid:invalid_format": "interop.mappingScreen.invalidUid",
  "orgUnitUid:invalid_format": "interop.mappingScreen.invalidUid",
};

/** A data element row as typed. */
interface DataElementValues {
  productId: string;
  field: string;
  dataElementUid: string;
  categoryOptionComboUid: string;
}
const NO_DATA_ELEMENT: DataElementValues = {
  productId: "",
  field: "consumed",
  dataElementUid: "",
  categoryOptionComboUid: "",
};
const dataElementRequest = (v: DataElementValues) => ({
  productId: v.productId === "" ? undefined : Number(v.productId),
  field: v.field,
  dataElementUid: v.dataElementUid,
  categoryOptionComboUid: optionalText(v.categoryOptionComboUid),
});

/** Setting one product × field row: checked by the shared contract as typed. */
function DataElementForm() {
  const { t } = useTranslation();
  const products = useProducts(null);
  const { setDataElement } = useMappingWrites();
  const form = useContractForm({
    contract: DataElementMappingRow,
    toRequest: dataElementRequest,
    defaultValues: NO_DATA_ELEMENT,
    customMessages: UID_MESSAGES,
  });
  const fields = DHIS2_FIELDS.map((f) => ({ value: f, label: t(`interop.fields.${f}`) }));
  return (
    <FormFrame
      form={form}
      onValid={(body) => setDataElement.mutate(body, { onSuccess: () => form.setValue("dataElementUid", "") })}
      serverError={setDataElement.error}
      className="entry-form interop-row-form"
    >
      <div className="entry-fields">
        <ProductPickerField name="productId" id="map-product" products={products.data ?? []} />
        <SelectField name="field" id="map-field" label={t("interop.mappingScreen.field")} options={fields} />
        <TextField name="dataElementUid" id="map-de" label={t("interop.mappingScreen.dataElement")} maxLength={11} />
        <TextField name="categoryOptionComboUid" id="map-coc" label={t("interop.mappingScreen.coc")} maxLength={11} />
      </div>
      <FormActions submitLabel={t("interop.mappingScreen.add")} pending={setDataElement.isPending} />
    </FormFrame>
  );
}

function OrgUnitTable() {
  const { t } = useTranslation();
  const { orgUnits } = useDhis2Mappings();
  const { removeOrgUnit } = useMappingWrites();
  return (
    <MappingTable
      id="map-ou-title"
      title={t("interop.mappingScreen.orgUnits")}
      testId="org-unit-mapping"
      query={orgUnits}
      columns={[
        { header: t("interop.mappingScreen.facility"), cell: (r) => `${r.facilityName} (${r.facilityId})` },
        { header: t("interop.mappingScreen.orgUnit"), cell: (r) => r.orgUnitUid },
        { header: t("interop.mappingScreen.orgUnitCode"), cell: (r) => r.orgUnitCode ?? "—" },
        { header: t("interop.mappingScreen.orgUnitName"), cell: (r) => r.orgUnitName ?? "—" },
      ]}
      rowKey={(r) => r.facilityId}
      removeWhat={(r) => r.facilityName}
      remove={{ mutate: (r) => removeOrgUnit.mutate(r.facilityId), error: removeOrgUnit.error }}
      form={<OrgUnitForm />}
    />
  );
}

/** An organisation-unit row as typed. */
interface OrgUnitValues {
  facilityId: string;
  orgUnitUid: string;
}
const orgUnitRequest = (v: OrgUnitValues) => ({
  facilityId: optionalText(v.facilityId),
  orgUnitUid: v.orgUnitUid,
});

/** Setting one facility → organisation unit row: checked by the shared contract as typed. */
function OrgUnitForm() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const { setOrgUnit } = useMappingWrites();
  const form = useContractForm({
    contract: OrgUnitMappingRow,
    toRequest: orgUnitRequest,
    defaultValues: { facilityId: "", orgUnitUid: "" },
    customMessages: UID_MESSAGES,
  });
  return (
    <FormFrame
      form={form}
      onValid={(body) => setOrgUnit.mutate(body, { onSuccess: () => form.setValue("orgUnitUid", "") })}
      serverError={setOrgUnit.error}
      className="entry-form interop-row-form"
    >
      <div className="entry-fields">
        <TextField
          name="facilityId"
          id="map-facility"
          label={t("interop.mappingScreen.facility")}
          className="field-grow"
          list="map-facility-list"
          autoComplete="off"
        />
        <datalist id="map-facility-list">
          {(facilities.data?.items ?? []).map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </datalist>
        <TextField name="orgUnitUid" id="map-ou" label={t("interop.mappingScreen.orgUnit")} maxLength={11} />
      </div>
      <FormActions submitLabel={t("interop.mappingScreen.add")} pending={setOrgUnit.isPending} />
    </FormFrame>
  );
}

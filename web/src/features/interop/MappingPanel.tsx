/**
 * The DHIS2 mapping, which is data: product × field → data element (+ category option combo), facility →
 * organisation unit. Each table lists the rows with a remove button and a form to set one row; the spreadsheet
 * import sets many at once.
 */
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

function DataElementTable() {
  const { t } = useTranslation();
  const { dataElements } = useDhis2Mappings();
  const { removeDataElement } = useMappingWrites();
  if (dataElements.isPending) return <Loading />;
  if (dataElements.isError)
    return <ErrorState error={dataElements.error} onRetry={() => void dataElements.refetch()} />;
  const rows = dataElements.data.items;
  return (
    <section className="interop-section" aria-labelledby="map-de-title">
      <h2 id="map-de-title">{t("interop.mappingScreen.dataElements")}</h2>
      {rows.length === 0 ? (
        <EmptyState>{t("interop.mappingScreen.empty")}</EmptyState>
      ) : (
        <div className="table-scroll interop-table">
          <table className="table small" data-testid="data-element-mapping">
            <caption className="muted">{t("interop.mappingScreen.count", { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("interop.mappingScreen.product")}</th>
                <th scope="col">{t("interop.mappingScreen.field")}</th>
                <th scope="col">{t("interop.mappingScreen.dataElement")}</th>
                <th scope="col">{t("interop.export.coc")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("interop.mappingScreen.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.productId}|${r.field}`}>
                  <td>
                    {r.productName} ({r.productCode})
                  </td>
                  <td>{t(`interop.fields.${r.field}`)}</td>
                  <td>{r.dataElementUid}</td>
                  <td>{r.categoryOptionComboUid ?? "—"}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-ghost"
                      aria-label={t("interop.mappingScreen.removeOf", { what: `${r.productCode} ${r.field}` })}
                      onClick={() => removeDataElement.mutate({ productId: r.productId, field: r.field })}
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
      <InteropError error={removeDataElement.error} />
      <DataElementForm />
    </section>
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
  if (orgUnits.isPending) return <Loading />;
  if (orgUnits.isError) return <ErrorState error={orgUnits.error} onRetry={() => void orgUnits.refetch()} />;
  const rows = orgUnits.data.items;
  return (
    <section className="interop-section" aria-labelledby="map-ou-title">
      <h2 id="map-ou-title">{t("interop.mappingScreen.orgUnits")}</h2>
      {rows.length === 0 ? (
        <EmptyState>{t("interop.mappingScreen.empty")}</EmptyState>
      ) : (
        <div className="table-scroll interop-table">
          <table className="table small" data-testid="org-unit-mapping">
            <caption className="muted">{t("interop.mappingScreen.count", { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("interop.mappingScreen.facility")}</th>
                <th scope="col">{t("interop.mappingScreen.orgUnit")}</th>
                <th scope="col">{t("interop.mappingScreen.orgUnitCode")}</th>
                <th scope="col">{t("interop.mappingScreen.orgUnitName")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("interop.mappingScreen.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.facilityId}>
                  <td>
                    {r.facilityName} ({r.facilityId})
                  </td>
                  <td>{r.orgUnitUid}</td>
                  <td>{r.orgUnitCode ?? "—"}</td>
                  <td>{r.orgUnitName ?? "—"}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-ghost"
                      aria-label={t("interop.mappingScreen.removeOf", { what: r.facilityName })}
                      onClick={() => removeOrgUnit.mutate(r.facilityId)}
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
      <InteropError error={removeOrgUnit.error} />
      <OrgUnitForm />
    </section>
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

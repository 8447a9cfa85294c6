/**
 * The DHIS2 mapping, which is data: product × field → data element (+ category option combo), facility →
 * organisation unit. Each table lists the rows with a remove button and a form to set one row; the spreadsheet
 * import sets many at once.
 */
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DHIS2_FIELDS, type Dhis2Field } from "@shared/domain/interop/dhis2Fields";
import { useDhis2Mappings, useMappingWrites } from "../../api/interop";
import { useFacilities, useProducts } from "../../api/reference";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { ProductPicker } from "../../lib/pickers/ProductPicker";
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

function DataElementForm() {
  const { t } = useTranslation();
  const products = useProducts(null);
  const { setDataElement } = useMappingWrites();
  const [productId, setProductId] = useState<number | null>(null);
  const [field, setField] = useState<Dhis2Field>("consumed");
  const [de, setDe] = useState("");
  const [coc, setCoc] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (productId === null) return;
    setDataElement.mutate(
      { productId, field, dataElementUid: de.trim(), categoryOptionComboUid: coc.trim() || null },
      { onSuccess: () => setDe("") },
    );
  };
  return (
    <form className="entry-form interop-row-form" onSubmit={submit}>
      <div className="entry-fields">
        <ProductPicker products={products.data ?? []} value={productId} onChange={setProductId} />
        <div className="field">
          <label htmlFor="map-field">{t("interop.mappingScreen.field")}</label>
          <select id="map-field" value={field} onChange={(e) => setField(e.target.value as Dhis2Field)}>
            {DHIS2_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`interop.fields.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="map-de">{t("interop.mappingScreen.dataElement")}</label>
          <input id="map-de" value={de} maxLength={11} onChange={(e) => setDe(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="map-coc">{t("interop.mappingScreen.coc")}</label>
          <input id="map-coc" value={coc} maxLength={11} onChange={(e) => setCoc(e.target.value)} />
        </div>
      </div>
      <div className="actions-row">
        <InteropError error={setDataElement.error} />
        <button
          type="submit"
          className="button button-primary"
          disabled={productId === null || setDataElement.isPending}
        >
          {t("interop.mappingScreen.add")}
        </button>
      </div>
    </form>
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

function OrgUnitForm() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const { setOrgUnit } = useMappingWrites();
  const [facilityId, setFacilityId] = useState("");
  const [uid, setUid] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setOrgUnit.mutate(
      { facilityId: facilityId.trim(), orgUnitUid: uid.trim(), orgUnitCode: null, orgUnitName: null },
      { onSuccess: () => setUid("") },
    );
  };
  return (
    <form className="entry-form interop-row-form" onSubmit={submit}>
      <div className="entry-fields">
        <div className="field field-grow">
          <label htmlFor="map-facility">{t("interop.mappingScreen.facility")}</label>
          <input
            id="map-facility"
            list="map-facility-list"
            value={facilityId}
            onChange={(e) => setFacilityId(e.target.value)}
          />
          <datalist id="map-facility-list">
            {(facilities.data?.items ?? []).map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="map-ou">{t("interop.mappingScreen.orgUnit")}</label>
          <input id="map-ou" value={uid} maxLength={11} onChange={(e) => setUid(e.target.value)} />
        </div>
      </div>
      <div className="actions-row">
        <InteropError error={setOrgUnit.error} />
        <button
          type="submit"
          className="button button-primary"
          disabled={facilityId.trim() === "" || uid.trim() === "" || setOrgUnit.isPending}
        >
          {t("interop.mappingScreen.add")}
        </button>
      </div>
    </form>
  );
}

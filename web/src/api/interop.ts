/**
 * Interoperability hooks: the scanner's GS1 read, products' GTINs, the DHIS2 settings, mapping and imports, the
 * export of a month, pushes, and the OpenAPI document. Writes carry their Idempotency-Key (useWriteMutation);
 * previews and the connection test are computations (POST without a key).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  DataElementMappingRow,
  DataElementMappingView,
  Dhis2ConnectionTestResult,
  Dhis2ExportResponse,
  Dhis2PushList,
  Dhis2PushSchema,
  Dhis2SettingsView,
  Gs1ParseResponse,
  MappingImportPreview,
  OrgUnitImportPreview,
  OrgUnitImportResult,
  OrgUnitMappingRow,
  OrgUnitMappingView,
  ProductByGtinSchema,
  ProductGtinList,
  type DataElementMappingRow as DataElementRow,
  type Dhis2PushRequest,
  type Dhis2SettingsInput,
  type MappingImportRequest,
  type OrgUnitImportApply,
  type OrgUnitImportRequest,
  type OrgUnitMappingRow as OrgUnitRow,
  type ProductGtinCreate,
} from "@shared/contracts/interop";
import type { Dhis2Field } from "@shared/domain/interop/dhis2Fields";
import { apiGet, apiUrl, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

const Deleted = z.object({ deleted: z.literal(true) });
const post = <S extends z.ZodType>(schema: S, path: string, body: unknown) =>
  apiGet(schema, path, { method: "POST", body });

/** Reads a scanned barcode (POST /interop/gs1/parse): GTIN, lot, expiry, serial and the product. */
export const parseScan = (code: string) => post(Gs1ParseResponse, "/interop/gs1/parse", { code });

/** The GTINs of a product. */
export function useProductGtins(productId: number | null) {
  return useQuery({
    enabled: productId !== null,
    queryKey: ["gtins", productId],
    queryFn: ({ signal }) => apiGet(ProductGtinList, "/interop/gtins", { query: { productId }, signal }),
  });
}

/** Adds a GTIN to a product, or removes one. */
export function useGtinWrites() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: ["gtins"] });
  const add = useWriteMutation(
    (body: ProductGtinCreate, key) => apiWrite(ProductByGtinSchema, "/interop/gtins", { body, idempotencyKey: key }),
    { onSuccess },
  );
  const remove = useWriteMutation(
    (gtin: string, key) =>
      apiWrite(Deleted, `/interop/gtins/${encodeURIComponent(gtin)}`, { method: "DELETE", idempotencyKey: key }),
    { onSuccess },
  );
  return { add, remove };
}

/** The DHIS2 connection as stored (never the secret). */
export function useDhis2Settings() {
  return useQuery({
    queryKey: ["dhis2-settings"],
    queryFn: ({ signal }) => apiGet(Dhis2SettingsView, "/interop/dhis2/settings", { signal }),
  });
}

/** Saves the connection. */
export function useSaveDhis2Settings() {
  const client = useQueryClient();
  return useWriteMutation(
    (body: Dhis2SettingsInput, key) =>
      apiWrite(Dhis2SettingsView, "/interop/dhis2/settings", { method: "PUT", body, idempotencyKey: key }),
    { onSuccess: (view) => client.setQueryData(["dhis2-settings"], view) },
  );
}

/** Tests the stored connection, or settings before they are saved. */
export const testDhis2Connection = (settings?: Dhis2SettingsInput) =>
  post(Dhis2ConnectionTestResult, "/interop/dhis2/settings/test", settings ? { settings } : {});

/** The mapping: product × field → data element, and facility → org unit. */
export function useDhis2Mappings() {
  const dataElements = useQuery({
    queryKey: ["dhis2-mapping", "dataElements"],
    queryFn: ({ signal }) =>
      apiGet(z.object({ items: z.array(DataElementMappingView) }), "/interop/dhis2/mappings/data-elements", { signal }),
  });
  const orgUnits = useQuery({
    queryKey: ["dhis2-mapping", "orgUnits"],
    queryFn: ({ signal }) =>
      apiGet(z.object({ items: z.array(OrgUnitMappingView) }), "/interop/dhis2/mappings/org-units", { signal }),
  });
  return { dataElements, orgUnits };
}

/** Edits of the mapping, one row at a time, and the spreadsheet import; each refreshes the mapping. */
export function useMappingWrites() {
  const client = useQueryClient();
  const onSuccess = () => void client.invalidateQueries({ queryKey: ["dhis2-mapping"] });
  const base = "/interop/dhis2/mappings";
  return {
    setDataElement: useWriteMutation(
      (body: DataElementRow, key) =>
        apiWrite(DataElementMappingRow, `${base}/data-elements`, { method: "PUT", body, idempotencyKey: key }),
      { onSuccess },
    ),
    removeDataElement: useWriteMutation(
      (k: { productId: number; field: Dhis2Field }, key) =>
        apiWrite(Deleted, `${base}/data-elements/${k.productId}/${k.field}`, { method: "DELETE", idempotencyKey: key }),
      { onSuccess },
    ),
    setOrgUnit: useWriteMutation(
      (body: OrgUnitRow, key) =>
        apiWrite(OrgUnitMappingRow, `${base}/org-units`, { method: "PUT", body, idempotencyKey: key }),
      { onSuccess },
    ),
    removeOrgUnit: useWriteMutation(
      (facilityId: string, key) =>
        apiWrite(Deleted, `${base}/org-units/${encodeURIComponent(facilityId)}`, {
          method: "DELETE",
          idempotencyKey: key,
        }),
      { onSuccess },
    ),
    applyImport: useWriteMutation(
      (body: MappingImportRequest, key) =>
        apiWrite(MappingImportPreview, `${base}/import`, { body, idempotencyKey: key }),
      { onSuccess },
    ),
  };
}

/** What a mapping sheet would change (nothing is written). */
export const previewMappingImport = (body: MappingImportRequest) =>
  post(MappingImportPreview, "/interop/dhis2/mappings/import/preview", body);

/** The area and month of an export. */
export interface ExportArea {
  period: string;
  regionId: string | null;
  districtId: string | null;
}

/** The export report of a month: the payload and everything left out. */
export function useDhis2Export(area: ExportArea | null) {
  return useQuery({
    enabled: area !== null,
    queryKey: ["dhis2-export", area],
    queryFn: ({ signal }) =>
      apiGet(Dhis2ExportResponse, "/interop/dhis2/dataValueSets", { query: { ...area!, format: "report" }, signal }),
  });
}

/** The address of the export file (JSON dataValueSets or ADX), to download or to give a partner. */
export const dhis2ExportUrl = (area: ExportArea, format: "json" | "adx") =>
  apiUrl("/interop/dhis2/dataValueSets", { ...area, format });

/** The pushes, newest first. */
export function useDhis2Pushes(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ["dhis2-pushes", page.limit, page.offset],
    queryFn: ({ signal }) => apiGet(Dhis2PushList, "/interop/dhis2/pushes", { query: page, signal }),
  });
}

/** Sends a month's export to DHIS2 (dry run or real); the answer is the recorded push with its import summary. */
export function usePushToDhis2() {
  const client = useQueryClient();
  return useWriteMutation(
    (body: Dhis2PushRequest, key) => apiWrite(Dhis2PushSchema, "/interop/dhis2/pushes", { body, idempotencyKey: key }),
    { onSuccess: () => void client.invalidateQueries({ queryKey: ["dhis2-pushes"] }) },
  );
}

/** What importing an organisation-unit export would do (nothing is written). */
export const previewOrgUnitImport = (body: OrgUnitImportRequest) =>
  post(OrgUnitImportPreview, "/interop/dhis2/org-units/preview", body);

/** Applies the previewed organisation-unit import. */
export function useApplyOrgUnitImport() {
  const client = useQueryClient();
  return useWriteMutation(
    (body: OrgUnitImportApply, key) =>
      apiWrite(OrgUnitImportResult, "/interop/dhis2/org-units/apply", { body, idempotencyKey: key }),
    {
      onSuccess: () => {
        void client.invalidateQueries({ queryKey: ["facilities"] });
        void client.invalidateQueries({ queryKey: ["dhis2-mapping"] });
      },
    },
  );
}

/** The OpenAPI document of the API (generated by the server from its contracts). */
export function useOpenApiDocument() {
  return useQuery({
    queryKey: ["openapi"],
    staleTime: Infinity,
    queryFn: ({ signal }) => apiGet(z.looseObject({ openapi: z.string() }), "/openapi.json", { signal }),
  });
}

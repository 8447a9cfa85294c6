/**
 * Interoperability routes of the stock screens and the administrator: a scanned GS1 barcode read into product,
 * lot and expiry (every role that records stock), products' GTINs, and the DHIS2 mapping — rows edited one by
 * one or imported from a spreadsheet (CSV or .xlsx), previewed then applied all or nothing. The commands of
 * server/interop audit themselves inside the write's transaction (hence `audit: []` here).
 */
import { z } from "zod";
import {
  DataElementMappingKey,
  DataElementMappingRow,
  DataElementMappingView,
  Gs1ParseRequest,
  Gs1ParseResponse,
  MappingImportPreview,
  MappingImportRequest,
  OrgUnitMappingKey,
  OrgUnitMappingRow,
  OrgUnitMappingView,
  ProductByGtinSchema,
  ProductGtinCreate,
  ProductGtinList,
  ProductGtinParams,
  ProductGtinQuery,
} from "../../shared/contracts/interop";
import type { AppDeps } from "../deps";
import {
  applyMappingImport,
  deleteDataElementMapping,
  deleteOrgUnitMapping,
  listDataElementMappings,
  listOrgUnitMappings,
  previewMappingImport,
  upsertDataElementMapping,
  upsertOrgUnitMapping,
} from "../interop/dhis2Mapping";
import { addProductGtin, listProductGtins, parseScannedCode, removeGtin } from "../interop/gtins";
import { readableSheet } from "../interop/sheetFile";
import type { SecureRouter } from "./secureRouter";

const admin = { action: "interop:admin" } as const;
const Deleted = z.object({ deleted: z.literal(true) });

/** GS1 parsing, GTINs and the DHIS2 mapping. */
export function interopRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db, clock } = deps;
  const today = () => clock().toISOString().slice(0, 10);

  r.compute(
    "/interop/gs1/parse",
    {
      action: "stock:write",
      body: Gs1ParseRequest,
      response: Gs1ParseResponse,
      summary: "Reads a scanned GS1 barcode (bracketed, raw with GS, plain GTIN or Digital Link) and finds its product",
    },
    ({ res, body }) => {
      res.json(parseScannedCode(db, body.code, today()));
    },
  );

  r.get("/interop/gtins", { ...admin, query: ProductGtinQuery, response: ProductGtinList }, ({ res, query }) => {
    res.json({ items: listProductGtins(db, query.productId) });
  });
  r.post(
    "/interop/gtins",
    {
      ...admin,
      body: ProductGtinCreate,
      response: { status: 201, content: { "application/json": ProductByGtinSchema } },
    },
    ({ tx, body, now, origin }) => ({ status: 201, body: addProductGtin(tx, body, { now, origin }), audit: [] }),
  );
  r.delete(
    "/interop/gtins/:gtin",
    { ...admin, params: ProductGtinParams, response: Deleted },
    ({ tx, params, now, origin }) => {
      removeGtin(tx, params.gtin, { now, origin });
      return { status: 200, body: { deleted: true }, audit: [] };
    },
  );

  mappingRoutes(r, deps);
}

/** Product × field → data element, facility → org unit: list, set, remove, import. */
function mappingRoutes(r: SecureRouter, { db }: AppDeps): void {
  const base = "/interop/dhis2/mappings";
  r.get(
    `${base}/data-elements`,
    { ...admin, response: z.object({ items: z.array(DataElementMappingView) }) },
    ({ res }) => {
      res.json({ items: listDataElementMappings(db) });
    },
  );
  r.put(
    `${base}/data-elements`,
    { ...admin, body: DataElementMappingRow, response: DataElementMappingRow },
    ({ tx, body, now, origin }) => ({
      status: 200,
      body: upsertDataElementMapping(tx, body, { now, origin }),
      audit: [],
    }),
  );
  r.delete(
    `${base}/data-elements/:productId/:field`,
    { ...admin, params: DataElementMappingKey, response: Deleted },
    ({ tx, params, now, origin }) => {
      deleteDataElementMapping(tx, params, { now, origin });
      return { status: 200, body: { deleted: true }, audit: [] };
    },
  );
  r.get(`${base}/org-units`, { ...admin, response: z.object({ items: z.array(OrgUnitMappingView) }) }, ({ res }) => {
    res.json({ items: listOrgUnitMappings(db) });
  });
  r.put(
    `${base}/org-units`,
    { ...admin, body: OrgUnitMappingRow, response: OrgUnitMappingRow },
    ({ tx, body, now, origin }) => ({ status: 200, body: upsertOrgUnitMapping(tx, body, { now, origin }), audit: [] }),
  );
  r.delete(
    `${base}/org-units/:facilityId`,
    { ...admin, params: OrgUnitMappingKey, response: Deleted },
    ({ tx, params, now, origin }) => {
      deleteOrgUnitMapping(tx, params.facilityId, { now, origin });
      return { status: 200, body: { deleted: true }, audit: [] };
    },
  );
  // The spreadsheet: preview (nothing written), then apply all or nothing. Bodies up to 25 MB (server/routes/vrp.ts).
  r.compute(
    `${base}/import/preview`,
    { ...admin, body: MappingImportRequest, response: MappingImportPreview },
    async ({ res, body }) => {
      res.json(previewMappingImport(db, await readableSheet(body)));
    },
  );
  r.post(
    `${base}/import`,
    { ...admin, body: MappingImportRequest, response: MappingImportPreview },
    {
      prepare: ({ body }) => readableSheet(body),
      run: ({ tx, prepared, now, origin }) => ({
        status: 200,
        body: applyMappingImport(tx, prepared, { now, origin }),
        audit: [],
      }),
    },
  );
}

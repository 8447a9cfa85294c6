/** Read side of the procurement pipeline: shipments with their product and receiving facility, as the API shows them. */
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import type { PipelineQuery, PipelineShipmentView } from "../../shared/contracts/pipeline";
import type { PipelineShipment } from "../../shared/domain/quantification";
import { AppError } from "../../shared/errors";

interface Row {
  id: number;
  facilityId: string;
  facilityName: string;
  productId: number;
  productCode: string;
  productName: string;
  packSize: number;
  baseUnit: string;
  pricePerPackXof: number;
  supplier: string;
  fundingSource: string;
  qtyUnits: number;
  expectedDate: string;
  status: PipelineShipmentView["status"];
  lotCode: string | null;
  expiry: string | null;
  costXof: number | null;
  reference: string | null;
  note: string | null;
  receivedQty: number | null;
  receivedAt: string | null;
  receiptBatchIds: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = sql`
  select s.id, s.facility_id as facilityId, f.name as facilityName, s.product_id as productId, p.code as productCode,
         p.generic_name as productName, p.pack_size as packSize, p.base_unit as baseUnit,
         p.price_per_pack_xof as pricePerPackXof, s.supplier, s.funding_source as fundingSource,
         s.qty_units as qtyUnits, s.expected_date as expectedDate, s.status, s.lot_code as lotCode, s.expiry,
         s.cost_xof as costXof, s.reference, s.note, s.received_qty as receivedQty, s.received_at as receivedAt,
         s.receipt_batch_ids as receiptBatchIds, s.created_at as createdAt, s.updated_at as updatedAt
    from pipeline_shipments s
    join facilities f on f.id = s.facility_id
    join products p on p.id = s.product_id`;

/** A row as the API shows it (estimated cost: its own, else whole packs at the product's price). */
function view(r: Row): PipelineShipmentView {
  const { pricePerPackXof, receiptBatchIds, ...rest } = r;
  return {
    ...rest,
    estimatedCostXof: r.costXof ?? Math.ceil(r.qtyUnits / r.packSize) * pricePerPackXof,
    receiptBatchIds: receiptBatchIds ? (JSON.parse(receiptBatchIds) as string[]) : [],
  };
}

/** The shipments matching the filters, by expected date. */
export function listPipeline(
  db: Db,
  q: PipelineQuery,
): { items: PipelineShipmentView[]; total: number; limit: number; offset: number } {
  const conditions: SQL[] = [sql`1 = 1`];
  if (q.productId !== undefined) conditions.push(sql`s.product_id = ${q.productId}`);
  if (q.facilityId !== undefined) conditions.push(sql`s.facility_id = ${q.facilityId}`);
  if (q.status !== undefined) conditions.push(sql`s.status = ${q.status}`);
  if (q.open === "true") conditions.push(sql`s.status <> 'received'`);
  if (q.open === "false") conditions.push(sql`s.status = 'received'`);
  const where = sql.join(conditions, sql` and `);
  const total = db.get<{ n: number }>(sql`select count(*) as n from pipeline_shipments s where ${where}`)?.n ?? 0;
  const rows = db.all<Row>(
    sql`${SELECT} where ${where} order by s.expected_date, s.id limit ${q.limit} offset ${q.offset}`,
  );
  return { items: rows.map(view), total, limit: q.limit, offset: q.offset };
}

/** One shipment (404 when unknown). */
export function getShipment(db: Db | Tx, id: number): PipelineShipmentView {
  const row = db.get<Row>(sql`${SELECT} where s.id = ${id}`);
  if (!row) throw new AppError("not_found", `Unknown pipeline shipment ${id}`);
  return view(row);
}

/** The open shipments of one product to one facility, as the supply plan reads them. */
export function openShipments(db: Db, facilityId: string, productId?: number): PipelineShipmentView[] {
  const product = productId === undefined ? sql`1 = 1` : sql`s.product_id = ${productId}`;
  return db
    .all<Row>(
      sql`${SELECT} where s.facility_id = ${facilityId} and ${product} and s.status <> 'received' order by s.expected_date, s.id`,
    )
    .map(view);
}

/** A shipment as the pure supply plan takes it. */
export function planShipment(s: PipelineShipmentView): PipelineShipment {
  return {
    id: String(s.id),
    supplier: s.supplier,
    fundingSource: s.fundingSource,
    qtyUnits: s.qtyUnits,
    expectedDate: s.expectedDate,
    status: s.status,
    expiry: s.expiry,
    costXof: s.costXof,
  };
}

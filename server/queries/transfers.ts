/** Read side of transfers: one transfer with its lots, a facility's transfers in and out, and where it may send. */
import { aliasedTable, and, count, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { facilities, lots, products, stockTransferLots, stockTransfers } from "../../db/schema";
import type { Destinations, Transfer, TransferList, TransferQuery } from "../../shared/contracts/transfers";
import { AppError } from "../../shared/errors";
import type { ScopeFilter } from "../policies";
import { facilityInScope } from "./scope";

const sender = aliasedTable(facilities, "sender");
const receiver = aliasedTable(facilities, "receiver");

type Row = {
  t: typeof stockTransfers.$inferSelect;
  from: string;
  to: string;
  p: typeof products.$inferSelect;
};

function present(db: Db | Tx, rows: Row[]): Transfer[] {
  const lotRows = db
    .select({ tl: stockTransferLots, lot: lots })
    .from(stockTransferLots)
    .innerJoin(lots, eq(lots.id, stockTransferLots.lotId))
    .where(inArray(stockTransferLots.transferId, [...rows.map((r) => r.t.id), -1]))
    .orderBy(lots.expiry, lots.id)
    .all();
  return rows.map(({ t, from, to, p }) => {
    const mine = lotRows.filter((r) => r.tl.transferId === t.id);
    return {
      id: t.id,
      fromFacilityId: t.fromFacilityId,
      fromFacilityName: from,
      toFacilityId: t.toFacilityId,
      toFacilityName: to,
      productId: p.id,
      productCode: p.code,
      genericName: `${p.genericName} ${p.strength}`.trim(),
      baseUnit: p.baseUnit,
      packSize: p.packSize,
      fundingSource: t.fundingSource,
      status: t.status,
      quantity: mine.reduce((s, r) => s + r.tl.qty, 0),
      sentAt: t.sentAt,
      receivedAt: t.receivedAt,
      reference: t.reference,
      note: t.note,
      lots: mine.map((r) => ({
        lotId: r.lot.id,
        lotCode: r.lot.lotCode,
        expiry: r.lot.expiry,
        qty: r.tl.qty,
        acceptedQty: r.tl.acceptedQty,
        rejectedQty: r.tl.rejectedQty,
        rejectionReason: r.tl.rejectionReason,
      })),
    };
  });
}

function selectTransfers(db: Db | Tx) {
  return db
    .select({ t: stockTransfers, from: sender.name, to: receiver.name, p: products })
    .from(stockTransfers)
    .innerJoin(sender, eq(sender.id, stockTransfers.fromFacilityId))
    .innerJoin(receiver, eq(receiver.id, stockTransfers.toFacilityId))
    .innerJoin(products, eq(products.id, stockTransfers.productId));
}

/** One transfer with its lots (404 when unknown). */
export function loadTransfer(db: Db | Tx, id: number): Transfer {
  const row = selectTransfers(db).where(eq(stockTransfers.id, id)).get();
  if (!row) throw new AppError("not_found", `Unknown transfer ${id}`);
  return present(db, [row])[0]!;
}

/** Transfers with a side in the user's scope (or of one facility), newest first. */
export function listTransfers(db: Db, scope: ScopeFilter, q: TransferQuery): TransferList {
  const side = (f: typeof sender): SQL | undefined => facilityInScope(scope, f);
  const inScope = "all" in scope ? undefined : or(side(sender) ?? sql`1`, side(receiver) ?? sql`1`);
  const facility = q.facilityId
    ? q.direction === "in"
      ? eq(stockTransfers.toFacilityId, q.facilityId)
      : q.direction === "out"
        ? eq(stockTransfers.fromFacilityId, q.facilityId)
        : or(eq(stockTransfers.toFacilityId, q.facilityId), eq(stockTransfers.fromFacilityId, q.facilityId))
    : q.direction === "in"
      ? side(receiver)
      : q.direction === "out"
        ? side(sender)
        : undefined;
  const where = and(inScope, facility, q.status ? eq(stockTransfers.status, q.status) : undefined);
  const total =
    db
      .select({ n: count() })
      .from(stockTransfers)
      .innerJoin(sender, eq(sender.id, stockTransfers.fromFacilityId))
      .innerJoin(receiver, eq(receiver.id, stockTransfers.toFacilityId))
      .where(where)
      .get()?.n ?? 0;
  const rows = selectTransfers(db)
    .where(where)
    .orderBy(desc(stockTransfers.sentAt), desc(stockTransfers.id))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  return { items: present(db, rows), total, limit: q.limit, offset: q.offset };
}

/**
 * The facilities a facility may send stock to: the other end of each of its supply lines, in either direction
 * (the facilities it supplies; its own supplier, for a return), for one programme or any.
 */
export function transferDestinations(db: Db | Tx, facilityId: string, programme?: string): Destinations {
  const rows = db.all<{
    id: string;
    name: string;
    level: string;
    direction: "downstream" | "upstream";
    programmes: string;
  }>(sql`
    select f.id, f.name, f.level, 'downstream' direction, group_concat(sl.programme_code) programmes
      from supply_lines sl join facilities f on f.id = sl.facility_id
     where sl.supplier_id = ${facilityId} and f.active = 1 and f.id <> ${facilityId}
       and (${programme ?? null} is null or sl.programme_code = ${programme ?? null})
     group by f.id
    union all
    select f.id, f.name, f.level, 'upstream', group_concat(sl.programme_code)
      from supply_lines sl join facilities f on f.id = sl.supplier_id
     where sl.facility_id = ${facilityId} and f.active = 1 and f.id <> ${facilityId}
       and (${programme ?? null} is null or sl.programme_code = ${programme ?? null})
     group by f.id
    order by 4, 2`);
  return {
    facilityId,
    items: rows.map((r) => ({ ...r, programmes: r.programmes.split(",").sort() })),
  };
}

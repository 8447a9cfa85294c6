/** The crash test's writers (scripts/bench/crash.ts): their shared state, and the writes of every kind they send. */
import Database from "better-sqlite3";
import { DEMO_PASSWORD } from "../../../db/seed/users";
import type { Rng } from "../../../db/seed/random";
import { HttpClient, type Answer, type RequestSpec } from "../../../tests/helpers/httpClient";
import type { ServerProcess } from "../../../tests/helpers/serverProcess";

/** One logical write and what came of it. */
export interface Op {
  kind: "movement" | "report" | "transition" | "delivery";
  key: string;
  spec: RequestSpec;
  attempts: number;
  answer: Answer | null;
  /** The report or order it is about */
  objectId?: number;
  action?: string;
}

/** Shared state of the writers: the server of the moment, and the stop flag. */
export class Run {
  server!: ServerProcess;
  stopping = false;
  ops: Op[] = [];
  private up: Promise<void> = Promise.resolve();
  private markUp: () => void = () => undefined;

  down(): void {
    this.up = new Promise((r) => (this.markUp = r));
  }
  back(server: ServerProcess): void {
    this.server = server;
    this.markUp();
  }
  waitUp(): Promise<void> {
    return this.up;
  }

  /**
   * Sends a write until it is answered (status 1–499), retrying with the same key after a crash; gives up
   * after 200 attempts (the answer then stays a failure, which verify() reports).
   */
  async write(client: HttpClient, op: Omit<Op, "attempts" | "answer">): Promise<Answer> {
    const entry: Op = { ...op, attempts: 0, answer: null };
    this.ops.push(entry);
    const spec = { ...op.spec, headers: { ...op.spec.headers, "Idempotency-Key": op.key } };
    for (;;) {
      entry.attempts++;
      const a = await client.send(spec);
      if ((a.status > 0 && a.status < 500) || entry.attempts >= 200) return (entry.answer = a);
      await this.waitUp();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A read that must succeed eventually (between writes: the order to deliver). */
  async read<T>(client: HttpClient, path: string): Promise<T> {
    for (;;) {
      const a = await client.send({ method: "GET", path });
      if (a.status === 200) return JSON.parse(a.text) as T;
      await this.waitUp();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export interface Ids {
  cscoms: string[];
  depot: string;
  pairs: { facilityId: string; productId: number }[];
  depotProducts: number[];
  /** The two free-care products the depot holds most of, and five CSComs of the district (the allocation) */
  freeCare: number[];
  districtCscoms: string[];
}

export function loadIds(file: string): Ids {
  const db = new Database(file, { readonly: true });
  try {
    const pairs = db
      .prepare(
        `select b.facility_id facilityId, b.product_id productId from stock_balances b join facilities f on f.id = b.facility_id
         where f.level = 'cscom' and f.district_id = 'kati' and b.qty_on_hand > 0 group by 1, 2 order by 1, 2`,
      )
      .all() as Ids["pairs"];
    const depot = db
      .prepare("select id from facilities where level = 'district' and district_id = 'kati'")
      .pluck()
      .get() as string;
    const depotProducts = db
      .prepare("select distinct product_id from stock_balances where facility_id = ? and qty_on_hand > 100 order by 1")
      .pluck()
      .all(depot) as number[];
    const freeCare = db
      .prepare(
        `select b.product_id from stock_balances b join products p on p.id = b.product_id join programmes g on g.code = p.programme_code
         where b.facility_id = ? and g.kind = 'free_care' group by b.product_id order by sum(b.qty_on_hand) desc limit 2`,
      )
      .pluck()
      .all(depot) as number[];
    const districtCscoms = db
      .prepare(
        "select id from facilities where level = 'cscom' and district_id = 'kati' and active = 1 order by id limit 5",
      )
      .pluck()
      .all() as string[];
    return {
      cscoms: [...new Set(pairs.map((p) => p.facilityId))],
      depot,
      pairs,
      depotProducts,
      freeCare,
      districtCscoms,
    };
  } finally {
    db.close();
  }
}

/** Stock movements of every type at the Kati CSComs and depot, each carrying its key as reference. */
export async function movementWriter(run: Run, client: HttpClient, ids: Ids, rng: Rng, name: string): Promise<void> {
  const pick = <T>(xs: T[]) => xs[rng.int(0, xs.length - 1)]!;
  for (let i = 0; !run.stopping; i++) {
    const key = `crash-${name}-${i}`;
    const pair = pick(ids.pairs);
    const common = { reference: key, facilityId: pair.facilityId, productId: pair.productId };
    const kind = i % 4;
    const body =
      kind === 0
        ? { type: "receipt", ...common, lotCode: `CRASH-${name}`, expiry: "2029-06-30", quantity: 20 }
        : kind === 1
          ? { type: "issue", ...common, quantity: 3, allowPartial: true }
          : kind === 2
            ? {
                type: "transfer",
                reference: key,
                facilityId: ids.depot,
                toFacilityId: pair.facilityId,
                productId: pick(ids.depotProducts),
                quantity: 2,
                allowPartial: true,
              }
            : null;
    if (body) {
      await run.write(client, {
        kind: "movement",
        key,
        spec: { method: "POST", path: "/api/v1/stock/movements", body },
      });
      continue;
    }
    // A loss of one unit on a lot this writer received.
    const receipt = run.ops.find(
      (o) =>
        o.key.startsWith(`crash-${name}-`) &&
        o.answer?.status === 201 &&
        o.spec.body &&
        (o.spec.body as { type: string }).type === "receipt",
    );
    if (!receipt) continue;
    const lotId = (JSON.parse(receipt.answer!.text) as { movements: { lotId: number }[] }).movements[0]!.lotId;
    const facilityId = (receipt.spec.body as { facilityId: string }).facilityId;
    await run.write(client, {
      kind: "movement",
      key,
      spec: {
        method: "POST",
        path: "/api/v1/stock/movements",
        body: { type: "adjustment", reference: key, facilityId, lotId, reason: "loss", quantity: -1 },
      },
    });
  }
}

/** Saves the lines of draft reports again and again (stock-out days changing), as a CSCom manager typing. */
export async function reportWriter(run: Run, client: HttpClient, reportIds: number[], name: string): Promise<void> {
  if (reportIds.length === 0) return;
  const reports = await Promise.all(
    reportIds.map((id) => run.read<{ id: number; lines: Record<string, unknown>[] }>(client, `/api/v1/reports/${id}`)),
  );
  for (let i = 0; !run.stopping; i++) {
    const report = reports[i % reports.length]!;
    const lines = report.lines.slice(0, 15).map((l) => ({
      productId: l.productId,
      fundingSource: l.fundingSource,
      opening: l.opening,
      received: l.received,
      consumed: l.consumed,
      adjustments: l.adjustments,
      adjustmentsByReason: l.adjustmentsByReason,
      closing: l.closing,
      stockoutDays: i % 7,
    }));
    await run.write(client, {
      kind: "report",
      key: `crash-${name}-${i}`,
      objectId: report.id,
      action: "report.lines.update",
      spec: { method: "PUT", path: `/api/v1/reports/${report.id}/lines`, body: { lines } },
    });
  }
}

interface OrderView {
  id: number;
  status: string;
  lines: { id: number; lots: { lotId: number; shippedQty: number }[] }[];
}

/** An order to take through its life cycle, from the status it is in. */
export interface OrderToRun {
  id: number;
  status: "submitted" | "approved";
}

/** Takes orders through approve (when submitted), pick, ship, proof of delivery and receipt. */
export async function orderWriter(run: Run, client: HttpClient, orders: OrderToRun[], name: string): Promise<void> {
  for (const { id, status } of orders) {
    if (run.stopping) return;
    const step = async (action: string, path: string, body?: unknown, kind: Op["kind"] = "transition") => {
      const a = await run.write(client, {
        kind,
        key: `crash-${name}-${id}-${action}`,
        objectId: id,
        action: `order.${action}`,
        spec: { method: "POST", path: `/api/v1/orders/${id}/${path}`, ...(body !== undefined ? { body } : {}) },
      });
      return a.status === 200;
    };
    if (status === "submitted" && !(await step("approve", "approve", { lines: [] }))) continue;
    if (!(await step("pick", "pick"))) continue;
    if (!(await step("ship", "ship", { shortfallAction: "backorder" }))) continue;
    const order = await run.read<OrderView>(client, `/api/v1/orders/${id}`);
    let rejectOne = true;
    const pod = order.lines
      .map((l) => ({
        lineId: l.id,
        lots: l.lots
          .filter((x) => x.shippedQty > 0)
          .map((x) => {
            const rejected = rejectOne && x.shippedQty > 1 ? 1 : 0;
            if (rejected) rejectOne = false;
            return {
              lotId: x.lotId,
              acceptedQty: x.shippedQty - rejected,
              rejectedQty: rejected,
              ...(rejected ? { reason: "carton abîmé" } : {}),
            };
          }),
      }))
      .filter((l) => l.lots.length > 0);
    if (!(await step("deliver", "deliver", { lines: pod }, "delivery"))) continue;
    await step("receive", "receive");
  }
}

/**
 * More orders to move: the district pharmacist pushes the two free-care products the depot holds most of
 * to five CSComs of the district (an allocation: approved orders, ready to pick).
 */
export async function allocate(run: Run, ids: Ids): Promise<number[]> {
  const pharmacist = new HttpClient(run.server.base);
  await pharmacist.login("pharmacien.kati", DEMO_PASSWORD);
  const orderIds: number[] = [];
  for (const productId of ids.freeCare) {
    const sent = await pharmacist.json<{ orderIds: number[] }>({
      method: "POST",
      path: "/api/v1/allocations",
      headers: { "Idempotency-Key": `setup-allocation-${productId}` },
      body: {
        productId,
        sourceFacilityId: ids.depot,
        districtId: "kati",
        basis: "population",
        monthsOfCover: 1,
        population: {
          unitsPerPersonPerMonth: 1,
          facilities: ids.districtCscoms.map((facilityId, i) => ({ facilityId, targetPopulation: 2000 + i * 500 })),
        },
      },
    });
    orderIds.push(...sent.orderIds);
  }
  pharmacist.close();
  return orderIds;
}

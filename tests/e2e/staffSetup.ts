/**
 * Data the staff browser test needs, made through the API so the test never depends on the seed's luck:
 * a submitted cost-recovery order of a Kati CSCom for the last complete month (the CSCom's report is
 * created and submitted first when the seed left it missing), and a line to correct.
 */
import { ApiSession } from "./api";

interface OrderSummary {
  id: number;
  facilityId: string;
  facilityName: string;
  flow: string;
  status: string;
  lineCount: number;
}
interface OrderLine {
  id: number;
  productId: number;
  genericName: string;
  requestedQty: number;
  approvedQty: number | null;
  approvalReason: string | null;
  shippedQty: number;
}
/** GET /orders/:id, as far as the test reads it. */
export interface OrderDetail extends OrderSummary {
  supplierId: string;
  lines: OrderLine[];
}
interface StockPositions {
  items: { productId: number; stockOnHand: number; usableOnHand: number }[];
}

/** The order the pharmacist will review and the line they will correct. */
export interface ReviewTarget {
  period: string;
  depotId: string;
  order: OrderDetail;
  line: OrderLine;
  newQty: number;
}

const page = <T>(body: { items: T[] }) => body.items;

/** Makes sure the CSCom of cscom.kati has a submitted cost-recovery order for `period`; returns its id. */
async function submitCscomOrder(cscom: ApiSession, period: string): Promise<number> {
  const facilityId = cscom.me.scopeFacilityId!;
  let report = page(
    await cscom.get<{ items: { id: number; status: string }[] }>(`/reports?facilityId=${facilityId}&period=${period}`),
  )[0];
  report ??= await cscom.post<{ id: number; status: string }>("/reports", { facilityId, period });
  if (report.status === "draft") await cscom.post(`/reports/${report.id}/submit`);
  let orders = page(await cscom.get<{ items: OrderSummary[] }>(`/orders?facilityId=${facilityId}&period=${period}`));
  if (orders.length === 0)
    orders = (await cscom.post<{ orders: OrderSummary[] }>("/orders/from-report", { reportId: report.id })).orders;
  const order = orders.find((o) => o.flow === "cost_recovery");
  if (!order) throw new Error(`No cost-recovery order for ${facilityId} in ${period}`);
  if (order.status === "draft") await cscom.post(`/orders/${order.id}/submit`);
  return order.id;
}

/** Finds (or makes) a submitted order supplied by the Kati depot, and a line the depot can serve. */
export async function prepareReview(
  baseUrl: string,
  period: string,
  pharmacist: ApiSession,
  cscomPassword: string,
): Promise<ReviewTarget> {
  const districts = page(await pharmacist.get<{ items: { id: string; depotId: string }[] }>("/districts"));
  const depotId = districts.find((d) => d.id === pharmacist.me.scopeDistrictId)!.depotId;
  const submitted = page(
    await pharmacist.get<{ items: OrderSummary[] }>(
      `/orders?status=submitted&period=${period}&supplierId=${depotId}&flow=cost_recovery`,
    ),
  ).filter((o) => o.lineCount > 0);
  const orderId =
    submitted[0]?.id ?? (await submitCscomOrder(await ApiSession.login(baseUrl, "cscom.kati", cscomPassword), period));
  const order = await pharmacist.get<OrderDetail>(`/orders/${orderId}`);
  const stock = new Map(
    page(await pharmacist.get<StockPositions>(`/facilities/${depotId}/stock`)).map((p) => [
      p.productId,
      p.usableOnHand,
    ]),
  );
  // A line asking for at least 2 units of a product the depot holds, so halving it still ships something.
  const line = order.lines.find(
    (l) => l.requestedQty >= 2 && (stock.get(l.productId) ?? 0) >= Math.floor(l.requestedQty / 2),
  );
  if (!line) throw new Error(`Order ${orderId} has no line the Kati depot can serve`);
  return { period, depotId, order, line, newQty: Math.floor(line.requestedQty / 2) };
}

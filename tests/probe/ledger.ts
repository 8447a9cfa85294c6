/**
 * Hostile probes of the ledger's time axis, two-step transfers and reserved stock (issue 10, points 2–4), run
 * from outside against a running Fura on the demo seed — a fresh `npm start`, or any instance reviewers start:
 *
 *   FURA_DB=/tmp/probe.db PORT=3411 npm start            # in one shell
 *   node --import tsx tests/probe/ledger.ts http://127.0.0.1:3411
 *
 * Each probe must answer a 4xx with its stable error code, and change nothing the API shows: the positions of the
 * depot and of a CSCom (on hand and in transit, every product, read by the regional manager), their transfers, their ledger windows and the
 * state of a picked order. The few legitimate writes that set the scene (a month closed, a transfer sent, an order
 * approved and picked) are made through the API as their users would. Exit code 1 when any probe gets through.
 */
import { randomUUID } from "node:crypto";

const BASE = (process.argv[2] ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const PASSWORD = process.env.FURA_DEMO_PASSWORD ?? "fura-demo-2026";

interface Answer {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** One signed-in user: raw answers (status and JSON), a fresh Idempotency-Key per write. */
class Session {
  private constructor(
    private readonly cookie: string,
    private readonly csrf: string,
    readonly facilityId: string | null,
  ) {}

  static async login(username: string): Promise<Session> {
    const res = await fetch(`${BASE}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { user: { scopeFacilityId: string | null }; csrfToken: string };
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    return new Session(cookie, body.csrfToken, body.user.scopeFacilityId);
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${BASE}/api/v1${path}`, { headers: { Cookie: this.cookie } });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async post(path: string, body: unknown = {}): Promise<Answer> {
    const res = await fetch(`${BASE}/api/v1${path}`, {
      method: "POST",
      headers: {
        Cookie: this.cookie,
        "X-CSRF-Token": this.csrf,
        "Idempotency-Key": randomUUID(),
        "Content-Type": "application/json",
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer["body"] };
  }

  /** A write that sets the scene: it must succeed. */
  async must(path: string, body: unknown = {}): Promise<Answer["body"]> {
    const answer = await this.post(path, body);
    if (answer.status >= 300) throw new Error(`POST ${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
}

interface Position {
  productId: number;
  programmeCode: string;
  stockOnHand: number;
  usableOnHand: number;
  inTransitIn: number;
  inTransitOut: number;
  lots: { lotId: number; qtyOnHand: number; fundingSource: string }[];
}

/** What the API shows of the places the probes aim at; any difference means a probe changed something. */
async function fingerprint(reader: Session, facilities: string[], orderId: number): Promise<string> {
  const parts: unknown[] = [];
  for (const id of facilities) {
    const stock = await reader.get<{ items: Position[] }>(`/facilities/${id}/stock?includeEmpty=true`);
    parts.push(stock.items.map((p) => [p.productId, p.stockOnHand, p.inTransitIn, p.inTransitOut]));
    parts.push(await reader.get(`/transfers?facilityId=${id}&limit=500`));
    parts.push(await reader.get(`/facilities/${id}/ledger-window`));
  }
  const order = await reader.get<{ status: string }>(`/orders/${orderId}`);
  parts.push(order.status);
  return JSON.stringify(parts);
}

/** The month before the server's current one, and the server's clock. */
async function serverTime(): Promise<{ now: Date; lastMonth: string }> {
  const { time } = (await (await fetch(`${BASE}/api/v1/health`)).json()) as { time: string };
  const now = new Date(time);
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  return { now, lastMonth };
}

interface Probe {
  name: string;
  /** The expected error code (the status must be 4xx) */
  code: string;
  send: () => Promise<Answer>;
}

/** The scene: the depot's last month closed, a transfer in transit to the CSCom, an order of the depot picked. */
async function setScene(s: Sessions) {
  const { now, lastMonth } = await serverTime();
  const closed = await s.store.post(`/facilities/${s.depot}/periods/${lastMonth}/close`);
  if (closed.status >= 300 && closed.body.error?.code !== "conflict") throw new Error(JSON.stringify(closed.body));
  const stock = await s.store.get<{ items: Position[] }>(`/facilities/${s.depot}/stock`);
  const product = stock.items.find((p) => p.programmeCode === "cost_recovery" && p.usableOnHand >= 1000)!;
  const sent = await s.store.must("/stock/movements", {
    type: "transfer",
    facilityId: s.depot,
    toFacilityId: s.cscom,
    productId: product.productId,
    quantity: 10,
    reference: "PROBE",
  });
  const transferId = sent.transferId as number;
  const transfer = await s.store.get<{ lots: { lotId: number; qty: number }[] }>(`/transfers/${transferId}`);
  const orders = await s.pharmacist.get<{ items: { id: number; status: string }[] }>(
    `/orders?supplierId=${s.depot}&status=submitted&limit=5`,
  );
  const orderId = orders.items[0]!.id;
  await s.pharmacist.must(`/orders/${orderId}/approve`);
  await s.store.must(`/orders/${orderId}/pick`);
  return { now, lastMonth, product, transferId, transfer, orderId };
}

interface Sessions {
  store: Session;
  cscomUser: Session;
  pharmacist: Session;
  reader: Session;
  depot: string;
  cscom: string;
}

/** The destinations the depot may send to, and a facility on none of the CSCom's supply lines. */
async function places(s: Sessions) {
  const destinations = await s.store.get<{ items: { id: string }[] }>(
    `/facilities/${s.depot}/transfer-destinations?programme=cost_recovery`,
  );
  const sibling = destinations.items.find((d) => d.id !== s.cscom)!.id;
  const all = await s.reader.get<{ items: { id: string; districtId: string | null }[] }>("/facilities?limit=5000");
  const elsewhere = all.items.find((f) => f.districtId !== null && f.districtId !== "kati")!.id;
  return { sibling, elsewhere };
}

/** The probes: each names what a hostile user tries. */
async function probes(s: Sessions): Promise<{ probes: Probe[]; orderId: number; productId: number }> {
  const scene = await setScene(s);
  const { sibling, elsewhere } = await places(s);
  const p = scene.product;
  const lot = p.lots[0]!;
  const at = (ms: number) => new Date(scene.now.getTime() + ms).toISOString();
  const inClosed = `${scene.lastMonth}-15T10:00:00.000Z`;
  const move = (body: Record<string, unknown>) => () =>
    s.store.post("/stock/movements", { facilityId: s.depot, productId: p.productId, ...body });
  const receive =
    (who: Session, lots: unknown, extra: Record<string, unknown> = {}) =>
    () =>
      who.post(`/transfers/${scene.transferId}/receive`, { lots, ...extra });
  const sent = scene.transfer.lots.map((l) => ({ lotId: l.lotId, acceptedQty: l.qty, rejectedQty: 0 }));
  const order = await s.store.get<{ lines: { productId: number; lots: { lotId: number; pickedQty: number }[] }[] }>(
    `/orders/${scene.orderId}`,
  );
  const picked = order.lines.find((l) => l.lots.some((x) => x.pickedQty > 0))!;
  const reservedLot = picked.lots.find((x) => x.pickedQty > 0)!;
  const depotStock = await s.store.get<{ items: Position[] }>(`/facilities/${s.depot}/stock?includeEmpty=true`);
  const reservedPosition = depotStock.items.find((x) => x.productId === picked.productId)!;
  const reservedBalance = reservedPosition.lots.find((l) => l.lotId === reservedLot.lotId)!;
  const list: Probe[] = [
    {
      name: "issue dated tomorrow",
      code: "validation_failed",
      send: move({ type: "issue", quantity: 1, occurredAt: at(86_400_000) }),
    },
    {
      name: "issue dated 10 min ahead (skew is 5)",
      code: "validation_failed",
      send: move({ type: "issue", quantity: 1, occurredAt: at(600_000) }),
    },
    {
      name: "issue dated in the closed month",
      code: "period_closed",
      send: move({ type: "issue", quantity: 1, occurredAt: inClosed }),
    },
    {
      name: "receipt dated in the closed month",
      code: "period_closed",
      send: move({ type: "receipt", lotCode: "PROBE-OLD", expiry: "2030-01-31", quantity: 5, occurredAt: inClosed }),
    },
    {
      name: "loss dated in the closed month",
      code: "period_closed",
      send: move({
        type: "adjustment",
        productId: undefined,
        lotId: lot.lotId,
        fundingSource: lot.fundingSource,
        reason: "loss",
        quantity: -1,
        occurredAt: inClosed,
      }),
    },
    {
      name: "count dated in the closed month",
      code: "period_closed",
      send: () =>
        s.store.post("/stock/counts", {
          facilityId: s.depot,
          occurredAt: inClosed,
          lines: [{ lotId: lot.lotId, fundingSource: lot.fundingSource, countedQty: 0 }],
        }),
    },
    {
      name: "the closed month reopened by closing an earlier one",
      code: "conflict",
      send: () => s.store.post(`/facilities/${s.depot}/periods/2020-01/close`),
    },
    {
      name: "CSCom report month written by its manager",
      code: "period_closed",
      send: () =>
        s.cscomUser.post("/stock/movements", {
          type: "issue",
          facilityId: s.cscom,
          productId: p.productId,
          quantity: 1,
          occurredAt: "2021-01-15T10:00:00.000Z",
        }),
    },
    {
      name: "transfer to a facility of another district",
      code: "validation_failed",
      send: move({ type: "transfer", toFacilityId: elsewhere, quantity: 1 }),
    },
    {
      name: "transfer between two CSComs by the district pharmacist",
      code: "validation_failed",
      send: () =>
        s.pharmacist.post("/stock/movements", {
          type: "transfer",
          facilityId: s.cscom,
          toFacilityId: sibling,
          productId: p.productId,
          quantity: 1,
        }),
    },
    {
      name: "transfer to a sibling CSCom by a CSCom manager",
      code: "validation_failed",
      send: () =>
        s.cscomUser.post("/stock/movements", {
          type: "transfer",
          facilityId: s.cscom,
          toFacilityId: sibling,
          productId: p.productId,
          quantity: 1,
        }),
    },
    {
      name: "transfer to itself",
      code: "validation_failed",
      send: move({ type: "transfer", toFacilityId: s.depot, quantity: 1 }),
    },
    { name: "the sender receives its own transfer", code: "not_found", send: receive(s.store, sent) },
    {
      name: "receipt accepting more than was sent",
      code: "validation_failed",
      send: receive(
        s.cscomUser,
        sent.map((l) => ({ ...l, acceptedQty: l.acceptedQty + 1 })),
      ),
    },
    {
      name: "receipt of a lot that was not sent",
      code: "validation_failed",
      send: receive(s.cscomUser, [{ lotId: 999_999_999, acceptedQty: 10, rejectedQty: 0 }]),
    },
    {
      name: "receipt dated in the future",
      code: "validation_failed",
      send: receive(s.cscomUser, sent, { receivedAt: at(86_400_000) }),
    },
    {
      name: "receipt dated before the transfer was sent",
      code: "validation_failed",
      send: receive(s.cscomUser, sent, { receivedAt: at(-86_400_000) }),
    },
    {
      name: "loss of a lot's reserved part",
      code: "stock_reserved",
      send: () =>
        s.store.post("/stock/movements", {
          type: "adjustment",
          facilityId: s.depot,
          lotId: reservedLot.lotId,
          fundingSource: reservedBalance.fundingSource,
          reason: "loss",
          quantity: -reservedBalance.qtyOnHand,
        }),
    },
    {
      name: "issue of a product's reserved stock",
      code: "insufficient_stock",
      send: () =>
        s.store.post("/stock/movements", {
          type: "issue",
          facilityId: s.depot,
          productId: picked.productId,
          fundingSource: reservedBalance.fundingSource,
          quantity: reservedPosition.stockOnHand,
        }),
    },
    {
      name: "transfer of a product's reserved stock",
      code: "insufficient_stock",
      send: () =>
        s.store.post("/stock/movements", {
          type: "transfer",
          facilityId: s.depot,
          toFacilityId: s.cscom,
          productId: picked.productId,
          fundingSource: reservedBalance.fundingSource,
          quantity: reservedPosition.stockOnHand,
        }),
    },
    {
      name: "unpick by the ordering CSCom's manager",
      code: "forbidden",
      send: () => s.cscomUser.post(`/orders/${scene.orderId}/unpick`),
    },
  ];
  return { probes: list, orderId: scene.orderId, productId: p.productId };
}

/** Receives the transfer once (legit), then probes a second receipt, by the manager and by the pharmacist. */
async function receivedTwice(s: Sessions, orderId: number): Promise<boolean> {
  const transfers = await s.cscomUser.get<{
    items: { id: number; status: string; lots: { lotId: number; qty: number }[] }[];
  }>(`/transfers?facilityId=${s.cscom}&direction=in&status=in_transit&limit=500`);
  const t = transfers.items.find((x) => x.status === "in_transit")!;
  const lots = t.lots.map((l) => ({ lotId: l.lotId, acceptedQty: l.qty, rejectedQty: 0 }));
  await s.cscomUser.must(`/transfers/${t.id}/receive`, { lots });
  let ok = true;
  for (const [who, name] of [
    [s.cscomUser, "CSCom manager"],
    [s.pharmacist, "district pharmacist"],
  ] as const) {
    const before = await fingerprint(s.reader, [s.depot, s.cscom], orderId);
    const answer = await who.post(`/transfers/${t.id}/receive`, { lots });
    const after = await fingerprint(s.reader, [s.depot, s.cscom], orderId);
    ok = report(`transfer received a second time by the ${name}`, "invalid_transition", answer, before === after) && ok;
  }
  return ok;
}

/** One line of the report; true when the probe was refused as expected and nothing changed. */
function report(name: string, code: string, answer: Answer, unchanged: boolean): boolean {
  const got = answer.body.error?.code ?? "(no error)";
  const ok = answer.status >= 400 && answer.status < 500 && got === code && unchanged;
  const status = `${answer.status} ${got}`.padEnd(28);
  console.log(`${ok ? "ok  " : "FAIL"} ${name.padEnd(58)} ${status} ${unchanged ? "unchanged" : "CHANGED"}`);
  if (!ok) console.log(`     ${JSON.stringify(answer.body).slice(0, 300)}`);
  return ok;
}

async function main() {
  const [store, cscomUser, pharmacist, reader] = await Promise.all(
    ["magasin.kati", "cscom.kati", "pharmacien.kati", "region.koulikoro"].map((u) => Session.login(u)),
  );
  const s: Sessions = {
    store: store!,
    cscomUser: cscomUser!,
    pharmacist: pharmacist!,
    reader: reader!,
    depot: store!.facilityId!,
    cscom: cscomUser!.facilityId!,
  };
  const { probes: list, orderId, productId } = await probes(s);
  let ok = true;
  for (const probe of list) {
    const before = await fingerprint(s.reader, [s.depot, s.cscom], orderId);
    const answer = await probe.send();
    const after = await fingerprint(s.reader, [s.depot, s.cscom], orderId);
    ok = report(probe.name, probe.code, answer, before === after) && ok;
  }
  ok = (await receivedTwice(s, orderId)) && ok;
  // The control: a legitimate issue of one unit must show in the fingerprint, or "unchanged" above proves nothing.
  const before = await fingerprint(s.reader, [s.depot, s.cscom], orderId);
  await s.store.must("/stock/movements", { type: "issue", facilityId: s.depot, productId, quantity: 1 });
  const seen = before !== (await fingerprint(s.reader, [s.depot, s.cscom], orderId));
  console.log(`${seen ? "ok  " : "FAIL"} control: a legitimate issue of one unit changes what the API shows`);
  ok = seen && ok;
  console.log(ok ? "\nEvery probe was refused with a 4xx and changed nothing." : "\nSome probes got through.");
  process.exit(ok ? 0 : 1);
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});

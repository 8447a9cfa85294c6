/**
 * Child process for the concurrency test: opens the same database file as its sibling and tries
 * `attempts` issues of `qty` units, each in its own IMMEDIATE transaction with its own key.
 * Prints {"ok": n, "refused": m} on stdout.
 */
import { openDb } from "../../db/client";
import { runIdempotent } from "../../server/commands/idempotency";
import { postMovement } from "../../server/commands/stock";
import { AppError } from "../../shared/errors";

const [file, facilityId, productId, qty, attempts, tag] = process.argv.slice(2);
const open = openDb(file!, { migrate: false });
let ok = 0;
let refused = 0;
for (let i = 0; i < Number(attempts); i++) {
  const now = new Date();
  try {
    runIdempotent(open.db, { userId: null, key: `${tag}-${i}` }, `${tag}-${i}`, now, (tx) => ({
      status: 201,
      body: postMovement(
        tx,
        { type: "issue", facilityId: facilityId!, productId: Number(productId), quantity: Number(qty) },
        { now, userId: null },
      ),
    }));
    ok++;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "insufficient_stock") throw e;
    refused++;
  }
}
open.close();
process.stdout.write(JSON.stringify({ ok, refused }));

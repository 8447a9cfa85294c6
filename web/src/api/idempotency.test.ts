import { describe, expect, it } from "vitest";
import { ActionKey, newIdempotencyKey } from "./idempotency";

describe("ActionKey", () => {
  it("reuses the key when the same action is retried and makes a new one after success", () => {
    const keys = new ActionKey();
    const first = keys.keyFor({ lines: [{ lineId: 1, approvedQty: 10 }] });
    expect(keys.keyFor({ lines: [{ lineId: 1, approvedQty: 10 }] })).toBe(first);
    keys.done();
    expect(keys.keyFor({ lines: [{ lineId: 1, approvedQty: 10 }] })).not.toBe(first);
  });

  it("gives a changed payload a new key", () => {
    const keys = new ActionKey();
    expect(keys.keyFor({ reason: "abc" })).not.toBe(keys.keyFor({ reason: "abcd" }));
  });

  it("makes keys the API accepts", () => {
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
  });
});

import { describe, expect, it } from "vitest";
import { TransferReceive } from "@shared/contracts/transfers";
import { receiveDefaults, receiveFieldOf, toReceiveRequest } from "./receiveForm";

const transfer = {
  lots: [
    { lotId: 7, lotCode: "A1", expiry: "2028-01-31", qty: 100 },
    { lotId: 9, lotCode: "B2", expiry: "2028-06-30", qty: 40 },
  ],
};

describe("a transfer's receipt as typed", () => {
  it("accepts every lot in full by default, which the contract takes as is", () => {
    const request = toReceiveRequest(transfer, receiveDefaults(transfer));
    expect(request.lots).toEqual([
      { lotId: 7, acceptedQty: 100, rejectedQty: 0 },
      { lotId: 9, acceptedQty: 40, rejectedQty: 0 },
    ]);
    expect(TransferReceive.safeParse(request).success).toBe(true);
  });

  it("rejects the rest of a lot with its reason, and refuses a rejection without one at the lot's reason", () => {
    const values = receiveDefaults(transfer);
    values.lots["7"] = { accepted: "90", reason: "" };
    const refused = TransferReceive.safeParse(toReceiveRequest(transfer, values));
    expect(refused.success).toBe(false);
    const path = refused.error!.issues[0]!.path.join(".");
    expect(receiveFieldOf(transfer, path)).toBe("lots.7.reason");
    values.lots["7"] = { accepted: "90", reason: " Cartons mouillés " };
    expect(toReceiveRequest(transfer, values).lots[0]).toEqual({
      lotId: 7,
      acceptedQty: 90,
      rejectedQty: 10,
      reason: "Cartons mouillés",
    });
  });

  it("names more accepted than sent at the lot's rejected column", () => {
    const values = receiveDefaults(transfer);
    values.lots["9"] = { accepted: "41", reason: "" };
    const refused = TransferReceive.safeParse(toReceiveRequest(transfer, values));
    expect(refused.success).toBe(false);
    expect(receiveFieldOf(transfer, refused.error!.issues[0]!.path.join("."))).toBe("lots.9.rejected");
  });
});

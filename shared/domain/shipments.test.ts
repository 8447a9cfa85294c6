import { describe, expect, it } from "vitest";
import { shipmentLoad } from "./shipments";

const line = { qty: 200, packSize: 100, packWeightG: 120, packVolumeCm3: 300, coldChain: false };

describe("shipmentLoad", () => {
  it("counts packs × pack weight and volume over every line, a partial pack pro rata, rounded once", () => {
    expect(shipmentLoad([line, { ...line, qty: 50, packSize: 30, packWeightG: 7, packVolumeCm3: 11 }])).toEqual({
      loadG: Math.round(2 * 120 + (50 / 30) * 7),
      loadMl: Math.round(2 * 300 + (50 / 30) * 11),
      coldChain: false,
    });
  });

  it("is cold chain when any line with a quantity is, and ignores lines with nothing to deliver", () => {
    expect(shipmentLoad([line, { ...line, qty: 1, coldChain: true }]).coldChain).toBe(true);
    expect(shipmentLoad([line, { ...line, qty: 0, coldChain: true }])).toEqual({
      loadG: 240,
      loadMl: 600,
      coldChain: false,
    });
    expect(shipmentLoad([])).toEqual({ loadG: 0, loadMl: 0, coldChain: false });
  });
});

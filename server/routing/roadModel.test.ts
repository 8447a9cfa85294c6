import { describe, expect, it } from "vitest";
import { greatCircleM } from "./geo";
import {
  DEFAULT_ROAD_OPTIONS,
  GreatCircleModel,
  UNREACHABLE,
  accessClass,
  isClosed,
  seasonOf,
  type RoadPoint,
} from "./roadModel";

const depot = (lat: number, lon: number): RoadPoint => ({ lat, lon, level: "district", access: "all_year" });
const cscom = (lat: number, lon: number, access: RoadPoint["access"] = "all_year"): RoadPoint => ({
  lat,
  lon,
  level: "cscom",
  access,
});
/** Metres per degree of latitude on the haversine sphere. */
const DEG_M = (Math.PI / 180) * 6_371_000;

describe("great-circle distance", () => {
  it("measures one degree along a meridian as 111.2 km and is symmetric", () => {
    expect(greatCircleM(0, 0, 1, 0)).toBeCloseTo(DEG_M, 3);
    expect(greatCircleM(12.64, -8.0, 13.43, -6.26)).toBeCloseTo(greatCircleM(13.43, -6.26, 12.64, -8.0), 6);
    // Bamako → Ségou: about 207 km as the crow flies.
    expect(greatCircleM(12.64, -8.0, 13.43, -6.26) / 1000).toBeGreaterThan(200);
    expect(greatCircleM(12.64, -8.0, 13.43, -6.26) / 1000).toBeLessThan(215);
  });
});

describe("great-circle road model", () => {
  it("multiplies the great-circle distance by the circuity factor (default 1.35)", () => {
    const pts = [depot(12, -8), depot(13, -8)];
    const m = new GreatCircleModel().matrices(pts, "dry");
    expect(m.provider).toBe("great_circle");
    expect(m.distancesM[1]).toBe(Math.round(DEG_M * 1.35));
    expect(m.distancesM[2]).toBe(m.distancesM[1]);
    expect(m.distancesM[0]).toBe(0);
    const straight = new GreatCircleModel({ circuity: 1 }).matrices(pts, "dry");
    expect(straight.distancesM[1]).toBe(Math.round(DEG_M));
  });

  it("drives a long depot-to-depot leg on paved road at 60 km/h", () => {
    const m = new GreatCircleModel().matrices([depot(12, -8), depot(13, -8)], "dry");
    expect(m.durationsS[1]).toBe(Math.round(((DEG_M * 1.35) / 1000 / 60) * 3600));
  });

  it("drives a short leg between two CSComs on laterite at 40 km/h, and one to a slow-access CSCom partly on track", () => {
    const a = cscom(12, -8),
      b = cscom(12.05, -8),
      slow = cscom(12.05, -8, "slow");
    const roadKm = (0.05 * DEG_M * 1.35) / 1000;
    const m = new GreatCircleModel().matrices([a, b, slow], "dry");
    expect(m.durationsS[1]).toBe(Math.round((roadKm / 40) * 3600));
    // Half the leg on laterite (a's end), half on track (slow's end, 25 km/h).
    expect(m.durationsS[2]).toBe(Math.round((roadKm / 2 / 40 + roadKm / 2 / 25) * 3600));
  });

  it("uses an access stretch at each end and a paved trunk on long legs to CSComs", () => {
    const a = depot(12, -8),
      b = cscom(13, -8);
    const roadKm = (DEG_M * 1.35) / 1000;
    const m = new GreatCircleModel().matrices([a, b], "dry");
    const expected = (15 / 60 + 15 / 40 + (roadKm - 30) / 60) * 3600;
    expect(m.durationsS[1]).toBe(Math.round(expected));
  });

  it("slows legs to slow-access facilities in the rainy season and closes the closed ones", () => {
    const pts = [depot(12.7, -8.07), cscom(12.6, -7.9), cscom(12.5, -7.95, "slow"), cscom(12.45, -8.12, "closed")];
    const dry = new GreatCircleModel().matrices(pts, "dry");
    const rainy = new GreatCircleModel().matrices(pts, "rainy");
    expect(dry.closed).toEqual([]);
    expect(rainy.closed).toEqual([3]);
    expect(rainy.durationsS[0 * 4 + 3]).toBe(UNREACHABLE);
    expect(rainy.durationsS[3 * 4 + 1]).toBe(UNREACHABLE);
    expect(rainy.durationsS[3 * 4 + 3]).toBe(0);
    expect(rainy.durationsS[2]! / dry.durationsS[2]!).toBeGreaterThan(1.5);
    // Distances do not change with the season, durations only.
    expect(rainy.distancesM[2]).toBe(dry.distancesM[2]);
    expect(rainy.durationsS[1]!).toBeGreaterThan(dry.durationsS[1]!);
  });

  it("classifies the access road of each facility", () => {
    expect(accessClass(depot(0, 0))).toBe("paved");
    expect(accessClass(cscom(0, 0))).toBe("laterite");
    expect(accessClass(cscom(0, 0, "slow"))).toBe("track");
    expect(isClosed(cscom(0, 0, "closed"), "dry")).toBe(false);
    expect(isClosed(cscom(0, 0, "closed"), "rainy")).toBe(true);
  });

  it("takes July to October as the rainy season unless told otherwise", () => {
    expect(seasonOf("2026-06-30")).toBe("dry");
    expect(seasonOf("2026-07-01")).toBe("rainy");
    expect(seasonOf("2026-10-31")).toBe("rainy");
    expect(seasonOf("2026-11-01")).toBe("dry");
    expect(seasonOf("2026-08-15", "dry")).toBe("dry");
    expect(seasonOf("2026-01-15", "rainy")).toBe("rainy");
  });

  it("has speeds that are slower in the rainy season for every class but never zero", () => {
    for (const cls of ["paved", "laterite", "track"] as const) {
      expect(DEFAULT_ROAD_OPTIONS.speedsKmh.rainy[cls]).toBeLessThan(DEFAULT_ROAD_OPTIONS.speedsKmh.dry[cls]);
      expect(DEFAULT_ROAD_OPTIONS.speedsKmh.rainy[cls]).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from "vitest";
import { BurstMeter, GS, insertedByKey } from "./scanInput";

describe("scanner input", () => {
  it("turns Ctrl+] (how scanners type FNC1) into the GS character and leaves other keys alone", () => {
    expect(insertedByKey({ key: "]", code: "BracketRight", ctrlKey: true })).toBe(GS);
    // On an AZERTY keyboard the key is reported by its position.
    expect(insertedByKey({ key: "$", code: "BracketRight", ctrlKey: true })).toBe(GS);
    expect(insertedByKey({ key: "]", code: "BracketRight", ctrlKey: false })).toBeNull();
    expect(insertedByKey({ key: "a", code: "KeyA", ctrlKey: true })).toBeNull();
  });

  it("tells a scanner's burst or a paste from a person typing", () => {
    const scanner = new BurstMeter();
    for (let i = 1; i <= 20; i++) scanner.typed(i, i * 10);
    expect(scanner.isScan()).toBe(true);
    const person = new BurstMeter();
    for (let i = 1; i <= 20; i++) person.typed(i, i * 180);
    expect(person.isScan()).toBe(false);
    const paste = new BurstMeter();
    paste.typed(34, 5);
    expect(paste.isScan()).toBe(true);
    paste.reset();
    paste.typed(1, 400);
    expect(paste.isScan()).toBe(false);
  });
});

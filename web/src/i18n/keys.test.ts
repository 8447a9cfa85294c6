import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { computeOrderQuantity } from "@shared/domain/replenishment";
import { en } from "./en";
import { fr } from "./fr";
import { AUDIT_ACTIONS } from "@shared/contracts/audit";
import { auditActionLabel, explanationText, formatValue, reasonLabel } from "./keys";
import { ISSUE_KEYS } from "@shared/errors";
import { ApiError } from "../api/client";
import { errorDetails, errorMessage, issueText } from "./errors";

const instance = (lng: "fr" | "en") => {
  const i = i18next.createInstance();
  void i.init({
    lng,
    resources: { fr: { translation: fr }, en: { translation: en } },
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return i;
};

describe("typed keys", () => {
  it("refuses an unknown key at compile time", () => {
    const t = instance("fr").t;
    // @ts-expect-error — "no.such.key" is not in the French texts: tsc fails if this line ever compiles.
    expect(t("no.such.key")).toBe("no.such.key");
    expect(t("order.why")).toBe("Pourquoi ?");
  });
});

describe("messages from the domain", () => {
  const suggestion = computeOrderQuantity({
    product: { packSize: 100, packRoundingThreshold: 30, roundToZero: false },
    policy: { rule: "standard", maxMonths: 3, minMonths: 2, eopMonths: 1 },
    periods: [{ days: 30, consumed: 1600, stockoutDays: 0 }, { days: 31, consumed: 1650, stockoutDays: 0 }, null],
    stockOnHand: 2673,
    inTransit: 0,
  });

  it("writes an explanation in French with French numbers, and in English with English ones", () => {
    const fr = suggestion.explanation.map((s) => explanationText(instance("fr").t, s, "fr"));
    const en = suggestion.explanation.map((s) => explanationText(instance("en").t, s, "en"));
    expect(fr.find((l) => l.startsWith("Mois de stock ="))).toBe(
      "Mois de stock = stock disponible 2\u202f673 / CMM 1\u202f625 = 1,64.",
    );
    expect(en.find((l) => l.startsWith("Months of stock ="))).toBe(
      "Months of stock = stock on hand 2,673 / AMC 1,625 = 1.64.",
    );
    expect(fr.every((l) => l.length > 10 && !l.includes("explain."))).toBe(true);
  });

  it("reads the notes older versions stored, and writes plurals and identifiers properly", () => {
    const t = instance("fr").t;
    expect(explanationText(t, { key: "shortfall", values: { qty: 1200 } }, "fr")).toBe(
      "Manquant de 1\u202f200 repris d'une autre commande.",
    );
    expect(explanationText(t, { key: "backorder", values: { qty: 40, orderId: 12345 } }, "fr")).toBe(
      "Reliquat de 40 de la commande n° 12345.",
    );
    const packs = (n: number) =>
      explanationText(t, { key: "packs", values: { quantity: n * 10, packs: n, packSize: 10, threshold: 0 } }, "fr");
    expect(packs(1)).toContain("1 conditionnement de 10");
    expect(packs(3)).toContain("3 conditionnements de 10");
    expect(formatValue("periods", [12, null, 1500], "fr")).toBe("12 ; — ; 1\u202f500");
  });

  it("names every reason of the shared list, and an unknown stored reason as it is", () => {
    const t = instance("fr").t;
    expect(reasonLabel(t, "transfer_out")).toBe("Transfert sortant");
    expect(reasonLabel(t, "legacy")).toBe("legacy");
  });
});

describe("audit actions", () => {
  it("names every action of the shared list in French, and an unknown stored action as its code", () => {
    const t = instance("fr").t;
    const unnamed = AUDIT_ACTIONS.filter((a) => auditActionLabel(t, a) === a || auditActionLabel(t, a).includes("."));
    expect(unnamed).toEqual([]);
    expect(auditActionLabel(t, "order.edit")).toBe("Modification des quantités demandées");
    expect(auditActionLabel(t, "dhis2.push.dryRun")).toBe("Essai d'envoi à DHIS2");
    expect(auditActionLabel(t, "legacy.action")).toBe("legacy.action");
  });
});

describe("what the server says beside an error, under apiDetail", () => {
  it("words every refusal reason (ISSUE_KEYS) in French and English, a text for each", () => {
    for (const lng of ["fr", "en"] as const) {
      const t = instance(lng).t;
      for (const key of ISSUE_KEYS) {
        const text = issueText(t, key, { value: "X", count: 2 });
        expect(text, `${lng} ${key}`).not.toBe(`apiDetail.${key}`);
        expect(text, `${lng} ${key}`).not.toBe(key);
      }
    }
  });

  it("shows a refused field's reason as the error's message, and the code's text when the reason is a detail", () => {
    const t = instance("fr").t;
    const taken = new ApiError("validation_failed", 400, "x", {
      issues: [{ path: "username", message: "already taken", key: "user.usernameTaken", values: {} }],
    });
    expect(errorMessage(t, taken)).toBe("Cet identifiant est déjà pris.");
    const detail = new ApiError("validation_failed", 400, "x", {
      issues: [{ path: "days", message: "too many", key: "report_max_days", values: { days: 30 } }],
    });
    expect(errorMessage(t, detail)).toBe(t("errors.validation_failed"));
    expect(errorDetails(t, detail, "fr")).toEqual(["Au plus 30 jours sur ce mois."]);
    expect(issueText(t, "no.such.reason", {})).toBe("no.such.reason");
  });
});

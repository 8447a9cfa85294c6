/**
 * The tracer basket: a short list of products whose availability stands for the whole supply chain's
 * (WHO Service Availability and Readiness Assessment; UN Commission on Life-Saving Commodities; the tracer
 * products of Mali's national LMIS reporting). PRODUCT.md names no list, so this is the default; an
 * administrator may replace it with the setting `indicators.tracer_products` (a JSON array of product codes).
 */
export const TRACER_SETTING = "indicators.tracer_products";

/** Product codes of the default tracer basket (malaria, maternal health, child health, family planning, pain). */
export const DEFAULT_TRACER_CODES: readonly string[] = [
  "MAL-AL-20120-6", // artemether-lumefantrine, child
  "MAL-AL-20120-24", // artemether-lumefantrine, adult
  "MAL-TDR-PF", // malaria rapid diagnostic test
  "MAL-SP-50025-CP", // sulfadoxine-pyrimethamine (IPTp)
  "MAL-ASU-60-INJ", // injectable artesunate
  "CES-OXY-10-INJ", // oxytocin
  "CES-MGSO4-50-INJ", // magnesium sulfate
  "ATB-AMOX-250-CPD", // amoxicillin dispersible
  "GI-SRO-205-SACH", // oral rehydration salts
  "GI-ZINC-20-CPD", // zinc
  "PF-DMPA-IM-150", // injectable contraceptive
  "PF-PRES-MASC", // male condom
  "ANA-PARA-500-CP", // paracetamol
  "VIT-FEFOL-CP", // iron + folic acid
];

/** Codes from the stored setting when it is a non-empty JSON array of strings, else the default basket. */
export function tracerCodes(setting: string | null | undefined): readonly string[] {
  if (!setting) return DEFAULT_TRACER_CODES;
  try {
    const parsed: unknown = JSON.parse(setting);
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((c) => typeof c === "string"))
      return parsed as string[];
  } catch {
    // A malformed setting falls back to the default basket rather than breaking the dashboard.
  }
  return DEFAULT_TRACER_CODES;
}

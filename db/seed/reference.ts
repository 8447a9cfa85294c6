/** Programmes, funding sources and default policies: the fixed reference rows of every Fura database. */
import type { ProgrammeCode } from "./data/catalogueTypes";

/** The programmes; each is also the funding source that owns its stock. */
export const PROGRAMMES: {
  code: ProgrammeCode;
  nameFr: string;
  nameEn: string;
  kind: "cost_recovery" | "free_care";
}[] = [
  { code: "cost_recovery", nameFr: "Recouvrement des coûts", nameEn: "Cost recovery", kind: "cost_recovery" },
  { code: "malaria", nameFr: "Paludisme — gratuité (PNLP)", nameEn: "Malaria — free care (NMCP)", kind: "free_care" },
  { code: "caesarean", nameFr: "Césarienne — gratuité", nameEn: "Caesarean section — free care", kind: "free_care" },
  { code: "hiv", nameFr: "VIH/sida — ARV gratuits", nameEn: "HIV — free ARVs", kind: "free_care" },
  { code: "tb", nameFr: "Tuberculose (PNLT)", nameEn: "Tuberculosis (NTP)", kind: "free_care" },
  { code: "vaccines", nameFr: "Vaccination (PEV)", nameEn: "Immunisation (EPI)", kind: "free_care" },
  { code: "family_planning", nameFr: "Planification familiale", nameEn: "Family planning", kind: "free_care" },
  {
    code: "nutrition",
    nameFr: "Nutrition — malnutrition aiguë",
    nameEn: "Nutrition — acute malnutrition",
    kind: "free_care",
  },
];

/** Funding sources: cost recovery and one per free-care programme. */
export const FUNDING_SOURCES = PROGRAMMES.map((p) => ({
  code: p.code,
  nameFr: p.kind === "cost_recovery" ? "Recouvrement des coûts (fonds propres)" : `Gratuité — ${p.nameFr}`,
  nameEn: p.kind === "cost_recovery" ? "Cost recovery (own revenue)" : `Free care — ${p.nameEn}`,
  programmeCode: p.code,
}));

/** Initial settings (their bounds: shared/domain/settings.ts). */
export const SETTINGS = [
  { key: "issue.minShelfLifeDays", value: "30" },
  { key: "report.dueDays", value: "15" },
];

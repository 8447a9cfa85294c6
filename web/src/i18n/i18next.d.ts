/**
 * Typed keys: i18next checks every `t("…")` against the French texts (the reference language), so a key that
 * does not exist fails `tsc`. Keys built at run time go through the typed helpers of ./keys.
 */
import "i18next";
import type { Messages } from "./fr";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

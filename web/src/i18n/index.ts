/**
 * i18next set-up: French first, English switchable; the choice is remembered on this device. The texts are loaded
 * per language and per feature file (one lazy chunk each, precached by the service worker): `common` before the
 * first render, a screen's features before the screen (`withTexts`), and only in the language in use — a switch
 * loads the features already shown in the new language first. A new language is a folder beside fr/ and en/ (typed
 * by the French one) and one entry in LANGUAGE_TEXTS: nothing outside web/src/i18n. Keys stay typed against the
 * whole French text (i18next.d.ts), so a missing key still fails `tsc`.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Messages } from "./fr";

/** A feature file of the texts (web/src/i18n/<lang>/<feature>.ts), the unit that loads. */
export type TextFeature =
  | "common"
  | "stock"
  | "dashboards"
  | "orders"
  | "reports"
  | "routes"
  | "audit"
  | "interop"
  | "forms"
  | "users"
  | "quantification"
  | "apiDetail"
  | "facilityAdmin"
  | "catalogue"
  | "policies"
  | "delivery";

/** Loads one feature file of a language: its module, whose one export holds part of the texts. */
type FeatureLoader = () => Promise<Record<string, Partial<Messages>>>;

/** How each language names itself in the switch ("FR", "Français"), whatever the interface language. */
interface LanguageTexts {
  self: { short: string; long: string };
  features: Record<TextFeature, FeatureLoader>;
}

/** The texts of every interface language, French first (the reference and the fallback). */
const LANGUAGE_TEXTS = {
  fr: {
    self: { short: "FR", long: "Français" },
    features: {
      common: () => import("./fr/common"),
      stock: () => import("./fr/stock"),
      dashboards: () => import("./fr/dashboards"),
      orders: () => import("./fr/orders"),
      reports: () => import("./fr/reports"),
      routes: () => import("./fr/routes"),
      audit: () => import("./fr/audit"),
      interop: () => import("./fr/interop"),
      forms: () => import("./fr/forms"),
      users: () => import("./fr/users"),
      quantification: () => import("./fr/quantification"),
      apiDetail: () => import("./fr/apiDetail"),
      facilityAdmin: () => import("./fr/facilityAdmin"),
      catalogue: () => import("./fr/catalogue"),
      policies: () => import("./fr/policies"),
      delivery: () => import("./fr/delivery"),
    },
  },
  en: {
    self: { short: "EN", long: "English" },
    features: {
      common: () => import("./en/common"),
      stock: () => import("./en/stock"),
      dashboards: () => import("./en/dashboards"),
      orders: () => import("./en/orders"),
      reports: () => import("./en/reports"),
      routes: () => import("./en/routes"),
      audit: () => import("./en/audit"),
      interop: () => import("./en/interop"),
      forms: () => import("./en/forms"),
      users: () => import("./en/users"),
      quantification: () => import("./en/quantification"),
      apiDetail: () => import("./en/apiDetail"),
      facilityAdmin: () => import("./en/facilityAdmin"),
      catalogue: () => import("./en/catalogue"),
      policies: () => import("./en/policies"),
      delivery: () => import("./en/delivery"),
    },
  },
} satisfies Record<string, LanguageTexts>;

/** One of the interface languages. */
export type Language = keyof typeof LANGUAGE_TEXTS;
/** Languages the interface speaks, French first. */
export const LANGUAGES = Object.keys(LANGUAGE_TEXTS) as Language[];
/** Every feature file: what a screen that does not list its own loads. */
export const ALL_TEXTS = Object.keys(LANGUAGE_TEXTS.fr.features) as TextFeature[];

/** How a language names itself in the switch ("FR", "Français"), whatever the interface language. */
export function languageName(lang: Language): { short: string; long: string } {
  return LANGUAGE_TEXTS[lang].self;
}

const STORAGE_KEY = "fura.lang";

const isLanguage = (value: string | null): value is Language => value !== null && value in LANGUAGE_TEXTS;

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : "fr";
  } catch {
    return "fr";
  }
}

/** Features whose texts a screen asked for (in any language): a language switch loads them all first. */
const wanted = new Set<TextFeature>(["common"]);
/** "fr:common" → its load, started once. */
const loads = new Map<string, Promise<void>>();

/** Loads the texts of `features` in `lang` into i18next (each file once). */
function loadTexts(lang: Language, features: Iterable<TextFeature>): Promise<void> {
  return Promise.all(
    [...features].map((feature) => {
      const id = `${lang}:${feature}`;
      let load = loads.get(id);
      if (!load) {
        load = LANGUAGE_TEXTS[lang].features[feature]().then((module) => {
          for (const texts of Object.values(module)) i18n.addResourceBundle(lang, "translation", texts, true, true);
        });
        // A failed load (offline, a chunk missing) is tried again the next time a screen asks.
        load.catch(() => loads.delete(id));
        loads.set(id, load);
      }
      return load;
    }),
  ).then(() => undefined);
}

/** The current interface language. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : "fr";
}

/** Loads the texts of `features` in the current language (before a screen that uses them renders). */
export function ensureTexts(features: readonly TextFeature[]): Promise<void> {
  for (const f of features) wanted.add(f);
  return loadTexts(currentLanguage(), features);
}

/** A lazy screen's module, once its texts are loaded too (for React's `lazy`). */
export async function withTexts<M>(features: readonly TextFeature[], load: () => Promise<M>): Promise<M> {
  const [module] = await Promise.all([load(), ensureTexts(features)]);
  return module;
}

/** Switches the interface language (once the texts shown so far are loaded in it) and remembers it. */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  await loadTexts(lang, wanted);
  await i18n.changeLanguage(lang);
}

i18n.on("languageChanged", (lang) => {
  document.documentElement.lang = lang;
});

void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: storedLanguage(),
  fallbackLng: "fr",
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Resolves once the texts every screen uses (`common`, in the current language) are loaded: the app renders then. */
export const textsReady: Promise<void> = ensureTexts(["common"]);

export default i18n;

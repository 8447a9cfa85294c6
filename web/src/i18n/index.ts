/**
 * i18next set-up: French first, English switchable; the choice is remembered on this device. A new language is a
 * folder beside fr/ and en/ (typed by the French one) and one entry in RESOURCES: nothing outside web/src/i18n.
 */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { fr, type Messages } from "./fr";

/** The texts of every interface language, French first (the reference and the fallback). */
const RESOURCES = { fr, en } satisfies Record<string, Messages>;
/** One of the interface languages. */
export type Language = keyof typeof RESOURCES;
/** Languages the interface speaks, French first. */
export const LANGUAGES = Object.keys(RESOURCES) as Language[];

/** How a language names itself in the switch ("FR", "Français"), whatever the interface language. */
export function languageName(lang: Language): { short: string; long: string } {
  return { short: RESOURCES[lang].lang.self, long: RESOURCES[lang].lang.selfLong };
}

const STORAGE_KEY = "fura.lang";

const isLanguage = (value: string | null): value is Language => value !== null && value in RESOURCES;

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : "fr";
  } catch {
    return "fr";
  }
}

/** Switches the interface language and remembers it. */
export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  void i18n.changeLanguage(lang);
}

/** The current interface language. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : "fr";
}

i18n.on("languageChanged", (lang) => {
  document.documentElement.lang = lang;
});

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(RESOURCES).map(([lang, translation]) => [lang, { translation }])),
  lng: storedLanguage(),
  fallbackLng: "fr",
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;

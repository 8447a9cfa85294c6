/** i18next set-up: French first, English switchable; the choice is remembered on this device. */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { fr } from "./fr";

/** Languages the interface speaks, French first. */
export const LANGUAGES = ["fr", "en"] as const;
/** One of the interface languages. */
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "fura.lang";

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === "en" ? "en" : "fr";
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
  return i18n.language === "en" ? "en" : "fr";
}

i18n.on("languageChanged", (lang) => {
  document.documentElement.lang = lang;
});

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "fr",
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;

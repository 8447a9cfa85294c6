/** A programme's (or funding source's) name from its code, in the reader's language: never the raw code once loaded. */
import { useTranslation } from "react-i18next";
import { useProgrammes } from "../api/reference";
import { programmeName } from "../i18n/keys";

/** `(code) => name`: a stock's funding source is the code of the programme that owns it ("cost_recovery", "malaria"…). */
export function useProgrammeName(): (code: string) => string {
  const { i18n } = useTranslation();
  const programmes = useProgrammes();
  return (code: string) => {
    const p = programmes.data?.find((x) => x.code === code);
    return p ? programmeName(p, i18n.language) : code;
  };
}

/** The funding sources offered by the quantification forms: the programmes (cost recovery and each free-care one). */
import { useTranslation } from "react-i18next";
import { useProgrammes } from "../../api/reference";
import type { Option } from "../../lib/forms/fields";

/** The funding sources as select options, named in the interface language. */
export function useFundingOptions(): Option[] {
  const { i18n } = useTranslation();
  const programmes = useProgrammes();
  return (programmes.data ?? []).map((p) => ({ value: p.code, label: i18n.language === "en" ? p.nameEn : p.nameFr }));
}

/** The depot a depot screen works on (fulfilment, route planning, stock entry): the user's choices and the one in `?depot=` (default the first). */
import { useMemo } from "react";
import { useMe } from "../../api/auth";
import { useDistricts, useFacilities } from "../../api/reference";
import { depotChoices } from "./depotChoices";

/** The depots the user may choose from, the chosen one, and the queries behind them (for loading and error states). */
export function useDepotChoice(params: URLSearchParams) {
  const me = useMe().data!;
  const facilities = useFacilities();
  const districts = useDistricts();
  const choices = useMemo(
    () => depotChoices(me, facilities.data?.items ?? [], districts.data ?? []),
    [me, facilities.data, districts.data],
  );
  const depotId = params.get("depot") ?? choices[0]?.id ?? null;
  const depot = choices.find((d) => d.id === depotId) ?? null;
  return { me, facilities, districts, choices, depotId, depot };
}

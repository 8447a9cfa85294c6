/** The head of a depot's screen (fulfilment, route planning): eyebrow, title, introduction, and the depot chooser when the user has several. */
import type { ReactNode } from "react";

/** Props: the texts, and the depots the user may choose from. */
interface Props {
  eyebrow: string;
  title: string;
  intro: ReactNode;
  choices: { id: string; name: string }[];
  depotId: string | null;
  onDepot: (id: string) => void;
  select: { id: string; label: string; disabled?: boolean };
}

/** The page head with its depot chooser. */
export function DepotPageHead({ eyebrow, title, intro, choices, depotId, onDepot, select }: Props) {
  return (
    <div className="page-head">
      <div>
        <p className="level-pill level-district">{eyebrow}</p>
        <h1>{title}</h1>
        <p className="muted">{intro}</p>
      </div>
      {choices.length > 1 && (
        <div className="field">
          <label htmlFor={select.id}>{select.label}</label>
          <select
            id={select.id}
            value={depotId ?? ""}
            disabled={select.disabled}
            onChange={(e) => onDepot(e.target.value)}
          >
            {choices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

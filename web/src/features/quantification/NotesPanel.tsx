/** The notes of a forecast or a plan, grouped by kind: the first few of each shown, the rest behind "more". */
import { useTranslation } from "react-i18next";
import { useFacilities } from "../../api/reference";
import { groupNotes, noteText, type NoteLike } from "./notes";

const SHOWN = 4;

/** A list of notes worded under `namespace`. */
export function NotesPanel({ notes, namespace, empty }: { notes: NoteLike[]; namespace: string; empty: string }) {
  const { t, i18n } = useTranslation();
  const facilities = useFacilities();
  const names = new Map((facilities.data?.items ?? []).map((f) => [f.id, f.name]));
  const ctx = { t, lang: i18n.language, facilityName: (id: string) => names.get(id) };
  if (notes.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="quant-notes quant-note-groups" data-testid="quant-notes">
      {groupNotes(notes).map((g) => (
        <li key={g.key}>
          {g.notes.length <= SHOWN ? (
            <ul className="quant-notes">
              {g.notes.map((n, i) => (
                <li key={i}>{noteText(n, namespace, ctx)}</li>
              ))}
            </ul>
          ) : (
            <details>
              <summary>
                {noteText(g.notes[0]!, namespace, ctx)} {t("quant.forecast.more", { count: g.notes.length - 1 })}
              </summary>
              <ul className="quant-notes">
                {g.notes.slice(1).map((n, i) => (
                  <li key={i}>{noteText(n, namespace, ctx)}</li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

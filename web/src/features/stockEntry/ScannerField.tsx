/**
 * The "Scanner" field of the receipt and count screens, focused first: a USB scanner types the GS1 barcode into
 * it (Ctrl+] becomes GS, see scanInput.ts) and ends with Enter — or, set without Enter, the burst is read after a
 * short pause. The server reads the code (POST /interop/gs1/parse) and the form fills product, lot and expiry;
 * a malformed code is refused with its reason, in French.
 */
import type { TFunction } from "i18next";
import { dynamicText } from "../../i18n/keys";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Gs1ParseResponse } from "@shared/contracts/interop";
import { ApiError } from "../../api/client";
import { parseScan } from "../../api/interop";
import { errorMessage } from "../../i18n/errors";
import { formatDate } from "../../i18n/format";
import { BurstMeter, insertedByKey } from "./scanInput";

/** A note the form adds after a read (e.g. the lot is not in stock here): an i18n key and its values. */
export interface ScanNote {
  key: string;
  values?: Record<string, string>;
}

/** Props: what the form does with a read; it may answer a note to show. */
interface Props {
  onRead: (read: Gs1ParseResponse) => ScanNote | null;
}

type State =
  | { kind: "idle" }
  | { kind: "reading" }
  | { kind: "read"; read: Gs1ParseResponse; note: ScanNote | null }
  | { kind: "refused"; text: string };

/** The refusal's reason in the reader's language: the GS1 code and values, else the error's message. */
function refusalText(t: TFunction, error: unknown): string {
  const details = error instanceof ApiError ? (error.details as { reason?: unknown } | undefined) : undefined;
  const reason = details?.reason as { code?: unknown; values?: Record<string, unknown> } | undefined;
  if (typeof reason?.code === "string" && reason.code.startsWith("gs1."))
    return dynamicText(t, `interop.${reason.code}`, reason.values ?? {});
  return errorMessage(t, error);
}

/** The scanner field. */
export function ScannerField({ onRead }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const [state, setState] = useState<State>({ kind: "idle" });
  const meter = useRef(new BurstMeter());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  const latest = useRef({ onRead, text });
  latest.current = { onRead, text };

  const read = async (code: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (code.trim() === "") return;
    meter.current.reset();
    setText("");
    setState({ kind: "reading" });
    try {
      const result = await parseScan(code);
      setState({ kind: "read", read: result, note: latest.current.onRead(result) });
    } catch (error) {
      setState({ kind: "refused", text: refusalText(t, error) });
      input.current?.focus();
    }
  };

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const change = (value: string) => {
    setText(value);
    meter.current.typed(value.length, performance.now());
    if (timer.current) clearTimeout(timer.current);
    // A scanner set without Enter: read the burst once it stops.
    if (meter.current.isScan()) timer.current = setTimeout(() => void read(latest.current.text), 250);
  };

  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void read(text);
      return;
    }
    const inserted = insertedByKey(e);
    if (inserted === null) return;
    e.preventDefault();
    const el = e.currentTarget;
    const [start, end] = [el.selectionStart ?? text.length, el.selectionEnd ?? text.length];
    change(text.slice(0, start) + inserted + text.slice(end));
  };

  return (
    <div className="field field-grow scanner-field" data-testid="scanner">
      <label htmlFor={`${id}-scan`}>{t("interop.scanner.label")}</label>
      <input
        id={`${id}-scan`}
        ref={input}
        value={text}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-hint ${id}-status`}
        onChange={(e) => change(e.target.value)}
        onKeyDown={keyDown}
      />
      <span id={`${id}-hint`} className="muted small">
        {t("interop.scanner.hint")}
      </span>
      <ScanStatus id={`${id}-status`} state={state} />
    </div>
  );
}

/** What the last read gave, or why it was refused. */
function ScanStatus({ id, state }: { id: string; state: State }) {
  const { t } = useTranslation();
  if (state.kind === "idle") return <span id={id} />;
  if (state.kind === "reading")
    return (
      <span id={id} className="muted small" role="status">
        {t("interop.scanner.reading")}
      </span>
    );
  if (state.kind === "refused")
    return (
      <p id={id} className="field-error" role="alert" data-testid="scan-refused">
        {state.text}
      </p>
    );
  const { read, note } = state;
  const product = read.product ? `${read.product.genericName} ${read.product.strength}`.trim() : read.gtin;
  const line =
    read.lot || read.expiry
      ? t("interop.scanner.read", {
          product,
          lot: read.lot ?? t("interop.scanner.none"),
          expiry: read.expiry ? formatDate(read.expiry) : t("interop.scanner.none"),
        })
      : t("interop.scanner.readNoLot", { product });
  return (
    <p id={id} className="small scanner-read" role="status" data-testid="scan-read">
      {line}
      {note && <strong className="scanner-note"> {dynamicText(t, note.key, note.values ?? {})}</strong>}
    </p>
  );
}

/**
 * The recipient's signature drawn with a finger (signature_pad on a canvas), handed up as a PNG data URL once
 * each stroke ends. The canvas is drawn at the device's pixel ratio but capped so the image stays small (the
 * contract caps it at SIGNATURE_MAX_CHARS); "Effacer" starts again.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import SignaturePad from "signature_pad";
import { SIGNATURE_MAX_CHARS } from "@shared/contracts/deliveries";

/** Props: the current image (null = empty) and where to send changes. */
export function SignatureField({
  value,
  onChange,
  invalid,
}: {
  value: string | null;
  onChange: (png: string | null) => void;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d")!.scale(ratio, ratio);
    const pad = new SignaturePad(canvas, { penColor: "#0b1f33", minWidth: 1, maxWidth: 2.6 });
    padRef.current = pad;
    const ended = () => {
      const png = pad.toDataURL("image/png");
      changeRef.current(pad.isEmpty() || png.length > SIGNATURE_MAX_CHARS ? null : png);
    };
    pad.addEventListener("endStroke", ended);
    return () => {
      pad.removeEventListener("endStroke", ended);
      pad.off();
      padRef.current = null;
    };
  }, []);

  const clear = () => {
    padRef.current?.clear();
    onChange(null);
  };

  return (
    <div className={`driver-signature${invalid ? " is-invalid" : ""}`}>
      <p id="signature-label" className="field-label">
        {t("delivery.form.signature")}
      </p>
      <p id="signature-hint" className="muted small">
        {t("delivery.form.signatureHint")}
      </p>
      <canvas
        ref={canvasRef}
        className="driver-signature-canvas"
        role="img"
        aria-labelledby="signature-label"
        aria-describedby="signature-hint"
        data-testid="signature"
        data-signed={value ? "true" : "false"}
      />
      <button type="button" className="button driver-button" onClick={clear}>
        {t("delivery.form.clearSignature")}
      </button>
    </div>
  );
}

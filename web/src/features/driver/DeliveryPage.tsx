/**
 * Recording a delivery at a stop (/ma-tournee/:planId/arret/:stopId), with or without network: "Livré" — per lot
 * of the stop's manifests the quantity refused and its reason (accepted = shipped − refused), the recipient's name
 * and signature, the arrival time, the GPS position when the tablet gives one — or "Non livré" with a reason. The
 * delivery goes to the outbox (web/src/offline) under a new id, sent at once when the network allows.
 */
import { dynamicText } from "../../i18n/keys";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { RejectionReason, SkipReason } from "@shared/contracts/deliveries";
import { useMe } from "../../api/auth";
import { driverPlanQuery } from "../../api/driver";
import { newIdempotencyKey } from "../../api/idempotency";
import { ErrorState, Loading } from "../../components/States";
import { useSearchState } from "../../components/useSearchState";
import { formatDate, formatNumber } from "../../i18n/format";
import { enqueueDelivery } from "../../offline/outbox";
import { syncOutbox } from "../../offline/sync";
import { clock } from "../../lib/routePlan/routeView";
import {
  deliveryBody,
  draftIssues,
  draftTotals,
  newDraft,
  rejectedOf,
  type DeliveryDraft,
  type DraftLot,
} from "./deliveryDraft";
import { maliToday, parseDay } from "./driverDay";
import { myRouteDayPath } from "./paths";
import { SignatureField } from "./SignatureField";
import "./driver.css";

type Position = { lat: number; lon: number; accuracyM: number };

/** The tablet's GPS position, asked once (null: not given; undefined: still asking). */
function usePosition(): Position | null | undefined {
  const [position, setPosition] = useState<Position | null | undefined>(undefined);
  useEffect(() => {
    if (!("geolocation" in navigator)) return setPosition(null);
    navigator.geolocation.getCurrentPosition(
      (p) => setPosition({ lat: p.coords.latitude, lon: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
      () => setPosition(null),
      { enableHighAccuracy: true, timeout: 8_000, maximumAge: 120_000 },
    );
  }, []);
  return position;
}

/** "HH:MM" of the tablet's clock now. */
const nowClock = () => {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
};

/** The reason a lot's refused quantity was refused (asked once something is refused). */
function LotReason({
  lot,
  index,
  invalid,
  onChange,
}: {
  lot: DraftLot;
  index: number;
  invalid: boolean;
  onChange: (lot: DraftLot) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field driver-lot-reason">
      <label htmlFor={`reason-${index}`}>{t("delivery.form.reason")}</label>
      <select
        id={`reason-${index}`}
        value={lot.reason}
        aria-label={t("delivery.form.reasonNamed", { product: lot.genericName, lot: lot.lotCode })}
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => onChange({ ...lot, reason: e.target.value as DraftLot["reason"] })}
      >
        <option value="">{t("delivery.form.reasonPick")}</option>
        {RejectionReason.options.map((r) => (
          <option key={r} value={r}>
            {t(`delivery.rejectReason.${r}`)}
          </option>
        ))}
      </select>
      {invalid && <span className="field-error">{t("delivery.form.issue.reason")}</span>}
    </div>
  );
}

/** One lot of the manifest: shipped, refused (typed), reason, accepted. */
function LotRow({
  lot,
  index,
  issue,
  reasonIssue,
  onChange,
}: {
  lot: DraftLot;
  index: number;
  issue: string | undefined;
  reasonIssue: boolean;
  onChange: (lot: DraftLot) => void;
}) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const rejected = rejectedOf(lot);
  const accepted = rejected === null ? null : lot.shippedQty - Math.min(rejected, lot.shippedQty);
  const names = { product: lot.genericName, lot: lot.lotCode };
  return (
    <li className="driver-lot" data-testid="delivery-lot" data-line-id={lot.lineId} data-lot-id={lot.lotId}>
      <p className="driver-lot-name">
        <strong>{lot.genericName}</strong>
        <span className="block muted">
          {t("delivery.form.lot", { lot: lot.lotCode, expiry: formatDate(lot.expiry) })}
        </span>
      </p>
      <p className="driver-lot-shipped">
        <span className="field-label">{t("delivery.form.shipped")}</span>
        <strong data-testid="lot-shipped">{n(lot.shippedQty)}</strong>
        <span className="muted">
          {" "}
          (
          {t("routes.manifest.packsOf", {
            packs: formatNumber(lot.shippedQty / lot.packSize, i18n.language, 1),
            size: lot.packSize,
          })}
          )
        </span>
      </p>
      <div className="field driver-lot-rejected">
        <label htmlFor={`rejected-${index}`}>{t("delivery.form.rejected")}</label>
        <input
          id={`rejected-${index}`}
          inputMode="numeric"
          value={lot.rejected}
          aria-label={t("delivery.form.rejectedNamed", names)}
          aria-invalid={issue ? true : undefined}
          aria-describedby={issue ? `rejected-${index}-issue` : undefined}
          onChange={(e) => onChange({ ...lot, rejected: e.target.value })}
        />
        {issue && (
          <span id={`rejected-${index}-issue`} className="field-error">
            {dynamicText(t, `delivery.form.issue.${issue}`)}
          </span>
        )}
      </div>
      {(rejected ?? 0) > 0 && <LotReason lot={lot} index={index} invalid={reasonIssue} onChange={onChange} />}
      <p className="driver-lot-accepted">
        <span className="field-label">{t("delivery.form.accepted")}</span>
        <strong data-testid="lot-accepted">{accepted === null ? "—" : n(accepted)}</strong>
      </p>
    </li>
  );
}

/** "Livré" or "Non livré". */
function ModeChoice({ draft, set }: { draft: DeliveryDraft; set: (change: Partial<DeliveryDraft>) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="driver-choice">
      <legend>{t("delivery.form.mode")}</legend>
      {(["delivered", "skipped"] as const).map((mode) => (
        <label key={mode} className={`driver-choice-option${draft.mode === mode ? " is-checked" : ""}`}>
          <input type="radio" name="mode" value={mode} checked={draft.mode === mode} onChange={() => set({ mode })} />
          {t(mode === "delivered" ? "delivery.form.modeDelivered" : "delivery.form.modeSkipped")}
        </label>
      ))}
    </fieldset>
  );
}

/** Why the stop was not delivered (closed, road impassable, insecurity, recipient absent). */
function SkipFields({ draft, set, shown }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="driver-choice" aria-invalid={shown("skipReason") ? true : undefined}>
      <legend>{t("delivery.form.skipReason")}</legend>
      <p className="muted">{t("delivery.form.skipHint")}</p>
      {SkipReason.options.map((r) => (
        <label key={r} className={`driver-choice-option${draft.skipReason === r ? " is-checked" : ""}`}>
          <input
            type="radio"
            name="skipReason"
            value={r}
            checked={draft.skipReason === r}
            onChange={() => set({ skipReason: r })}
          />
          {t(`delivery.skipReason.${r}`)}
        </label>
      ))}
      {shown("skipReason") && <p className="field-error">{t("delivery.form.issue.required")}</p>}
    </fieldset>
  );
}

/** What the form's parts share: the draft, how to change it, and the issue of a field once submitting was tried. */
interface FieldsProps {
  draft: DeliveryDraft;
  set: (change: Partial<DeliveryDraft>) => void;
  shown: (key: string) => string | undefined;
}

/** The lots (refused quantities and reasons) and the totals. */
function LotFields({ draft, set, shown }: FieldsProps) {
  const { t, i18n } = useTranslation();
  const totals = draftTotals(draft);
  return (
    <>
      <h2>{t("delivery.form.lotsTitle")}</h2>
      <p className="muted">{t("delivery.form.lotsHint")}</p>
      <ul className="plain-list driver-lots">
        {draft.lots.map((lot, i) => (
          <LotRow
            key={`${lot.lineId}-${lot.lotId}`}
            lot={lot}
            index={i}
            issue={shown(`lot.${i}`)}
            reasonIssue={shown(`lot.${i}.reason`) !== undefined}
            onChange={(l) => set({ lots: draft.lots.map((x, j) => (j === i ? l : x)) })}
          />
        ))}
      </ul>
      <p data-testid="delivery-totals">
        {t("delivery.form.totals", {
          accepted: formatNumber(totals.accepted, i18n.language),
          rejected: formatNumber(totals.rejected, i18n.language),
        })}
      </p>
    </>
  );
}

/** The recipient's name and signature. */
function RecipientFields({ draft, set, shown }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor="recipient">{t("delivery.form.recipient")}</label>
        <input
          id="recipient"
          autoComplete="off"
          value={draft.recipient}
          aria-invalid={shown("recipient") ? true : undefined}
          onChange={(e) => set({ recipient: e.target.value })}
        />
        {shown("recipient") && <span className="field-error">{t("delivery.form.issue.required")}</span>}
      </div>
      <SignatureField
        value={draft.signature}
        invalid={shown("signature") !== undefined}
        onChange={(signature) => set({ signature })}
      />
      {shown("signature") && <p className="field-error">{t("delivery.form.issue.required")}</p>}
    </>
  );
}

/** The arrival time (the tablet's clock by default) and the GPS position found, if any. */
function ArrivalFields({
  draft,
  set,
  position,
}: Omit<FieldsProps, "shown"> & { position: Position | null | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor="arrived-at">{t("delivery.form.arrivedAt")}</label>
        <input
          id="arrived-at"
          type="time"
          value={draft.arrivedAt}
          onChange={(e) => set({ arrivedAt: e.target.value })}
        />
      </div>
      <p data-testid="delivery-position">
        {t("delivery.form.position")} :{" "}
        {position === undefined
          ? t("delivery.form.positionWaiting")
          : position === null
            ? t("delivery.form.positionNone")
            : t("delivery.form.positionFound", { m: position.accuracyM })}
      </p>
    </>
  );
}

type Stop = NonNullable<ReturnType<typeof useStop>["stop"]>;

/** The day shown (?jour=), the plan and the stop of the URL, as kept for offline. */
function useStop() {
  const params = useParams();
  const [search] = useSearchState();
  const day = parseDay(search.get("jour")) ?? maliToday(new Date());
  const planId = Number(params.planId);
  const stopId = Number(params.stopId);
  const plan = useQuery({ ...driverPlanQuery(planId), enabled: Number.isInteger(planId) && planId > 0 });
  const stop = useMemo(
    () => plan.data?.data.routes.flatMap((r) => r.stops).find((s) => s.id === stopId),
    [plan.data, stopId],
  );
  return { day, planId, stopId, plan, stop };
}

/** The form of a stop: checked on submit, then queued in the outbox under a new id and sent when the network allows. */
function DeliveryForm({ stop, planId, day, userId }: { stop: Stop; planId: number; day: string; userId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const position = usePosition();
  const [draft, setDraft] = useState<DeliveryDraft>(() => newDraft(stop, nowClock()));
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const issues = draftIssues(draft);
  const fields: FieldsProps = {
    draft,
    set: (change) => setDraft({ ...draft, ...change }),
    shown: (key) => (tried ? issues.get(key) : undefined),
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (issues.size > 0 || saving) return;
    setSaving(true);
    const ids = { deliveryId: newIdempotencyKey(), routePlanId: planId, stopId: stop.id };
    const body = deliveryBody(draft, ids, new Date(), position ?? null);
    await enqueueDelivery({ userId, planId, stopId: stop.id, facilityName: stop.facilityName, body });
    void syncOutbox(userId);
    navigate(myRouteDayPath(day), { state: { queued: body.deliveryId } });
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="delivery-form">
      <ModeChoice draft={draft} set={fields.set} />
      {draft.mode === "skipped" ? (
        <SkipFields {...fields} />
      ) : (
        <>
          <LotFields {...fields} />
          <RecipientFields {...fields} />
        </>
      )}
      <ArrivalFields draft={draft} set={fields.set} position={position} />
      <button type="submit" className="button button-primary driver-button driver-submit" disabled={saving}>
        {saving ? t("delivery.form.submitting") : t("delivery.form.submit")}
      </button>
    </form>
  );
}

/** The delivery page of one stop. */
export default function DeliveryPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { day, planId, plan, stop } = useStop();
  if (plan.isPending) return <Loading />;
  if (!stop || !me.data)
    return plan.error && !plan.data ? (
      <ErrorState error={plan.error} />
    ) : (
      <div className="page driver-page">
        <p>{t("delivery.form.stopMissing")}</p>
        <Link className="button driver-button" to={myRouteDayPath(day)}>
          {t("delivery.form.back")}
        </Link>
      </div>
    );
  return (
    <div className="page driver-page driver-delivery">
      <Link className="back-link" to={myRouteDayPath(day)}>
        ← {t("delivery.form.back")}
      </Link>
      <h1>{t("delivery.form.title", { name: stop.facilityName })}</h1>
      <p className="muted">{t("delivery.form.stopOf", { position: stop.position, eta: clock(stop.etaS) })}</p>
      <DeliveryForm key={stop.id} stop={stop} planId={planId} day={day} userId={me.data.id} />
    </div>
  );
}

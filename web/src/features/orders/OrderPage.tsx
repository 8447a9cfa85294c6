/** Order page /commandes/:id: header and history, the lines with their explanations, and the actions its status and the user's role allow. */
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import type { Me } from "@shared/contracts/auth";
import type { Order } from "@shared/contracts/replenishment";
import { useMe } from "../../api/auth";
import { ApiError } from "../../api/client";
import { useOrder } from "../../api/orders";
import { useFacilities } from "../../api/reference";
import { orderPath, REPORT_READERS, SCREENS, type CreatedOrdersState } from "../../components/screens";
import { ErrorState, Loading } from "../../components/States";
import type { ApprovalDraft } from "./approvalDraft";
import { DeliveryPanel } from "./DeliveryPanel";
import { FulfilmentPanel } from "./FulfilmentPanel";
import { OrderHeader } from "./OrderHeader";
import { OrderLinesTable } from "./OrderLinesTable";
import { OrderTimeline } from "./OrderTimeline";
import { allowedActions, type PlacedFacility } from "./orderAccess";
import { requestChanges, type RequestDraft } from "./requestDraft";
import { ReviewBar } from "./ReviewBar";
import { SubmitPanel } from "./SubmitPanel";

/** Where "back" leads: the review for those who review, the depot for storekeepers, a CSCom's own orders for its manager, else the map. */
function useBackLink(): { to: string; label: string } {
  const { t } = useTranslation();
  const role = useMe().data?.role;
  if (role && (SCREENS.myOrders.roles as readonly string[]).includes(role))
    return { to: SCREENS.myOrders.path, label: t("orderRequest.backMyOrders") };
  if (role && (SCREENS.review.roles as readonly string[]).includes(role))
    return { to: SCREENS.review.path, label: t("order.backReview") };
  if (role && (SCREENS.depot.roles as readonly string[]).includes(role))
    return { to: SCREENS.depot.path, label: t("order.backDepot") };
  return { to: "/", label: t("common.back") };
}

/** "Created" notice after the district order: this order, and links to the others created with it. */
function CreatedNotice({ created, current }: CreatedOrdersState & { current: number }) {
  const { t } = useTranslation();
  const others = created.filter((c) => c.id !== current);
  return (
    <p className="notice" data-testid="created-notice">
      {t("order.created")}{" "}
      {others.length > 0 && (
        <>
          {t("order.createdOthers", { count: others.length })}{" "}
          {others.map((c, i) => (
            <span key={c.id}>
              {i > 0 && ", "}
              <Link to={orderPath(c.id)} state={{ created }}>
                #{c.id} ({t(`flow.${c.flow}`)})
              </Link>
            </span>
          ))}
        </>
      )}
    </p>
  );
}

/** The order's page once loaded: header, notices, the panels its status and the user's role allow, lines, history. */
function OrderView({ order: o, me, placed }: { order: Order; me: Me; placed: Map<string, PlacedFacility> }) {
  const { t } = useTranslation();
  const created = (useLocation().state as CreatedOrdersState | null)?.created;
  const [draft, setDraft] = useState<ApprovalDraft>({});
  const [requestDraft, setRequestDraft] = useState<RequestDraft>({});
  const [attempted, setAttempted] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const actions = allowedActions(me, o, placed);
  const reviewing = actions.has("approve");
  // The requester may change requested quantities until the order is submitted.
  const requesting = actions.has("submit");
  const done = (message: string) => {
    setNotice(message);
    setDraft({});
    setRequestDraft({});
    setAttempted(false);
  };
  return (
    <>
      <OrderHeader order={o} />
      {created && created.length > 0 && <CreatedNotice created={created} current={o.id} />}
      {o.reportId !== null && REPORT_READERS.includes(me.role) && (
        <p className="small">
          <Link
            to={`${SCREENS.report.path}?cscom=${encodeURIComponent(o.facilityId)}&periode=${o.period}`}
            data-testid="report-link"
          >
            {t("orderRequest.openReport", { id: o.reportId })}
          </Link>
        </p>
      )}
      <p className="notice" role="status" aria-live="polite" data-testid="notice">
        {notice}
      </p>
      {requesting && (
        <SubmitPanel
          order={o}
          onDone={done}
          changes={requestChanges(o, requestDraft)}
          onSaved={() => setRequestDraft({})}
        />
      )}
      {(actions.has("pick") || actions.has("ship") || o.status === "picking") && (
        <FulfilmentPanel
          order={o}
          canPick={actions.has("pick")}
          canShip={actions.has("ship")}
          canUnpick={actions.has("unpick")}
          onDone={done}
        />
      )}
      {(actions.has("deliver") || actions.has("receive")) && (
        <DeliveryPanel
          order={o}
          canDeliver={actions.has("deliver")}
          canReceive={actions.has("receive")}
          onDone={done}
        />
      )}
      <OrderLinesTable
        order={o}
        editable={reviewing}
        draft={draft}
        onDraft={setDraft}
        showProblems={attempted}
        requestEdit={requesting ? { draft: requestDraft, onDraft: setRequestDraft } : undefined}
      />
      {reviewing && <ReviewBar order={o} me={me} draft={draft} onAttempt={() => setAttempted(true)} onDone={done} />}
      <OrderTimeline order={o} me={me} />
    </>
  );
}

/** The page of one order. */
export default function OrderPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const orderId = Number(id);
  const me = useMe().data!;
  const order = useOrder(orderId);
  const facilities = useFacilities();
  const back = useBackLink();
  const placed = useMemo(
    () => new Map<string, PlacedFacility>((facilities.data?.items ?? []).map((f) => [f.id, f])),
    [facilities.data],
  );
  if (order.isPending || (facilities.isPending && !facilities.isError)) return <Loading />;
  const notFound = !Number.isInteger(orderId) || (order.error instanceof ApiError && order.error.code === "not_found");
  return (
    <div className="page order-page" data-order-status={order.data?.status}>
      <Link to={back.to} className="back-link">
        ← {back.label}
      </Link>
      {order.isError || !Number.isInteger(orderId) ? (
        notFound ? (
          <ErrorState error={order.error} title={t("order.notFoundTitle")} message={t("order.notFound")} />
        ) : (
          <ErrorState error={order.error} onRetry={() => void order.refetch()} />
        )
      ) : (
        <OrderView key={order.data.id} order={order.data} me={me} placed={placed} />
      )}
    </div>
  );
}

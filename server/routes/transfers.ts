/**
 * Transfers between facilities (sent with POST /stock/movements type "transfer"): the lists in and out, one
 * transfer, its receipt by the receiving facility, and the destinations a facility may send to. Also the ledger's
 * window of a facility and a depot's month close.
 */
import { randomUUID } from "node:crypto";
import { FacilityParams, ReceiverTransferParams, TransferParams } from "../../shared/contracts/refs";
import { LedgerWindowSchema, PeriodCloseParams } from "../../shared/contracts/periods";
import {
  DestinationsQuery,
  DestinationsSchema,
  TransferListSchema,
  TransferQuery,
  TransferReceive,
  TransferReceiveResultSchema,
  TransferSchema,
} from "../../shared/contracts/transfers";
import { closePeriod } from "../commands/periods";
import { receiveTransfer } from "../commands/transfers";
import type { AppDeps } from "../deps";
import { scopeFilter } from "../policies";
import { ledgerWindow } from "../queries/ledgerWindow";
import { listTransfers, loadTransfer, transferDestinations } from "../queries/transfers";
import { created, type SecureRouter } from "./secureRouter";

/** Routes of transfers and closed periods. */
export function transferRoutes(r: SecureRouter, deps: AppDeps): void {
  const { db } = deps;

  r.get(
    "/transfers",
    { action: "stock:read", query: TransferQuery, response: TransferListSchema },
    ({ res, user, query }) => {
      res.json(listTransfers(db, scopeFilter(user), query));
    },
  );
  r.get(
    "/transfers/:id",
    { action: "stock:read", params: TransferParams, response: TransferSchema },
    ({ res, params }) => {
      res.json(loadTransfer(db, params.id));
    },
  );
  r.post(
    "/transfers/:id/receive",
    {
      action: "stock:write",
      params: ReceiverTransferParams,
      body: TransferReceive,
      response: TransferReceiveResultSchema,
    },
    ({ tx, params, body, user, now }) => {
      const result = receiveTransfer(tx, params.id, body, { batchId: randomUUID(), now, userId: user.id });
      return {
        status: 200,
        body: result,
        audit: {
          action: "transfer.receive",
          objectType: "transfer",
          objectId: String(params.id),
          before: { status: "in_transit" },
          after: {
            status: result.transfer.status,
            request: body,
            movementIds: result.movements.map((m) => m.id),
          },
        },
      };
    },
  );
  r.get(
    "/facilities/:id/transfer-destinations",
    { action: "stock:read", params: FacilityParams, query: DestinationsQuery, response: DestinationsSchema },
    ({ res, params, query }) => {
      res.json(transferDestinations(db, params.id, query.programme));
    },
  );

  r.get(
    "/facilities/:id/ledger-window",
    { action: "stock:read", params: FacilityParams, response: LedgerWindowSchema },
    ({ res, params }) => {
      res.json(ledgerWindow(db, params.id));
    },
  );
  r.post(
    "/facilities/:id/periods/:period/close",
    { action: "periods:close", params: PeriodCloseParams, response: created(LedgerWindowSchema) },
    ({ tx, params, user, now }) => {
      const before = ledgerWindow(tx, params.id);
      const after = closePeriod(tx, params.id, params.period, user.id, now);
      return {
        status: 201,
        body: after,
        audit: { action: "period.close", objectType: "facility", objectId: params.id, before, after },
      };
    },
  );
}

/** Facilities (administration): POST /facilities, PATCH /facilities/:id (edit, close, reopen). */
import { FacilityCreate, FacilityUpdate } from "../../shared/contracts/facilityAdmin";
import { FacilityParams } from "../../shared/contracts/refs";
import { FacilityDetailSchema } from "../../shared/contracts/reference";
import { createFacility, updateFacility } from "../commands/facilityAdmin";
import type { AppDeps } from "../deps";
import { created as createdAnswer, type SecureRouter } from "./secureRouter";

const manage = { action: "facilities:manage" } as const;

/** The administrator edits every facility, a regional manager those of their region (FacilityRef, DistrictRef). */
export function facilityAdminRoutes(r: SecureRouter, _deps: AppDeps): void {
  r.post(
    "/facilities",
    { ...manage, body: FacilityCreate, response: createdAnswer(FacilityDetailSchema) },
    ({ tx, body, now }) => {
      const created = createFacility(tx, body, now);
      return {
        status: 201,
        body: created,
        audit: { action: "facility.create", objectType: "facility", objectId: created.id, after: created },
      };
    },
  );
  r.patch(
    "/facilities/:id",
    { ...manage, params: FacilityParams, body: FacilityUpdate, response: FacilityDetailSchema },
    ({ tx, params, body, now }) => {
      const { before, after } = updateFacility(tx, params.id, body, now);
      const action =
        before.active && !after.active
          ? "facility.close"
          : !before.active && after.active
            ? "facility.reopen"
            : "facility.update";
      return { status: 200, body: after, audit: { action, objectType: "facility", objectId: after.id, before, after } };
    },
  );
}

/** English texts of what the server says beside an error's code (`apiDetail.<key>`: details and refusal reasons). */
import type { apiDetail as fr } from "../fr/apiDetail";

export const apiDetail: typeof fr = {
  apiDetail: {
    nothing_to_allocate:
      "Nothing to allocate: {{available}} usable units at the source depot for a total need of {{totalNeed}}.",
    source_not_upstream_one:
      "This depot does not supply the CSCom of this area (neither directly nor through a district depot): choose its supplier.",
    source_not_upstream_other:
      "This depot supplies none of the {{facilities}} CSComs of this area (neither directly nor through a district depot): choose their supplier.",
    insufficient_stock: "Requested: {{requested}}; usable in stock: {{usableOnHand}}.",
    lot_blocked: "Lot {{lotCode}} is blocked ({{reason}}, expiry {{expiry}}).",
    later_orders_one:
      "{{facilities}} CSCom already has orders for a later month ({{laterPeriod}}): computing the orders of {{period}} would create a second set.",
    later_orders_other:
      "{{facilities}} CSComs already have orders for a later month ({{laterPeriod}}): computing the orders of {{period}} would create a second set.",
    report_exists: "A report already exists for {{period}}.",
    report_max_days: "At most {{days}} days in this month.",
    report_reasons_sum: "The reasons of D add up to {{sum}}, not {{adjustments}}.",
    report_outflow_positive: "{{reason}} takes stock out: type a negative number.",
    user: {
      usernameTaken: "This username is already taken.",
      roleNotAllowed: "You may not give this role.",
      lastAdmin: "This is the last active administrator.",
      newInactive: "A new account is created active: write yes.",
    },
    userScope: {
      required: "This role needs this field.",
      notAllowed: "This role does not take this field.",
      facilityLevel: "This role does not work at a facility of this level.",
    },
    facility: {
      badId: "Invalid id: “{{value}}”.",
      unknownId: "Unknown id: “{{value}}”. Leave it empty to create a facility.",
      closed: "This facility is closed.",
      codeTaken: "This code is already another facility's.",
      districtRequired: "A facility of this level lies in a district.",
      regionRequired: "A facility of this level lies in a region.",
      regionMismatch: "This district is not in this region.",
      hours: "The closing time must come after the opening time.",
      supplierSelf: "A facility does not supply itself.",
      supplierLevel: "The supplier must be of a higher level.",
      supplierClosed: "This supplier is closed.",
      programmeTwice: "One supplier per programme.",
      ordersInProgress: "Orders are in progress ({{count}}): it cannot close before they are received.",
      transfersInTransit: "Transfers are in transit ({{count}}): it cannot close before they are received.",
      suppliesOthers: "It supplies {{count}} open facilities: change their supplier first.",
    },
    product: {
      codeTaken: "This code is already another product's.",
      thresholdTooHigh: "The rounding threshold must be below the pack size.",
    },
    policy: {
      exists: "A row already exists for this target (row {{id}}): change it.",
      minAboveMax: "The min cannot exceed the max.",
      eopAboveMin: "The emergency point cannot exceed the min.",
      programmeAndProduct: "A programme or a product, not both.",
      levelMismatch: "This facility is of another level.",
    },
    price: { future: "A price applies from today or a past day." },
    import: {
      tooManyWrites: "More than {{max}} rows to write from here on: split the file (for example by facility).",
      unknownFundingSource: "Unknown funding source: {{value}}.",
      implausible: "Implausible quantity for this facility ({{reason}}): check it, or enter this count on screen.",
      notClock: "“{{value}}” is not a time (HH:MM).",
      unknownDistrict: "Unknown district: {{value}}.",
      unknownRegion: "Unknown region: {{value}}.",
      unknownFacility: "Unknown facility: {{facilityId}}.",
      outOfScope: "Outside your scope: {{value}}.",
      required: "Required: {{column}}.",
      unknownProduct: "Unknown product: {{code}}.",
      unknownProgramme: "Unknown programme: {{value}}.",
      tooLong: "Too long (at most {{max}} characters).",
      notNumber: "“{{value}}” is not a number.",
      notInteger: "“{{value}}” is not a whole number.",
      outOfRange: "“{{value}}” out of bounds ({{min}} to {{max}}).",
      notBoolean: "“{{value}}”: write yes or no.",
      notDate: "“{{value}}” is not a date (dd/mm/yyyy).",
      notInList: "“{{value}}”: allowed values {{allowed}}.",
      missingColumn: "Missing column: {{column}}.",
      duplicateRow: "Already on row {{firstRow}}.",
      invalid: "Value refused ({{reason}}).",
    },
    file: {
      notXlsx: "This file is not a readable .xlsx workbook.",
      empty: "The file is empty.",
      tooManyRows: "Too many rows (at most {{max}}).",
      rowErrors: "The file has {{count}} error(s): nothing was written.",
      stalePreview: "The data changed since the preview: preview again.",
    },
    password: { same: "The new password must differ from the current one." },
  },
};

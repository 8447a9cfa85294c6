/** English texts: the reasons the server gives for a refused field (`details.issues[].key`, with its values). */
import type { serverIssues as fr } from "../fr/serverIssues";

export const serverIssues: typeof fr = {
  serverIssues: {
    user: {
      usernameTaken: "This username is already taken.",
      roleNotAllowed: "You may not give this role.",
      lastAdmin: "This is the last active administrator.",
    },
    userScope: {
      required: "This role needs this field.",
      notAllowed: "This role does not take this field.",
      facilityLevel: "This role does not work at a facility of this level.",
    },
    facility: {
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

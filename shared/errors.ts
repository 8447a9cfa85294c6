/** AppError, the catalogue of stable error codes with their HTTP status, and the keys of details people read. */
import type { Message } from "./domain/messages";

/** Every error code the API may answer, with its HTTP status. Codes are stable: clients switch on them. */
export const ERROR_STATUS = {
  validation_failed: 400,
  idempotency_key_required: 400,
  /** The request could not be read: bad percent-encoding in the path, a body cut short, a malformed HTTP request */
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  separation_of_duties: 403,
  password_change_required: 403,
  not_found: 404,
  /** The path exists, not with this method (the Allow header lists the methods it has) */
  method_not_allowed: 405,
  request_timeout: 408,
  insufficient_stock: 409,
  lot_blocked: 409,
  idempotency_key_reused: 409,
  conflict: 409,
  invalid_transition: 409,
  last_admin: 409,
  /** A line dated before the facility's open window (a closed month, or before the product's last count) */
  period_closed: 409,
  /** A manual issue, transfer or loss that would take stock reserved by a picked order */
  stock_reserved: 409,
  /** A quantity within the contract's bound but implausible for the facility: resend with confirmImplausible */
  implausible_quantity: 422,
  facility_closed: 409,
  delivery_refused: 409,
  publish_needs_confirmation: 409,
  confirmation_required: 409,
  payload_too_large: 413,
  /** A body that is not JSON (Content-Type), or sent with a Content-Encoding or charset the API does not read */
  unsupported_media_type: 415,
  too_many_attempts: 429,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  solver_failed: 500,
  solver_busy: 503,
  server_busy: 503,
  solver_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * Keys of the details a person reads beside an error's code (web/src/i18n: apiDetail.<key>, formatted by messageText). The message of an
 * error stays English for API clients; what the web shows comes from the code and these keys with their values.
 */
export const DETAIL_KEYS = [
  "nothing_to_allocate",
  "source_not_upstream",
  "insufficient_stock",
  "lot_blocked",
  "later_orders",
  "report_exists",
  "report_max_days",
  "report_reasons_sum",
  "report_outflow_positive",
] as const;
/** A key of a detail people read. */
export type DetailKey = (typeof DETAIL_KEYS)[number];

/**
 * Keys of the reasons a refused field or spreadsheet cell gives (`FieldIssue.key`, a sheet row issue's `code`),
 * by subject: `user.*`, `facility.*`, `import.*` (a cell), `file.*` (a whole file)… Worded in the web beside the
 * DETAIL_KEYS, under the same `apiDetail.<key>`; a key here without a French text fails the web's `tsc`.
 */
export const ISSUE_KEYS = [
  "user.usernameTaken",
  "user.roleNotAllowed",
  "user.lastAdmin",
  "user.newInactive",
  "userScope.required",
  "userScope.notAllowed",
  "userScope.facilityLevel",
  "facility.badId",
  "facility.unknownId",
  "facility.closed",
  "facility.codeTaken",
  "facility.districtRequired",
  "facility.regionRequired",
  "facility.regionMismatch",
  "facility.hours",
  "facility.supplierSelf",
  "facility.supplierLevel",
  "facility.supplierClosed",
  "facility.programmeTwice",
  "facility.ordersInProgress",
  "facility.transfersInTransit",
  "facility.suppliesOthers",
  "product.codeTaken",
  "product.thresholdTooHigh",
  "policy.exists",
  "policy.minAboveMax",
  "policy.eopAboveMin",
  "policy.programmeAndProduct",
  "policy.levelMismatch",
  "price.future",
  "import.notClock",
  "import.unknownDistrict",
  "import.unknownRegion",
  "import.unknownFacility",
  "import.outOfScope",
  "import.required",
  "import.unknownProduct",
  "import.unknownProgramme",
  "import.tooLong",
  "import.notNumber",
  "import.notInteger",
  "import.outOfRange",
  "import.notBoolean",
  "import.notDate",
  "import.notInList",
  "import.missingColumn",
  "import.duplicateRow",
  "import.invalid",
  "import.unknownFundingSource",
  "import.implausible",
  "import.tooManyWrites",
  "file.notXlsx",
  "file.empty",
  "file.tooManyRows",
  "file.rowErrors",
  "file.stalePreview",
  "password.same",
] as const;
/** A key of the reason a refused field or cell gives. */
export type IssueKey = (typeof ISSUE_KEYS)[number];
/** Whether a key read from an answer is one of ISSUE_KEYS. */
export const isIssueKey = (key: string): key is IssueKey => (ISSUE_KEYS as readonly string[]).includes(key);
/** A detail people read: a key and its values. */
export type ErrorDetail = Message<DetailKey>;

/** One field-level problem: the JSON path of the field and why it was refused (English), with its key when people read it. */
export interface FieldIssue {
  path: string;
  message: string;
  /** A DETAIL_KEYS or ISSUE_KEYS key (the web words it as apiDetail.<key>) */
  key?: DetailKey | IssueKey;
  values?: ErrorDetail["values"];
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** An expected failure with a stable code; the server maps it to its HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

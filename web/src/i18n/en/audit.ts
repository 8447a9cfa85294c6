/** English texts: the audit log. */
import type { audit as fr } from "../fr/audit";

export const audit: typeof fr = {
  audit: {
    title: "Audit log",
    intro: "Every change recorded in Fura: who, when, what, from which device.",
    search: "Search the log",
    username: "User",
    action: "Action (prefix)",
    objectType: "Object type",
    objectId: "Object id",
    from: "From",
    to: "To",
    submit: "Search",
    clear: "Clear",
    badDates: "The start date must come before the end date.",
    empty: "No entry matches.",
    count_one: "{{count}} entry",
    count_other: "{{count}} entries",
    caption: "Audit log entries",
    when: "When",
    who: "Who",
    actionCol: "Action",
    object: "Object",
    client: "Device (IP, browser)",
    requestId: "Request",
    details: "Before / after",
    before: "Before",
    after: "After",
    pager: "Log pages",
  },
};

/** Pure stock rules: lots, FEFO, ledger arithmetic and its time axis, positions, plausible quantities, receipts. */
export * from "./dates";
export * from "./lots";
export * from "./fefo";
export * from "./ledger";
export * from "./timeAxis";
export * from "./position";
export * from "./plausibility";
export * from "./receipt";
export * from "./reasons";

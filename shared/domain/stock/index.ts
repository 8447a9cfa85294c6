/** Pure stock rules: lots, FEFO, ledger arithmetic, positions. */
export * from "./dates";
export * from "./lots";
export * from "./fefo";
export * from "./ledger";
export * from "./position";

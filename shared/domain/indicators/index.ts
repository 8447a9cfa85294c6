/** Pure indicator rules: periods, ratios, depot demand roll-up, stock figures, history, seasonality, reporting. */
export * from "./periods";
export * from "./figures";
export * from "./depotDemand";
export * from "./stockFigures";
export * from "./history";
export * from "./seasonality";
export * from "./reporting";
export * from "./tracers";

/** Pure indicator rules (months are in ../months): ratios, depot demand roll-up, stock figures, history, seasonality, reporting. */
export * from "./figures";
export * from "./depotDemand";
export * from "./stockFigures";
export * from "./history";
export * from "./seasonality";
export * from "./reporting";
export * from "./tracers";

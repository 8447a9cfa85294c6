/**
 * Pure quantification rules: consumption history (stock-out and reporting-rate corrections), forecast methods,
 * back-testing and auto choice, the supply plan and its funding. No I/O, no clock: dates come in.
 */
export * from "./types";
export * from "./calendar";
export * from "./history";
export * from "./aggregate";
export * from "./prepare";
export * from "./metrics";
export * from "./backtest";
export * from "./methods/types";
export * from "./methods/movingAverage";
export * from "./methods/linear";
export * from "./methods/holtWinters";
export * from "./methods/croston";
export * from "./methods/morbidity";
export * from "./forecast";
export * from "./historyForecast";
export * from "./supplyPlan";
export * from "./funding";
export * from "./historyImport";
export * from "./methods/seasonalIndex";
export * from "./scenario";

/** Pure replenishment rules: consumption, AMC, order quantity, packs, budget cap, allocation. */
export * from "./consumption";
export * from "./orderQuantity";
export * from "./packs";
export * from "./budget";
export * from "./allocation";
export * from "./report";
export * from "./calcInputs";

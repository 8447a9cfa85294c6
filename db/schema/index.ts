/** The whole drizzle schema. */
export * from "./geography";
export * from "./catalogue";
export * from "./stock";
export * from "./auth";
export * from "./replenishment";
export * from "./routing";
export * from "./interop";
export * from "./quantification";
export * from "./transfers";
export * from "./delivery";
export * from "./reads";

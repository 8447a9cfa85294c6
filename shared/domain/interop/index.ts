/** Interoperability rules (pure): DHIS2 fields and values, the data value set and ADX, DHIS2 import summaries, mapping sheets, the organisation-unit import plan. */
export * from "./dhis2Fields";
export * from "./dataValueSet";
export * from "./adx";
export * from "./importSummary";
export * from "./sheet";
export * from "./mappingImport";
export * from "./orgUnits";

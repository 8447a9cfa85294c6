/** GS1 barcodes: GTIN check digits, the AI table, and the element-string parser and builder (pure). */
export * from "./gtin";
export * from "./ais";
export * from "./dates";
export * from "./parse";
export * from "./build";

/** Paths of the quantification screens (tabs of one page, each its own address). */
export const QUANT_PATH = "/quantification";

/** The tabs, in order: path and label key. */
export const QUANT_TABS = [
  { path: QUANT_PATH, label: "quant.tabs.forecast" },
  { path: `${QUANT_PATH}/plan`, label: "quant.tabs.plan" },
  { path: `${QUANT_PATH}/pipeline`, label: "quant.tabs.pipeline" },
  { path: `${QUANT_PATH}/scenarios`, label: "quant.tabs.scenarios" },
  { path: `${QUANT_PATH}/catalogue`, label: "quant.tabs.catalogue" },
  { path: `${QUANT_PATH}/import`, label: "quant.tabs.import" },
] as const;

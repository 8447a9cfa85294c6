/** Route of the about / credits page (kept apart so the entry chunk does not pull the notices). */
export const ABOUT_PATH = "/a-propos";

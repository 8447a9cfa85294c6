/** Reading an uploaded file in the browser: text for CSV and JSON, base64 for .xlsx (the server reads workbooks). */

/** Largest file the import routes take (their body limit is 25 MB; base64 adds a third). */
export const MAX_FILE_BYTES = 15 * 1024 * 1024;

/** True for an .xlsx workbook (by name, or by its zip signature). */
export async function isXlsx(file: File): Promise<boolean> {
  if (/\.xlsx$/i.test(file.name)) return true;
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b;
}

/** The file's bytes as base64. */
export async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

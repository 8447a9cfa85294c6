/** The catalogue's spreadsheets: export links, an import's preview (writes nothing) and its apply. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { SheetApplied, SheetPreview, type SheetEntity } from "@shared/contracts/sheets";
import { apiGet, apiUrl, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

/** The download address of an export. */
export const exportUrl = (entity: SheetEntity, format: "xlsx" | "csv") => apiUrl(`/${entity}/export.${format}`);

/** A file as the import routes take it. */
export interface SheetFile {
  entity: SheetEntity;
  format: "xlsx" | "csv";
  contentBase64: string;
  fileName: string;
}

/** What the import would do (POST /sheets/:entity/preview). */
export function usePreviewSheet() {
  return useMutation({
    mutationFn: ({ entity, ...body }: SheetFile) =>
      apiGet(SheetPreview, `/sheets/${entity}/preview`, { method: "POST", body }),
  });
}

/** Applies the previewed import (all or nothing). */
export function useApplySheet() {
  const queryClient = useQueryClient();
  return useWriteMutation(
    ({ entity, ...body }: SheetFile & { expectedPlanHash: string }, idempotencyKey: string) =>
      apiWrite(SheetApplied, `/sheets/${entity}/import`, { body, idempotencyKey }),
    {
      // The catalogue's and the facilities' lists; any other sheet (policies, accounts, stock) may touch many screens.
      onSuccess: (_answer, { entity }) =>
        void queryClient.invalidateQueries(
          entity === "facilities" || entity === "products" || entity === "prices"
            ? { queryKey: [entity === "facilities" ? "facilities" : "products"] }
            : undefined,
        ),
    },
  );
}

/** A file read as base64, its format from its name. */
export async function readSheetFile(entity: SheetEntity, file: File): Promise<SheetFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return {
    entity,
    format: file.name.toLowerCase().endsWith(".csv") ? "csv" : "xlsx",
    contentBase64: btoa(binary),
    fileName: file.name,
  };
}

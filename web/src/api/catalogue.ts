/** The catalogue (administration): a page of products with withdrawn ones, create, change, prices. */
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PriceCreate, ProductCreate, ProductUpdate } from "@shared/contracts/catalogue";
import { PriceListSchema, PriceSetSchema } from "@shared/contracts/catalogue";
import { pageOf } from "@shared/contracts/common";
import { ProductSchema } from "@shared/contracts/reference";
import { apiGet, apiWrite } from "./client";
import { useWriteMutation } from "./idempotency";

const productsPage = pageOf(ProductSchema);
const PriceSet = PriceSetSchema;

/** Filters of the catalogue list. */
export interface ProductFilter {
  q?: string | undefined;
  programme?: string | undefined;
  status: "active" | "inactive" | "all";
  limit: number;
  offset: number;
}

/** One page of products. */
export function useProductPage(filter: ProductFilter) {
  return useQuery({
    queryKey: ["products", "admin", filter],
    queryFn: ({ signal }) => apiGet(productsPage, "/products", { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A product's price history, newest first. */
export function usePrices(productId: number) {
  return useQuery({
    queryKey: ["products", productId, "prices"],
    queryFn: ({ signal }) => apiGet(PriceListSchema, `/products/${productId}/prices`, { signal }),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ["products"] });
}

/** Creates a product with its first price. */
export function useCreateProduct() {
  const refresh = useRefresh();
  return useWriteMutation(
    (body: ProductCreate, idempotencyKey: string) => apiWrite(ProductSchema, "/products", { body, idempotencyKey }),
    { onSuccess: refresh },
  );
}

/** Changes a product (`active` withdraws it or puts it back). */
export function useUpdateProduct() {
  const refresh = useRefresh();
  return useWriteMutation(
    ({ id, body }: { id: number; body: ProductUpdate }, idempotencyKey: string) =>
      apiWrite(ProductSchema, `/products/${id}`, { method: "PATCH", body, idempotencyKey }),
    { onSuccess: refresh },
  );
}

/** Adds a dated price. */
export function useSetPrice() {
  const refresh = useRefresh();
  return useWriteMutation(
    ({ id, body }: { id: number; body: PriceCreate }, idempotencyKey: string) =>
      apiWrite(PriceSet, `/products/${id}/prices`, { body, idempotencyKey }),
    { onSuccess: refresh },
  );
}

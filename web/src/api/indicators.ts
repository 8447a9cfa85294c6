/** Indicator hooks: an area's indicators, a product's consumption series over an area, a facility's history of a product. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ConsumptionSeriesSchema, FacilityHistorySchema, IndicatorsSchema } from "@shared/contracts/indicators";
import { apiGet } from "./client";

/** A region / district narrowing (null: the user's whole scope). */
export interface AreaFilter {
  regionId: string | null;
  districtId: string | null;
}

/** Indicators of the area for a period (null: the last complete month). */
export function useIndicators(area: AreaFilter, period: string | null) {
  return useQuery({
    queryKey: ["indicators", area.regionId, area.districtId, period],
    queryFn: ({ signal }) =>
      apiGet(IndicatorsSchema, "/indicators", {
        query: { regionId: area.regionId, districtId: area.districtId, period },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** 24 months of a product's consumption and stock over the area, with its seasonality. */
export function useAreaConsumption(productId: number | null, area: AreaFilter) {
  return useQuery({
    enabled: productId !== null,
    queryKey: ["indicators-consumption", productId, area.regionId, area.districtId],
    queryFn: ({ signal }) =>
      apiGet(ConsumptionSeriesSchema, "/indicators/consumption", {
        query: { productId, regionId: area.regionId, districtId: area.districtId },
        signal,
      }),
    placeholderData: (previous) => (previous?.productId === productId ? previous : undefined),
  });
}

/** 24 months of one product at one facility. */
export function useFacilityHistory(facilityId: string, productId: number | null) {
  return useQuery({
    enabled: productId !== null && facilityId !== "",
    queryKey: ["facility-history", facilityId, productId],
    queryFn: ({ signal }) =>
      apiGet(FacilityHistorySchema, `/facilities/${encodeURIComponent(facilityId)}/history`, {
        query: { productId },
        signal,
      }),
  });
}

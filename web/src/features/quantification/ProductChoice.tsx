/** The product a quantification screen is about, kept in the address (?produit=ID) so the tabs share it. */
import { useProducts } from "../../api/reference";
import { useSearchState } from "../../components/useSearchState";
import { ProductPicker } from "../../lib/pickers/ProductPicker";

/** The chosen product id (null: none) and how to change it. */
export function useProductParam(): [number | null, (id: number | null) => void] {
  const [params, update] = useSearchState();
  const raw = params.get("produit");
  const id = raw && /^\d+$/.test(raw) ? Number(raw) : null;
  return [id, (next) => update({ produit: next === null ? null : String(next) })];
}

/** The product search and select of the catalogue. */
export function ProductChoice({ value, onChange }: { value: number | null; onChange: (id: number | null) => void }) {
  const products = useProducts(null);
  return <ProductPicker products={products.data ?? []} value={value} onChange={onChange} />;
}

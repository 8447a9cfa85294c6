/**
 * /admin/catalogue: the products (search by name or code, programme, state) with their current price; create one
 * with its first price, edit its record, withdraw it or put it back, and keep its dated price history.
 */
import { useTranslation } from "react-i18next";
import type { Product } from "@shared/contracts/reference";
import { useProductPage, useUpdateProduct } from "../../api/catalogue";
import { useProgrammes } from "../../api/reference";
import { ActionError } from "../../components/ActionError";
import { useSearchState } from "../../components/useSearchState";
import { formatXof } from "../../i18n/format";
import { FilterSelect } from "../../lib/forms/filters";
import {
  ADMIN_PAGE_SIZE,
  AdminPageShell,
  PagedList,
  SearchToolbar,
  useAdminPanel,
  usePageOffset,
} from "../../lib/adminPage";
import { DataTable, type Column } from "../../lib/table/DataTable";
import { PricePanel } from "./PricePanel";
import { ProductCreateForm, ProductEditForm } from "./ProductForm";
import { SheetsPanel } from "../../components/SheetsPanel";

const STATUSES = ["active", "inactive", "all"] as const;

/** Name or code (applied on submit), programme and state (at once), kept in the URL. */
function Filters() {
  const { t, i18n } = useTranslation();
  const [params, update] = useSearchState();
  const programmes = useProgrammes();
  const label = {
    active: t("catalogue.statusActive"),
    inactive: t("catalogue.statusInactive"),
    all: t("catalogue.statusAll"),
  };
  return (
    <SearchToolbar
      id="products-q"
      label={t("catalogue.search")}
      qLabel={t("catalogue.q")}
      submitLabel={t("catalogue.submitSearch")}
    >
      <FilterSelect
        id="products-programme"
        label={t("catalogue.programme")}
        value={params.get("programme") ?? ""}
        onChange={(programme) => update({ programme, page: null })}
        options={(programmes.data ?? []).map((p) => ({
          value: p.code,
          label: i18n.language === "en" ? p.nameEn : p.nameFr,
        }))}
        placeholder={t("catalogue.anyProgramme")}
      />
      <FilterSelect
        id="products-status"
        label={t("catalogue.status")}
        value={params.get("status") ?? "active"}
        onChange={(status) => update({ status: status === "active" ? null : status, page: null })}
        options={STATUSES.map((s) => ({ value: s, label: label[s] }))}
      />
    </SearchToolbar>
  );
}

function useColumns(onEdit: (p: Product) => void): Column<Product>[] {
  const { t, i18n } = useTranslation();
  return [
    {
      id: "name",
      header: t("catalogue.genericName"),
      rowHeader: true,
      sortValue: (p) => p.genericName,
      cell: (p) => (
        <>
          {`${p.genericName} ${p.strength}`.trim()} <span className="muted">{p.form}</span>
          <code className="muted block small">{p.code}</code>
        </>
      ),
    },
    { id: "pack", header: t("catalogue.packSize"), numeric: true, cell: (p) => `${p.packSize} ${p.baseUnit}` },
    { id: "ven", header: t("catalogue.ven"), cell: (p) => p.ven },
    {
      id: "price",
      header: t("catalogue.price"),
      numeric: true,
      cell: (p) => formatXof(p.pricePerPackXof, i18n.language),
    },
    {
      id: "state",
      header: t("catalogue.state"),
      cell: (p) => (p.active ? t("catalogue.active") : <strong>{t("catalogue.inactive")}</strong>),
    },
    {
      id: "edit",
      header: <span className="visually-hidden">{t("catalogue.edit")}</span>,
      headerText: t("catalogue.edit"),
      cell: (p) => (
        <button
          type="button"
          className="button button-small"
          onClick={() => onEdit(p)}
          aria-label={`${t("catalogue.edit")} ${p.code}`}
        >
          {t("catalogue.edit")}
        </button>
      ),
    },
  ];
}

/** The list under the filters. */
function ProductList({ onEdit }: { onEdit: (p: Product) => void }) {
  const { t } = useTranslation();
  const [params] = useSearchState();
  const offset = usePageOffset();
  const status = STATUSES.find((s) => s === params.get("status")) ?? "active";
  const page = useProductPage({
    q: params.get("q") || undefined,
    programme: params.get("programme") || undefined,
    status,
    limit: ADMIN_PAGE_SIZE,
    offset,
  });
  const columns = useColumns(onEdit);
  return (
    <PagedList
      query={page}
      offset={offset}
      empty={t("catalogue.empty")}
      count={(count) => t("catalogue.count", { count })}
      label={t("catalogue.caption")}
    >
      {(items) => (
        <DataTable
          columns={columns}
          rows={items}
          rowKey={(p) => p.id}
          label={t("catalogue.caption")}
          caption={t("catalogue.caption")}
          testId="products-table"
          rowProps={(p) => ({ "data-code": p.code })}
        />
      )}
    </PagedList>
  );
}

/** One product: its record, withdraw / put back, its prices. */
function EditPanel({
  product,
  onClose,
  onDone,
}: {
  product: Product;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateProduct();
  const toggle = () =>
    update.mutate(
      { id: product.id, body: { active: !product.active } },
      { onSuccess: (p) => onDone(p.active ? t("catalogue.activated") : t("catalogue.deactivated")) },
    );
  return (
    <section className="admin-panel" aria-labelledby="product-edit-title" data-testid="product-panel">
      <div className="page-head">
        <h2 id="product-edit-title">
          {t("catalogue.editTitle", { name: `${product.genericName} ${product.strength}`.trim() })}
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          {t("catalogue.close")}
        </button>
      </div>
      <ProductEditForm product={product} onDone={() => onDone(t("catalogue.saved"))} />
      <div className="actions-row">
        <button type="button" className="button" onClick={toggle} disabled={update.isPending}>
          {product.active ? t("catalogue.deactivate") : t("catalogue.activate")}
        </button>
        {update.error && <ActionError error={update.error} />}
      </div>
      <PricePanel product={product} onDone={onDone} />
    </section>
  );
}

/** The page. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const { panel, setPanel, notice, setNotice, done } = useAdminPanel<Product>();
  return (
    <AdminPageShell
      className="catalogue-page"
      title={t("catalogue.title")}
      intro={t("catalogue.intro")}
      newLabel={t("catalogue.newOpen")}
      onNew={() => setPanel("new")}
      notice={notice}
    >
      {panel === "new" && (
        <section className="admin-panel" aria-labelledby="product-new-title">
          <h2 id="product-new-title">{t("catalogue.newTitle")}</h2>
          <ProductCreateForm onDone={(p) => done(t("catalogue.created", { code: p.code }))} />
        </section>
      )}
      {panel !== null && panel !== "new" && (
        <EditPanel key={panel.id} product={panel} onClose={() => setPanel(null)} onDone={done} />
      )}
      <SheetsPanel onDone={setNotice} />
      <Filters />
      <ProductList onEdit={(p) => setPanel(p)} />
    </AdminPageShell>
  );
}

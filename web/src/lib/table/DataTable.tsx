/**
 * The one table of the app, driven by column definitions: our markup (`.table` in a focusable scrolling
 * region, `<th scope>` headers, an optional visually-hidden caption, numeric columns right-aligned, a row
 * header cell), @tanstack/react-table (headless) for sorting, and the app's Pager under it for paging.
 * Empty and loading states are the shared ones; a row may carry a full-width detail row (explanations).
 */
import "../lib.css";
import { Fragment, useMemo, type HTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type SortingState,
} from "@tanstack/react-table";
import { Pager, type PagerProps } from "../../components/Pager";
import { EmptyState, Loading } from "../../components/States";

/** One column: its header, how a row fills its cell, and (optionally) the value it sorts by. */
export interface Column<T> {
  id: string;
  header: ReactNode;
  /** The header as plain text, for the sort button's name when `header` is not a string */
  headerText?: string;
  cell: (row: T, index: number) => ReactNode;
  /** A figure: right-aligned (class "num") */
  numeric?: boolean;
  /** The row's header cell (<th scope="row">), usually the product or facility name */
  rowHeader?: boolean;
  /** Makes the column sortable by this value (text sorts naturally: "CSCom 2" before "CSCom 10") */
  sortValue?: (row: T) => string | number | null;
  className?: string;
  headerClassName?: string;
}

/** The columns of a table; a falsy entry is left out (a column shown only in some cases). */
export type Columns<T> = readonly (Column<T> | false | null | undefined)[];

/** Data attributes and classes of a row (tests and styles hook onto them). */
export type RowProps = HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | undefined>;

/** Props of the table. */
export interface DataTableProps<T> {
  columns: Columns<T>;
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  /** Caption, read by screen readers (visually hidden unless `showCaption`) */
  caption?: string;
  showCaption?: boolean;
  /** Accessible name of the scrolling region; with one, the region is focusable (keyboard scrolling) */
  label?: string;
  testId?: string;
  className?: string;
  /** Extra class of the scrolling region (e.g. "lines-scroll" for a taller table) */
  scrollClassName?: string;
  rowProps?: (row: T) => RowProps;
  /** A full-width row under a row (null: none) */
  subRow?: (row: T) => ReactNode | null;
  /** Class of the detail rows (default "explain-row") */
  subRowClassName?: string;
  /** Rows of a <tfoot> (totals) */
  footer?: ReactNode;
  /** Shown instead of the table when there is no row (default: "Aucune ligne à afficher.") */
  empty?: ReactNode;
  loading?: boolean;
  /** Sorted by this column at first */
  initialSort?: { id: string; desc?: boolean };
  /** The header row stays in view while the region scrolls */
  stickyHeader?: boolean;
  /** Paging under the table (the rows given are the page shown) */
  pager?: PagerProps;
}

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, alphanumeric: sortFn_alphanumeric },
});

/** The column definitions TanStack needs: an accessor for sortable columns, nothing else. */
function useTanstackColumns<T>(columns: Column<T>[]) {
  return useMemo(
    () =>
      columns.map((c) => ({
        id: c.id,
        accessorFn: (row: T) => c.sortValue?.(row) ?? null,
        enableSorting: c.sortValue !== undefined,
        sortFn: "alphanumeric" as const,
        sortUndefined: "last" as const,
      })),
    [columns],
  );
}

/** The header cell; a sortable one is a button announcing its order. */
function HeaderCell<T>({
  column,
  sorted,
  onSort,
}: {
  column: Column<T>;
  sorted: false | "asc" | "desc" | null;
  onSort: (() => void) | null;
}) {
  const { t } = useTranslation();
  const className = [column.numeric ? "num" : "", column.headerClassName ?? ""].join(" ").trim() || undefined;
  const ariaSort = sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : onSort ? "none" : undefined;
  return (
    <th scope="col" className={className} aria-sort={ariaSort}>
      {onSort ? (
        <button
          type="button"
          className="sort-button"
          onClick={onSort}
          title={t("table.sortBy", { column: column.headerText ?? String(column.header) })}
        >
          {column.header}
          <span aria-hidden="true" className="sort-mark">
            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
          </span>
        </button>
      ) : (
        column.header
      )}
    </th>
  );
}

/** The table with its states and pager. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { t } = useTranslation();
  const columns = props.columns.filter((c): c is Column<T> => Boolean(c));
  const tanstackColumns = useTanstackColumns(columns);
  const initialSorting: SortingState = props.initialSort
    ? [{ id: props.initialSort.id, desc: props.initialSort.desc ?? false }]
    : [];
  const table = useTable({
    features,
    columns: tanstackColumns,
    data: props.rows,
    initialState: { sorting: initialSorting },
    getRowId: (row: T) => String(props.rowKey(row)),
  } as never) as unknown as TableLike<T>;

  if (props.loading) return <Loading />;
  if (props.rows.length === 0) return <EmptyState>{props.empty ?? t("table.empty")}</EmptyState>;
  const byId = new Map(columns.map((c) => [c.id, c]));
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const region = props.label ? { tabIndex: 0, role: "region", "aria-label": props.label } : {};
  const scrollClass = ["table-scroll", props.stickyHeader ? "table-sticky" : "", props.scrollClassName ?? ""]
    .join(" ")
    .trim();
  return (
    <>
      <div className={scrollClass} {...region}>
        <table className={props.className ? `table ${props.className}` : "table"} data-testid={props.testId}>
          {props.caption && (
            <caption className={props.showCaption ? undefined : "visually-hidden"}>{props.caption}</caption>
          )}
          <thead>
            <tr>
              {headers.map((h) => (
                <HeaderCell
                  key={h.column.id}
                  column={byId.get(h.column.id)!}
                  sorted={h.column.getIsSorted()}
                  onSort={h.column.getCanSort() ? () => h.column.toggleSorting() : null}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row, index) => (
              <BodyRow
                key={row.id}
                row={row.original}
                index={index}
                columns={columns}
                rowProps={props.rowProps}
                subRow={props.subRow}
                subRowClassName={props.subRowClassName}
              />
            ))}
          </tbody>
          {props.footer && <tfoot>{props.footer}</tfoot>}
        </table>
      </div>
      {props.pager && <Pager {...props.pager} />}
    </>
  );
}

/** One row and its detail row. */
function BodyRow<T>({
  row,
  index,
  columns,
  rowProps,
  subRow,
  subRowClassName = "explain-row",
}: { row: T; index: number; columns: Column<T>[] } & Pick<
  DataTableProps<T>,
  "rowProps" | "subRow" | "subRowClassName"
>) {
  const detail = subRow?.(row) ?? null;
  return (
    <Fragment>
      <tr {...rowProps?.(row)}>
        {columns.map((c) => {
          const className = [c.numeric ? "num" : "", c.className ?? ""].join(" ").trim() || undefined;
          return c.rowHeader ? (
            <th key={c.id} scope="row" className={className}>
              {c.cell(row, index)}
            </th>
          ) : (
            <td key={c.id} className={className}>
              {c.cell(row, index)}
            </td>
          );
        })}
      </tr>
      {detail !== null && (
        <tr className={subRowClassName}>
          <td colSpan={columns.length}>{detail}</td>
        </tr>
      )}
    </Fragment>
  );
}

/** The part of TanStack's table this component uses (its full generic type is not needed here). */
interface TableLike<T> {
  getHeaderGroups: () => {
    headers: {
      column: {
        id: string;
        getIsSorted: () => false | "asc" | "desc";
        getCanSort: () => boolean;
        toggleSorting: () => void;
      };
    }[];
  }[];
  getRowModel: () => { rows: { id: string; original: T }[] };
}

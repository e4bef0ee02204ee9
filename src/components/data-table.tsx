import { Fragment, type ReactNode, type ThHTMLAttributes } from "react";

/** One column: its header, how a row fills its cell, and the cell's class ("num" right-aligns). */
export interface Column<T> {
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  className?: string;
  /** The header cell's class, when it differs from the body cells' (default: `className`). */
  headerClassName?: string;
  /** The header is read by screen readers only (e.g. an "Actions" column of buttons). */
  hiddenHeader?: boolean;
  /** More attributes of the header cell: a tooltip, or the sort order of a sortable column. */
  headerProps?: Pick<ThHTMLAttributes<HTMLTableCellElement>, "title" | "aria-sort">;
  /** The cell renders its own <td>/<th> (e.g. a title cell with a row header). */
  rawCell?: boolean;
}

interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly (Column<T> | false | null | undefined)[];
  rowKey: (row: T, index: number) => string;
  /** Read by screen readers: what the table lists. */
  caption?: ReactNode;
  /** "compact" for the denser tables of the teacher pages; extra classes after it. */
  compact?: boolean;
  className?: string;
  testId?: string;
  rowProps?: (row: T, index: number) => { className?: string; "aria-current"?: "true" | "page"; "data-testid"?: string };
  /** Rows drawn before a row (e.g. a "…" gap before the reader's own rank). */
  before?: (row: T, index: number) => ReactNode;
}

/**
 * The one table of the site: scrolls sideways inside its wrapper on narrow screens, column
 * headers with scope, an optional screen-reader caption. Works in server and client components.
 */
export function DataTable<T>({ rows, columns, rowKey, caption, compact, className, testId, rowProps, before }: DataTableProps<T>) {
  const cols = columns.filter((c): c is Column<T> => Boolean(c));
  const classes = ["table", compact && "table-compact", className].filter(Boolean).join(" ");
  return (
    <div className="table-wrap">
      <table className={classes} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {cols.map((c, i) => (
              <th key={i} scope="col" className={c.headerClassName ?? c.className} {...c.headerProps}>
                {c.hiddenHeader ? <span className="sr-only">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => {
            return (
              <Fragment key={rowKey(row, r)}>
                {before?.(row, r)}
                <tr {...rowProps?.(row, r)}>
                  {cols.map((c, i) =>
                    c.rawCell ? (
                      <Fragment key={i}>{c.cell(row, r)}</Fragment>
                    ) : (
                      <td key={i} className={c.className}>
                        {c.cell(row, r)}
                      </td>
                    ),
                  )}
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

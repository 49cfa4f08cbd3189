/** What recognition produces: tables, their columns and their indicator rows. */

export type ColumnRole =
  | "no"
  | "sasaran"
  | "indikator"
  | "target"
  | "formula"
  | "sumber"
  | "penanggungJawab"
  | "satuan"
  | "baseline"
  | "final"
  | "realisasi"
  | "capaian"
  | "predikat"
  | "keterangan";

export type TableKind = "IKI" | "IKU" | "PK";

export interface TableColumn {
  /** Absolute 1-based sheet column. */
  readonly col: number;
  readonly role: ColumnRole;
  /** Normalised period key (`TW I`, `Semester II`, `Bulan 3`, `2023`, `Tahunan`) or null. */
  readonly period: string | null;
  /** True for running-total columns (`s.d. TW II`, `kumulatif`). */
  readonly runningTotal: boolean;
  /** The header text that decided the role (group and sub-header joined with " / "). */
  readonly header: string;
}

export interface TableMeta {
  jabatan: string | null;
  perangkatDaerah: string | null;
  /** A unit line such as `BAGIAN HUKUM` or an echelon line, when the block has no Jabatan. */
  unit: string | null;
}

/** One indicator: its first row plus any wrapped-text rows that continue it. */
export interface IndicatorRow {
  /** Absolute row where the indicator starts. */
  readonly row: number;
  /** Last absolute row of the indicator (continuation rows included). */
  readonly lastRow: number;
  readonly no: string | null;
  /** Own or inherited (merged / continued) sasaran text, display form. */
  readonly sasaran: string | null;
  /** Indicator name, display form, wrapped parts joined. */
  readonly name: string;
  /** Raw text per role-column (wrapped parts joined with a newline), keyed by absolute column. */
  readonly cells: Readonly<Record<number, string>>;
}

/**
 * A row under the indicators that closes or summarises the table (`JUMLAH`, `TOTAL`,
 * `Rata-rata Capaian`, `Nilai Capaian Kinerja`, an Excel Table's totals row, or a row of
 * SUM/AVERAGE formulas over the columns above): not an indicator, and the table ends there.
 */
export interface ClosingRow {
  readonly row: number;
  /** The label as typed (`JUMLAH`), or null for a row of formulas only. */
  readonly label: string | null;
  /** What a typed figure in the row means by its label: a sum (`JUMLAH`), an average (`Rata-rata`), or nothing said (`Predikat`, formulas only). */
  readonly labelFn: "sum" | "average" | null;
  /** The totals row of an Excel Table (ListObject). */
  readonly listTotals: boolean;
}

/** Something about the layout the engine could not read with certainty, and what it did. */
export interface LayoutNote {
  readonly row: number;
  readonly col: number;
  readonly kind: "hidden-role-column" | "duplicate-period" | "partial-period" | "category-labels" | "list-column-name";
  readonly message: { readonly id: string; readonly en: string };
}

export interface RecognizedTable {
  readonly sheet: string;
  readonly kind: TableKind;
  readonly headerTop: number;
  readonly headerBottom: number;
  readonly left: number;
  readonly right: number;
  readonly columnNumberRow: number | null;
  readonly repeatedHeaderRows: readonly number[];
  /** Label rows inside the table that start a new block (`KABAG …`, `Eselon IV`); numbering restarts after them. */
  readonly sectionRows: readonly number[];
  readonly firstDataRow: number;
  readonly lastDataRow: number;
  readonly columns: readonly TableColumn[];
  readonly runningTotals: boolean;
  readonly meta: TableMeta;
  readonly indicators: readonly IndicatorRow[];
  /** Rows after the data that close or summarise the table (totals, averages). */
  readonly closingRows: readonly ClosingRow[];
  /** Hidden rows between the first and last data rows: skipped, neither data nor a break. */
  readonly hiddenRows: readonly number[];
  /** The Excel Table (ListObject) whose header row is the table's header, if any. */
  readonly listObject: string | null;
  /** What recognition could not read with certainty (hidden columns with a header, repeated periods …). */
  readonly notes: readonly LayoutNote[];
}

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
}

/** Fast cell-text access over a snapshot, with normalised text computed once. */
import { cellText, type SheetSnapshot } from "../snapshot";
import { normalize } from "../text";

export class TextGrid {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly rawText: string[][];
  private readonly normText: string[][];

  constructor(readonly sheet: SheetSnapshot) {
    this.top = sheet.origin.row;
    this.left = sheet.origin.col;
    this.rawText = sheet.values.map((line) => line.map((v) => cellText(v)));
    this.normText = this.rawText.map((line) => line.map((t) => (t === "" ? "" : normalize(t))));
    this.bottom = this.top + this.rawText.length - 1;
    this.right = this.left + (this.rawText[0]?.length ?? 0) - 1;
  }

  /** Cell text as stored (trailing whitespace kept), "" outside the used range. */
  text(row: number, col: number): string {
    return this.rawText[row - this.top]?.[col - this.left] ?? "";
  }

  /** Lower-case, markup-free, single-spaced text. */
  norm(row: number, col: number): string {
    return this.normText[row - this.top]?.[col - this.left] ?? "";
  }

  /** Columns with a non-blank cell in this row. */
  filledCols(row: number): number[] {
    const line = this.normText[row - this.top];
    if (!line) return [];
    const out: number[] = [];
    for (let i = 0; i < line.length; i++) if (line[i] !== "") out.push(this.left + i);
    return out;
  }

  isBlankRow(row: number): boolean {
    const line = this.normText[row - this.top];
    return !line || line.every((t) => t === "");
  }

  /** The row's filled cells joined with single spaces (normalised). */
  joined(row: number): string {
    const line = this.normText[row - this.top];
    return line ? line.filter((t) => t !== "").join(" ") : "";
  }
}

import * as React from "react";
import { Badge, Body1Strong, Button, Caption1, Card, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { ArrowSync16Regular, Open16Regular, TableAdd16Regular } from "@fluentui/react-icons";
import type { Finding, TableReport, WorkbookReport } from "../../engine/report";
import { formatNumber } from "../i18n";
import { countByKind, countBySeverity, rangeRows } from "../model";
import { ClassChart, ClassStrip, Muted, SeverityCounts, useCommonStyles, type ViewContext } from "./common";

export interface SummaryProps {
  ctx: ViewContext;
  report: WorkbookReport;
  checking: boolean;
  checkedAt: string | null;
  onRecheck: () => void;
  onShowTable: (sheet: string, table: TableReport) => void;
  /** Fills the add-in's Capaian column of a table; absent when the host cannot. */
  onFillCapaian?: (sheet: string, tableIndex: number) => void;
  /** The last fill's outcome, keyed `${sheet}#${tableIndex}`. */
  fillMessages?: Record<string, string>;
  busy?: boolean;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  top: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS },
  card: { rowGap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM },
  sheetTitle: { margin: 0, overflowWrap: "anywhere" },
  tableHead: { display: "flex", flexDirection: "column", rowGap: "2px" },
  jabatan: { overflowWrap: "anywhere" },
  fill: { display: "flex", flexDirection: "column", alignItems: "flex-start", rowGap: tokens.spacingVerticalXXS },
  tableFoot: { display: "flex", justifyContent: "space-between", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  tables: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: "none" },
  table: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export function Summary({ ctx, report, checking, checkedAt, onRecheck, onShowTable, onFillCapaian, fillMessages, busy }: SummaryProps): React.JSX.Element {
  const styles = useStyles();
  const common = useCommonStyles();
  const { s, lang } = ctx;
  const tables = report.sheets.flatMap((sh) => sh.tables);
  const indicators = tables.flatMap((t) => t.indicators);
  const findingsBySheet = new Map<string, Finding[]>();
  for (const f of report.findings) findingsBySheet.set(f.sheet, [...(findingsBySheet.get(f.sheet) ?? []), f]);

  return (
    <div className={styles.root} data-testid="view-summary">
      <div className={styles.top}>
        <Button appearance="primary" icon={<ArrowSync16Regular />} onClick={onRecheck} disabled={checking} data-testid="recheck">
          {s.recheck}
        </Button>
        {checkedAt && <Muted>{checkedAt}</Muted>}
      </div>

      <section className={common.section} aria-labelledby="sum-total">
        <Subtitle2 as="h2" id="sum-total" className={common.heading}>
          {s.summaryTotals(tables.length, indicators.length)}
        </Subtitle2>
        <SeverityCounts counts={countBySeverity(report.findings)} s={s} />
      </section>

      <section className={common.section} aria-labelledby="sum-capaian">
        <Subtitle2 as="h2" id="sum-capaian" className={common.heading}>
          {s.capaianTitle}
        </Subtitle2>
        {indicators.some((i) => i.measurement.class !== null) ? (
          <ClassChart indicators={indicators} ctx={ctx} label={s.capaianTitle} />
        ) : (
          <Muted>{s.capaianNone}</Muted>
        )}
      </section>

      {report.sheets
        .filter((sh) => sh.tables.length > 0)
        .map((sheet) => {
          const sheetFindings = findingsBySheet.get(sheet.name) ?? [];
          return (
            <Card key={sheet.name} className={styles.card} appearance="outline" data-testid="sheet-card">
              <Subtitle2 as="h2" className={styles.sheetTitle}>
                {s.sheet} {sheet.name}
              </Subtitle2>
              <ul className={styles.tables}>
                {sheet.tables.map((table, i) => {
                  const rows = rangeRows(table.dataRange);
                  const tableFindings = rows ? sheetFindings.filter((f) => f.row >= rows.top && f.row <= rows.bottom) : [];
                  const byKind = countByKind(table.indicators, (ind) => ind.type ?? "unknown");
                  const position = table.meta.jabatan ?? table.meta.unit;
                  return (
                    <li key={i} className={styles.table} data-testid="table-summary">
                      <div className={styles.tableHead}>
                        <Caption1 className={common.muted}>
                          {s.tableKind[table.kind] ?? table.kind} · {s.tableRange(table.dataRange)}
                        </Caption1>
                        <Body1Strong className={styles.jabatan}>
                          {position ? `${s.jabatan}: ${position}` : s.jabatanMissing}
                        </Body1Strong>
                      </div>
                      <div className={common.badgeRow} aria-label={s.indicatorsByKind} role="group">
                        <Caption1 className={common.muted}>{s.kindsLabel}</Caption1>
                        {byKind.map(([kind, n]) => (
                          <Badge key={kind} appearance="outline" color="informative">
                            {s.kinds[kind] ?? kind} {formatNumber(n, lang)}
                          </Badge>
                        ))}
                      </div>
                      <SeverityCounts counts={countBySeverity(tableFindings)} s={s} />
                      <ClassStrip indicators={table.indicators} ctx={ctx} />
                      <div className={styles.tableFoot}>
                        <Muted>{s.indicatorCount(table.indicators.length)}</Muted>
                        <Button size="small" appearance="subtle" icon={<Open16Regular />} onClick={() => onShowTable(sheet.name, table)}>
                          {s.showOnSheet}
                        </Button>
                      </div>
                      {onFillCapaian && table.indicators.some((ind) => ind.measurement.nativeFormula) && (
                        <div className={styles.fill}>
                          <Button
                            size="small"
                            appearance="secondary"
                            icon={<TableAdd16Regular />}
                            title={s.fillCapaianHint}
                            disabled={checking || busy}
                            onClick={() => onFillCapaian(sheet.name, i)}
                            data-testid="fill-capaian"
                          >
                            {s.fillCapaian}
                          </Button>
                          {fillMessages?.[`${sheet.name}#${i}`] && (
                            <Caption1 role="status" data-testid="fill-capaian-result">
                              {fillMessages[`${sheet.name}#${i}`]}
                            </Caption1>
                          )}
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            </Card>
          );
        })}
    </div>
  );
}

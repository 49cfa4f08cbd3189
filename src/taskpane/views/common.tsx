import * as React from "react";
import { Badge, Button, Caption1, makeStyles, mergeClasses, tokens, type BadgeProps } from "@fluentui/react-components";
import { LocationArrow16Regular } from "@fluentui/react-icons";
import type { BandSetId } from "../../engine/measure/classes";
import type { Severity } from "../../engine/rules";
import type { IndicatorReport } from "../../engine/report";
import { formatNumber, type Lang, type Strings } from "../i18n";
import { bandOf, classDistribution, SEVERITIES } from "../model";

export interface ViewContext {
  lang: Lang;
  s: Strings;
  bandSet: BandSetId;
}

/** Badge colours by class rank (best first), for 5- and 4-band sets. */
const CLASS_BADGE: Record<number, BadgeProps["color"][]> = {
  5: ["success", "brand", "warning", "severe", "danger"],
  4: ["success", "brand", "warning", "danger"],
};

/** Bar colours by class rank; the bars are decorative (the numbers are text beside them). */
const CLASS_BAR: Record<number, string[]> = {
  5: [
    tokens.colorPaletteGreenBackground3,
    tokens.colorPaletteLightGreenBackground3,
    tokens.colorPaletteYellowBackground3,
    tokens.colorPaletteDarkOrangeBackground3,
    tokens.colorPaletteRedBackground3,
  ],
  4: [
    tokens.colorPaletteGreenBackground3,
    tokens.colorPaletteLightGreenBackground3,
    tokens.colorPaletteDarkOrangeBackground3,
    tokens.colorPaletteRedBackground3,
  ],
};

export function classLabel(cls: string | null, ctx: ViewContext): string | null {
  const b = bandOf(cls, ctx.bandSet);
  if (!b) return cls;
  return ctx.lang === "id" ? b.band.id : b.band.en;
}

export function ClassBadge({ cls, ctx }: { cls: string | null; ctx: ViewContext }): React.JSX.Element | null {
  const b = bandOf(cls, ctx.bandSet);
  if (!b) return null;
  const color = CLASS_BADGE[b.of]?.[b.rank] ?? "informative";
  return (
    <Badge appearance="tint" color={color} size="medium" data-testid="class-badge">
      {ctx.lang === "id" ? b.band.id : b.band.en}
    </Badge>
  );
}

const SEVERITY_COLOR: Record<Severity, BadgeProps["color"]> = { error: "danger", warning: "warning", info: "informative" };

export function SeverityBadge({ severity, count, s }: { severity: Severity; count: number; s: Strings }): React.JSX.Element {
  return (
    <Badge appearance={severity === "error" ? "filled" : "tint"} color={SEVERITY_COLOR[severity]} data-severity={severity}>
      {s.severityPlural(severity, count)}
    </Badge>
  );
}

export function SeverityLabel({ severity, s }: { severity: Severity; s: Strings }): React.JSX.Element {
  return (
    <Badge appearance={severity === "error" ? "filled" : "tint"} color={SEVERITY_COLOR[severity]} data-severity={severity}>
      {s.severity[severity]}
    </Badge>
  );
}

export function SeverityCounts({ counts, s }: { counts: Record<Severity, number>; s: Strings }): React.JSX.Element {
  const styles = useCommonStyles();
  const any = SEVERITIES.some((sv) => counts[sv] > 0);
  if (!any) return <Caption1 className={styles.muted}>{s.noFindings}</Caption1>;
  return (
    <div className={styles.badgeRow}>
      {SEVERITIES.filter((sv) => counts[sv] > 0).map((sv) => (
        <SeverityBadge key={sv} severity={sv} count={counts[sv]} s={s} />
      ))}
    </div>
  );
}

/** Horizontal bars, one per class: label, bar, count. A list for screen readers. */
export function ClassChart({ indicators, ctx, label }: { indicators: readonly IndicatorReport[]; ctx: ViewContext; label: string }): React.JSX.Element {
  const styles = useCommonStyles();
  const { classes, none } = classDistribution(indicators, ctx.bandSet);
  const max = Math.max(1, ...classes.map((c) => c.count), none);
  const colors = CLASS_BAR[classes.length] ?? CLASS_BAR[5];
  const rows = [
    ...classes.map((c) => ({ key: c.band.id, text: ctx.lang === "id" ? c.band.id : c.band.en, count: c.count, color: colors[c.rank] })),
    ...(none > 0 ? [{ key: "none", text: ctx.s.noClass, count: none, color: tokens.colorNeutralStroke1 }] : []),
  ];
  return (
    <ul className={styles.chart} aria-label={label} data-testid="class-chart">
      {rows.map((r) => (
        <li key={r.key} className={styles.chartRow}>
          <span className={styles.chartLabel}>{r.text}</span>
          <span className={styles.chartTrack} aria-hidden="true">
            <span className={styles.chartBar} style={{ width: `${(r.count / max) * 100}%`, backgroundColor: r.color }} />
          </span>
          <span className={styles.chartCount}>{formatNumber(r.count, ctx.lang)}</span>
        </li>
      ))}
    </ul>
  );
}

/** One stacked bar of the classes (decorative) with its reading as the accessible name. */
export function ClassStrip({ indicators, ctx }: { indicators: readonly IndicatorReport[]; ctx: ViewContext }): React.JSX.Element | null {
  const styles = useCommonStyles();
  const { classes } = classDistribution(indicators, ctx.bandSet);
  const total = classes.reduce((a, c) => a + c.count, 0);
  if (total === 0) return null;
  const colors = CLASS_BAR[classes.length] ?? CLASS_BAR[5];
  const parts = classes.filter((c) => c.count > 0).map((c) => `${ctx.lang === "id" ? c.band.id : c.band.en} ${c.count}`);
  return (
    <div className={styles.strip} role="img" aria-label={ctx.s.capaianChartLabel(parts.join(", "))} data-testid="class-strip">
      {classes
        .filter((c) => c.count > 0)
        .map((c) => (
          <span key={c.band.id} style={{ flexGrow: c.count, backgroundColor: colors[c.rank] }} />
        ))}
    </div>
  );
}

/** "Ke sel": selects a cell in the grid; the label names the cell and its sheet for screen readers. */
export function GoToCellButton({ cell, s, onGo, subtle = true }: { cell: { sheet: string; cell: string }; s: Strings; onGo: () => void; subtle?: boolean }): React.JSX.Element {
  return (
    <Button size="small" appearance={subtle ? "subtle" : "secondary"} icon={<LocationArrow16Regular />} aria-label={s.goToCellLabel(cell.sheet, cell.cell)} onClick={onGo}>
      {s.goToCell}
    </Button>
  );
}

export function Muted({ children, className }: { children: React.ReactNode; className?: string }): React.JSX.Element {
  const styles = useCommonStyles();
  return <Caption1 className={mergeClasses(styles.muted, className)}>{children}</Caption1>;
}

export const useCommonStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3 },
  badgeRow: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "center",
  },
  chart: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  chartRow: {
    display: "grid",
    gridTemplateColumns: "minmax(84px, 40%) 1fr 3ch",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  chartLabel: { overflowWrap: "anywhere" },
  chartTrack: {
    height: "12px",
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    overflow: "hidden",
    display: "block",
  },
  chartBar: { display: "block", height: "100%", minWidth: "0" },
  chartCount: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  strip: {
    display: "flex",
    height: "8px",
    borderRadius: tokens.borderRadiusSmall,
    overflow: "hidden",
    columnGap: "1px",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  section: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  heading: { margin: 0 },
});

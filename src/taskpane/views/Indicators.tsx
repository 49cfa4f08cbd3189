import * as React from "react";
import {
  Badge,
  Body1Strong,
  Button,
  Caption1,
  Caption1Strong,
  Field,
  SearchBox,
  Select,
  Subtitle2,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndo16Regular, ChevronDown16Regular, ChevronRight16Regular } from "@fluentui/react-icons";
import type { RowOverrides } from "../../engine/measure/measure";
import type { Finding, IndicatorReport } from "../../engine/report";
import type { CellRef } from "../host-api";
import { formatNumber, formatPercent } from "../i18n";
import { type IndicatorEntry } from "../model";
import { ClassBadge, GoToCellButton, Muted, SeverityBadge, SeverityLabel, useCommonStyles, type ViewContext } from "./common";

export interface IndicatorsProps {
  ctx: ViewContext;
  entries: readonly IndicatorEntry[];
  sheets: readonly string[];
  overrides: Record<string, RowOverrides>;
  findingsByRow: Map<string, Finding[]>;
  selectedKey: string | null;
  sheetFilter: string;
  onSheetFilter: (sheet: string) => void;
  onSelect: (entry: IndicatorEntry | null) => void;
  onGoTo: (ref: CellRef) => void;
  onOverride: (entry: IndicatorEntry, overrides: RowOverrides | null) => void;
  busy: boolean;
}

export const ALL_SHEETS = "\u0000all";

const KINDS = ["percentage", "ratio", "count", "index", "grade", "timeliness", "average", "availability", "unknown"] as const;
const POLARITIES = ["positive", "negative"] as const;
const AGGREGATIONS = ["cumulative", "non-cumulative", "average"] as const;
const NEGATIVE_FORMULAS = ["inverse", "ratio"] as const;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  filters: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  group: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  groupHead: {
    display: "flex",
    flexDirection: "column",
    paddingBottom: tokens.spacingVerticalXXS,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke2}`,
  },
  groupTitle: { margin: 0, overflowWrap: "anywhere", fontSize: tokens.fontSizeBase300 },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  item: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  itemSelected: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  rowButton: {
    display: "grid",
    gridTemplateColumns: "16px 1fr",
    columnGap: tokens.spacingHorizontalXS,
    width: "100%",
    textAlign: "start",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: "none",
    background: "transparent",
    color: tokens.colorNeutralForeground1,
    font: "inherit",
    cursor: "pointer",
    borderRadius: tokens.borderRadiusMedium,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  chevron: { paddingTop: "2px", color: tokens.colorNeutralForeground3 },
  rowBody: { display: "flex", flexDirection: "column", rowGap: "4px", minWidth: 0 },
  name: { overflowWrap: "anywhere" },
  numbers: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: "2px", alignItems: "center" },
  details: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `0 ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
  },
  detailTitle: { margin: 0, fontSize: tokens.fontSizeBase300 },
  periods: {
    width: "100%",
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    "& th, & td": { padding: "2px 4px", textAlign: "end", borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
    "& th:first-child, & td:first-child": { textAlign: "start" },
    "& td": { fontVariantNumeric: "tabular-nums" },
  },
  why: {
    margin: 0,
    display: "grid",
    gridTemplateColumns: "auto 1fr",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "4px",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    "& dt": { fontWeight: tokens.fontWeightSemibold },
    "& dd": { margin: 0, overflowWrap: "anywhere" },
  },
  formula: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: "anywhere",
    backgroundColor: tokens.colorNeutralBackground3,
    padding: "4px 6px",
    borderRadius: tokens.borderRadiusSmall,
  },
  overrides: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  rowFindings: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  rowFinding: { display: "flex", flexDirection: "column", rowGap: "2px", fontSize: tokens.fontSizeBase200 },
  actions: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
});

export function Indicators(props: IndicatorsProps): React.JSX.Element {
  const { ctx, entries, sheets, sheetFilter, onSheetFilter, selectedKey } = props;
  const { s } = ctx;
  const styles = useStyles();
  const [query, setQuery] = React.useState("");
  const q = query.trim().toLowerCase();

  // The selected row is always visible: a grid selection elsewhere moves the filter to it.
  const selected = selectedKey ? entries.find((e) => e.key === selectedKey) : undefined;
  React.useEffect(() => {
    if (!selected) return;
    if (sheetFilter !== ALL_SHEETS && sheetFilter !== selected.sheet) onSheetFilter(selected.sheet);
    if (q && !matches(selected.indicator, q)) setQuery("");
    // Only when the selection changes: filters the user changes afterwards are theirs.
  }, [selectedKey]);

  const visible = entries.filter((e) => (sheetFilter === ALL_SHEETS || e.sheet === sheetFilter) && (!q || matches(e.indicator, q)));
  const groups: { key: string; entries: IndicatorEntry[] }[] = [];
  for (const e of visible) {
    const key = `${e.sheet}#${e.tableIndex}`;
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.entries.push(e);
    else groups.push({ key, entries: [e] });
  }

  return (
    <div className={styles.root} data-testid="view-indicators">
      <div className={styles.filters}>
        <Field label={s.sheetFilterLabel} size="small">
          <Select size="small" value={sheetFilter} onChange={(_, d) => onSheetFilter(d.value)} data-testid="sheet-filter">
            <option value={ALL_SHEETS}>{s.allSheets}</option>
            {sheets.map((sh) => (
              <option key={sh} value={sh}>
                {sh}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={s.searchLabel} size="small">
          <SearchBox size="small" value={query} placeholder={s.searchPlaceholder} onChange={(_, d) => setQuery(d.value)} />
        </Field>
        <Muted>{s.indicatorCount(visible.length)}</Muted>
      </div>

      {visible.length === 0 && <Muted>{s.noMatches}</Muted>}

      {groups.map((g) => {
        const first = g.entries[0];
        const position = first.table.meta.jabatan ?? first.table.meta.unit;
        return (
          <section key={g.key} className={styles.group} aria-label={`${first.sheet}, ${position ?? s.jabatanMissing}`}>
            <div className={styles.groupHead}>
              <Subtitle2 as="h2" className={styles.groupTitle}>
                {position ? `${s.jabatan}: ${position}` : s.jabatanMissing}
              </Subtitle2>
              <Muted>
                {s.sheet} {first.sheet} · {s.tableKind[first.table.kind] ?? first.table.kind} · {s.tableRange(first.table.dataRange)}
              </Muted>
            </div>
            <ul className={styles.list}>
              {g.entries.map((e) => (
                <IndicatorItem
                  key={e.key}
                  entry={e}
                  selected={e.key === selectedKey}
                  override={props.overrides[e.key]}
                  findings={props.findingsByRow.get(e.key)}
                  {...props}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

function matches(i: IndicatorReport, q: string): boolean {
  return i.name.toLowerCase().includes(q) || (i.sasaran ?? "").toLowerCase().includes(q) || (i.no ?? "") === q;
}

interface ItemProps extends IndicatorsProps {
  entry: IndicatorEntry;
  selected: boolean;
  override: RowOverrides | undefined;
  findings: Finding[] | undefined;
}

const IndicatorItem = React.memo(function IndicatorItem({ entry, selected, override, findings, ctx, onSelect, onGoTo, onOverride, busy }: ItemProps) {
  const styles = useStyles();
  const common = useCommonStyles();
  const { s, lang } = ctx;
  const ind = entry.indicator;
  const ref = React.useRef<HTMLLIElement>(null);
  const detailsId = React.useId();

  React.useEffect(() => {
    // The row's own header in view (not the bottom of its open details).
    if (selected) ref.current?.querySelector("button")?.scrollIntoView?.({ block: "nearest" });
  }, [selected]);

  const kind = override?.kind ?? ind.type ?? "unknown";
  const polarity = ind.measurement.polarity;
  const aggregation = ind.measurement.aggregation;
  const target = targetText(ind);
  const periods = ind.periods.filter((p) => p.realisasi !== null || p.target !== null);

  return (
    <li ref={ref} className={mergeClasses(styles.item, selected && styles.itemSelected)} data-testid="indicator" data-key={entry.key}>
      <button
        type="button"
        className={styles.rowButton}
        aria-expanded={selected}
        aria-controls={selected ? detailsId : undefined}
        aria-current={selected ? "true" : undefined}
        onClick={() => onSelect(selected ? null : entry)}
      >
        <span className={styles.chevron} aria-hidden="true">
          {selected ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
        </span>
        <span className={styles.rowBody}>
          <Body1Strong className={styles.name}>
            {ind.no ? `${ind.no}. ` : ""}
            {ind.name}
          </Body1Strong>
          <span className={common.badgeRow}>
            <Badge appearance="tint" color="brand" size="small">
              {s.kinds[kind] ?? kind}
            </Badge>
            {ind.unit && (
              <Badge appearance="outline" color="informative" size="small">
                {ind.unit}
              </Badge>
            )}
            <Badge appearance="outline" color={polarity === "negative" ? "severe" : "informative"} size="small">
              {polarity === "negative" ? "↓ " : "↑ "}
              {s.polarities[polarity] ?? polarity}
            </Badge>
            <Badge appearance="outline" color="informative" size="small">
              {s.aggregations[aggregation] ?? aggregation}
            </Badge>
            {override && Object.keys(override).length > 0 && (
              <Badge appearance="filled" color="important" size="small">
                {s.overridden}
              </Badge>
            )}
          </span>
          <span className={styles.numbers}>
            <Caption1>
              {s.target}: {target ?? "–"}
            </Caption1>
            {periods.some((p) => p.realisasi !== null) && (
              <Caption1>
                {s.realisasi}: {periods.map((p) => `${p.period} ${p.realisasi === null ? "–" : formatNumber(p.realisasi, lang)}`.replace(/ /g, "\u00a0")).join(" · ")}
              </Caption1>
            )}
          </span>
          <span className={styles.numbers}>
            {ind.capaian !== null && (
              <Caption1Strong>
                {s.capaian}: {formatPercent(ind.capaian, lang)}
              </Caption1Strong>
            )}
            <ClassBadge cls={ind.measurement.class} ctx={ctx} />
            {findings && findings.length > 0 && <RowFindingBadges findings={findings} ctx={ctx} />}
          </span>
        </span>
      </button>
      {selected && (
        <div id={detailsId} className={styles.details} data-testid="indicator-details">
          <Details entry={entry} override={override} findings={findings ?? []} ctx={ctx} onGoTo={onGoTo} onOverride={onOverride} busy={busy} />
        </div>
      )}
    </li>
  );
});

function RowFindingBadges({ findings, ctx }: { findings: Finding[]; ctx: ViewContext }): React.JSX.Element {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return (
    <>
      {(["error", "warning", "info"] as const)
        .filter((sv) => counts[sv] > 0)
        .map((sv) => (
          <SeverityBadge key={sv} severity={sv} count={counts[sv]} s={ctx.s} />
        ))}
    </>
  );
}

function targetText(ind: IndicatorReport): string | null {
  if (ind.target) return ind.target.text;
  const years = Object.entries(ind.targets);
  if (years.length === 0) return null;
  return years.map(([p, t]) => `${p}: ${t.text}`).join(" · ");
}

interface DetailsProps {
  entry: IndicatorEntry;
  override: RowOverrides | undefined;
  findings: Finding[];
  ctx: ViewContext;
  onGoTo: (ref: CellRef) => void;
  onOverride: (entry: IndicatorEntry, overrides: RowOverrides | null) => void;
  busy: boolean;
}

function Details({ entry, override: saved, findings, ctx, onGoTo, onOverride, busy }: DetailsProps): React.JSX.Element {
  const styles = useStyles();
  // The choice shows at once; the host's state (saved and re-checked) replaces it when it comes.
  const [override, setOverride] = React.useState(saved);
  React.useEffect(() => setOverride(saved), [saved]);
  const { s, lang } = ctx;
  const ind = entry.indicator;
  const ev = ind.evidence;
  const m = ind.measurement;
  const num = (v: number | null): string => (v === null ? "–" : formatNumber(v, lang));
  const pct = (v: number | null): string => (v === null ? "–" : formatPercent(v, lang));
  const evidenceText = (e: { source: string; text: string } | null): string =>
    e ? `${s.evidenceSource[e.source] ?? e.source}: “${s.defaultEvidence[e.text] ?? e.text}”` : "–";

  const set = <K extends keyof RowOverrides>(key: K, value: string): void => {
    const next: RowOverrides = { ...(override ?? {}) };
    if (value === "") delete next[key];
    else next[key] = value as RowOverrides[K];
    const result = Object.keys(next).length === 0 ? undefined : next;
    setOverride(result);
    onOverride(entry, result ?? null);
  };

  const hasPeriods = ind.periods.length > 0;
  const baseKind = ind.type ?? "unknown";
  const basePolarity = ind.polarity ?? "positive";
  const baseAggregation = ind.aggregation ?? "non-cumulative";

  return (
    <>
      <section aria-label={s.capaianYtd}>
        <Caption1Strong>
          {s.capaianYtd}
          {m.lastPeriod ? ` (${m.lastPeriod})` : ""}: {ind.capaian === null ? (m.reason ? s.capaianReason[m.reason] ?? m.reason : "–") : pct(ind.capaian)}
        </Caption1Strong>
      </section>

      <section aria-label={s.periodsTitle}>
        {hasPeriods ? (
          <table className={styles.periods}>
            <thead>
              <tr>
                <th scope="col">{s.period}</th>
                <th scope="col">{s.target}</th>
                <th scope="col">{s.realisasi}</th>
                <th scope="col">{s.capaian}</th>
              </tr>
            </thead>
            <tbody>
              {ind.periods.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{p.period}</th>
                  <td>{num(p.target)}</td>
                  <td>{num(p.realisasi)}</td>
                  <td>{pct(p.capaian)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Muted>{s.noPeriods}</Muted>
        )}
      </section>

      <section aria-labelledby={`${entry.key}-why`}>
        <Subtitle2 as="h3" id={`${entry.key}-why`} className={styles.detailTitle}>
          {s.whyTitle}
        </Subtitle2>
        <dl className={styles.why} data-testid="evidence">
          <dt>{s.why.kind}</dt>
          <dd>
            {s.kinds[baseKind] ?? baseKind} — {ev.kind.length ? ev.kind.map(evidenceText).join("; ") : "–"}
            {ev.kindByName && ev.kindByFormula && ev.kindByName !== ev.kindByFormula && (
              <>
                {" "}
                ({s.why.byName}: {s.kinds[ev.kindByName]}, {s.why.byFormula}: {s.kinds[ev.kindByFormula]})
              </>
            )}
          </dd>
          <dt>{s.why.unit}</dt>
          <dd>
            {ind.unit ?? "–"}
            {ev.unit ? ` — ${evidenceText(ev.unit)}` : ""}
          </dd>
          <dt>{s.why.polarity}</dt>
          <dd>
            {s.polarities[basePolarity]} ({s.polarityLong[basePolarity]}) — {evidenceText(ev.polarity)}
          </dd>
          <dt>{s.why.aggregation}</dt>
          <dd>
            {s.aggregations[baseAggregation]} — {evidenceText(ev.aggregation)}
          </dd>
          {ev.scale && (
            <>
              <dt>{s.why.scale}</dt>
              <dd>{ev.scale}</dd>
            </>
          )}
        </dl>
        {ind.formula && ind.formula.text && (
          <>
            <Caption1Strong>{s.formulaTitle}</Caption1Strong>
            <div className={styles.formula}>{ind.formula.expression ?? ind.formula.text}</div>
          </>
        )}
      </section>

      <section aria-labelledby={`${entry.key}-ovr`} className={styles.overrides}>
        <Subtitle2 as="h3" id={`${entry.key}-ovr`} className={styles.detailTitle}>
          {s.overridesTitle}
        </Subtitle2>
        <Muted>{s.overridesHint}</Muted>
        <Field label={s.overrideFields.kind} size="small">
          <Select size="small" value={override?.kind ?? ""} onChange={(_, d) => set("kind", d.value)} data-testid="override-kind">
            <option value="">{s.overrideAuto(s.kinds[baseKind] ?? baseKind)}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {s.kinds[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={s.overrideFields.polarity} size="small">
          <Select size="small" value={override?.polarity ?? ""} onChange={(_, d) => set("polarity", d.value)} data-testid="override-polarity">
            <option value="">{s.overrideAuto(s.polarities[basePolarity])}</option>
            {POLARITIES.map((k) => (
              <option key={k} value={k}>
                {s.polarities[k]} ({s.polarityLong[k]})
              </option>
            ))}
          </Select>
        </Field>
        <Field label={s.overrideFields.aggregation} size="small">
          <Select size="small" value={override?.aggregation ?? ""} onChange={(_, d) => set("aggregation", d.value)} data-testid="override-aggregation">
            <option value="">{s.overrideAuto(s.aggregations[baseAggregation])}</option>
            {AGGREGATIONS.map((k) => (
              <option key={k} value={k}>
                {s.aggregations[k]}
              </option>
            ))}
          </Select>
        </Field>
        {m.polarity === "negative" && (
          <Field label={s.overrideFields.negativeFormula} size="small">
            <Select size="small" value={override?.negativeFormula ?? ""} onChange={(_, d) => set("negativeFormula", d.value)} data-testid="override-negative">
              <option value="">{s.overrideAuto(s.negativeFormulas[m.variant === "negative-ratio" ? "ratio" : "inverse"])}</option>
              {NEGATIVE_FORMULAS.map((k) => (
                <option key={k} value={k}>
                  {s.negativeFormulas[k]}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {override && (
          <div className={styles.actions}>
            <Button
              size="small"
              icon={<ArrowUndo16Regular />}
              disabled={busy}
              onClick={() => {
                setOverride(undefined);
                onOverride(entry, null);
              }}
            >
              {s.resetOverrides}
            </Button>
          </div>
        )}
      </section>

      {findings.length > 0 && (
        <section aria-labelledby={`${entry.key}-fnd`}>
          <Subtitle2 as="h3" id={`${entry.key}-fnd`} className={styles.detailTitle}>
            {s.findingsOfRow(findings.length)}
          </Subtitle2>
          <ul className={styles.rowFindings}>
            {findings.map((f) => (
              <li key={`${f.rule}@${f.cell}`} className={styles.rowFinding}>
                <span>
                  <SeverityLabel severity={f.severity} s={s} /> <Caption1Strong>{f.cell}</Caption1Strong>
                </span>
                <Caption1>{f.messages[lang]}</Caption1>
                <div className={styles.actions}>
                  <GoToCellButton cell={f} s={s} onGo={() => onGoTo({ sheet: f.sheet, cell: f.cell })} />
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

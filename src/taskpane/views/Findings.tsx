import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Caption1,
  Caption1Strong,
  CounterBadge,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowUndo16Regular, EyeOff16Regular } from "@fluentui/react-icons";
import type { Finding } from "../../engine/report";
import { RULES, type Severity } from "../../engine/rules";
import type { CellRef } from "../host-api";
import { parseFindingKey, SEVERITIES } from "../model";
import { GoToCellButton, Muted, SeverityCounts, SeverityLabel, useCommonStyles, type ViewContext } from "./common";
import { countBySeverity } from "../model";
import { RULE_FIX } from "../rule-docs";

export interface FindingsProps {
  ctx: ViewContext;
  findings: readonly Finding[];
  ignored: readonly string[];
  onGoTo: (ref: CellRef, finding?: Finding) => void;
  onIgnore: (key: string, ignored: boolean) => void;
  busy: boolean;
}

const PAGE = 25;
const META = new Map(RULES.map((r) => [r.meta.id, r.meta]));

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL },
  severity: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  header: { width: "100%" },
  headerText: { display: "flex", flexDirection: "column", minWidth: 0, flexGrow: 1, textAlign: "start" },
  headerLine: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, justifyContent: "space-between" },
  ruleId: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  doc: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    display: "flex",
    flexDirection: "column",
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  finding: {
    display: "flex",
    flexDirection: "column",
    rowGap: "4px",
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  message: { overflowWrap: "anywhere" },
  cell: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  actions: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  panel: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalM,
    paddingLeft: tokens.spacingHorizontalL,
  },
});

export function Findings({ ctx, findings, ignored, onGoTo, onIgnore, busy }: FindingsProps): React.JSX.Element {
  const styles = useStyles();
  const common = useCommonStyles();
  const { s, lang } = ctx;
  const groups = React.useMemo(() => groupFindings(findings), [findings]);
  // Small lists open at once; large workbooks start folded (hundreds of findings).
  const defaultOpen = findings.length <= 40;

  return (
    <div className={styles.root} data-testid="view-findings">
      <SeverityCounts counts={countBySeverity(findings)} s={s} />
      {findings.length === 0 && <Body1>{s.findingsNone}</Body1>}

      {SEVERITIES.filter((sv) => groups.get(sv)?.length).map((sv) => {
        const rules = groups.get(sv)!;
        const total = rules.reduce((a, r) => a + r.findings.length, 0);
        return (
          <section key={sv} className={styles.severity} aria-labelledby={`sev-${sv}`} data-testid={`severity-${sv}`}>
            <Subtitle2 as="h2" id={`sev-${sv}`} className={common.heading}>
              {s.severityTitle[sv]} ({total})
            </Subtitle2>
            <Accordion multiple collapsible defaultOpenItems={defaultOpen ? rules.map((r) => r.rule) : []}>
              {rules.map((r) => (
                <RuleGroup key={r.rule} rule={r.rule} findings={r.findings} ctx={ctx} onGoTo={onGoTo} onIgnore={onIgnore} busy={busy} />
              ))}
            </Accordion>
          </section>
        );
      })}

      {ignored.length > 0 && (
        <section className={styles.severity} aria-labelledby="ignored-title" data-testid="ignored">
          <Subtitle2 as="h2" id="ignored-title" className={common.heading}>
            {s.ignoredTitle(ignored.length)}
          </Subtitle2>
          <Muted>{s.ignoredHint}</Muted>
          <ul className={styles.list}>
            {ignored.map((key) => {
              const k = parseFindingKey(key);
              const meta = k ? META.get(k.rule) : undefined;
              return (
                <li key={key} className={styles.finding}>
                  <Caption1Strong className={styles.cell}>{k ? s.cellOnSheet(k.sheet, k.cell) : key}</Caption1Strong>
                  <Caption1>
                    <span className={styles.ruleId}>{k?.rule}</span>
                    {meta ? ` — ${meta.description[lang]}` : ""}
                  </Caption1>
                  <div className={styles.actions}>
                    <Button size="small" icon={<ArrowUndo16Regular />} disabled={busy} aria-label={s.restoreLabel(k?.cell ?? key)} onClick={() => onIgnore(key, false)}>
                      {s.restore}
                    </Button>
                    {k && (
                      <GoToCellButton cell={k} s={s} onGo={() => onGoTo({ sheet: k.sheet, cell: k.cell })} />
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}

interface RuleGroupProps {
  rule: string;
  findings: Finding[];
  ctx: ViewContext;
  onGoTo: (ref: CellRef, finding?: Finding) => void;
  onIgnore: (key: string, ignored: boolean) => void;
  busy: boolean;
}

function RuleGroup({ rule, findings, ctx, onGoTo, onIgnore, busy }: RuleGroupProps): React.JSX.Element {
  const styles = useStyles();
  const common = useCommonStyles();
  const { s, lang } = ctx;
  const meta = META.get(rule);
  const [shown, setShown] = React.useState(PAGE);
  return (
    <AccordionItem value={rule} data-testid="rule-group" data-rule={rule}>
      <AccordionHeader className={styles.header} size="medium">
        <span className={styles.headerText}>
          <span className={styles.headerLine}>
            <span className={styles.ruleId}>{rule}</span>
            <CounterBadge count={findings.length} overflowCount={999} appearance="ghost" color="informative" size="small" />
          </span>
          {meta && <Caption1>{meta.description[lang]}</Caption1>}
        </span>
      </AccordionHeader>
      <AccordionPanel>
        <div className={styles.panel}>
          {meta && (
            <div className={styles.doc} data-testid="rule-doc">
              <Caption1Strong>{s.ruleDoc}</Caption1Strong>
              {RULE_FIX[rule] && <Caption1>{RULE_FIX[rule][lang]}</Caption1>}
              <Caption1 className={common.muted}>
                {s.severity[meta.severity]} · {s.ruleCategory[meta.category]}
              </Caption1>
            </div>
          )}
          <ul className={styles.list}>
            {findings.slice(0, shown).map((f) => {
              const key = `${f.rule}@${f.sheet}!${f.cell}`;
              return (
                <li key={key} className={styles.finding} data-testid="finding" data-key={key}>
                  <span>
                    <SeverityLabel severity={f.severity} s={s} /> <Caption1Strong className={styles.cell}>{s.cellOnSheet(f.sheet, f.cell)}</Caption1Strong>
                  </span>
                  <Body1 className={styles.message}>{f.messages[lang]}</Body1>
                  {f.suggestion && (
                    <Caption1 className={styles.message}>
                      <strong>{s.suggestion}:</strong> {f.suggestion[lang]}
                    </Caption1>
                  )}
                  <div className={styles.actions}>
                    <GoToCellButton cell={f} s={s} subtle={false} onGo={() => onGoTo({ sheet: f.sheet, cell: f.cell }, f)} />
                    <Button size="small" appearance="subtle" icon={<EyeOff16Regular />} disabled={busy} aria-label={s.ignoreLabel(f.cell)} onClick={() => onIgnore(key, true)}>
                      {s.ignore}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
          {findings.length > shown && (
            <Button size="small" appearance="secondary" onClick={() => setShown(shown + PAGE)}>
              {s.showMore(Math.min(PAGE, findings.length - shown))}
            </Button>
          )}
        </div>
      </AccordionPanel>
    </AccordionItem>
  );
}

function groupFindings(findings: readonly Finding[]): Map<Severity, { rule: string; findings: Finding[] }[]> {
  const out = new Map<Severity, { rule: string; findings: Finding[] }[]>();
  for (const f of findings) {
    let rules = out.get(f.severity);
    if (!rules) out.set(f.severity, (rules = []));
    let g = rules.find((r) => r.rule === f.rule);
    if (!g) rules.push((g = { rule: f.rule, findings: [] }));
    g.findings.push(f);
  }
  for (const rules of out.values()) rules.sort((a, b) => b.findings.length - a.findings.length || a.rule.localeCompare(b.rule));
  return out;
}

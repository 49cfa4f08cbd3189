/**
 * The connected pane: checks the workbook through its PaneHost, keeps the state the host
 * returns, and shows it in four views (Ringkasan, Indikator, Temuan, Pengaturan). It never
 * calls Office.js; every host action goes through the `host` prop.
 */
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowSync16Regular, Dismiss16Regular, Settings20Regular } from "@fluentui/react-icons";
import type { RowOverrides } from "../engine/measure/measure";
import type { Finding, TableReport } from "../engine/report";
import { columnLetters } from "../engine/address";
import type { CellRef, CheckSettings, PaneHost, PaneState } from "./host-api";
import { formatTime, strings, type Lang, type Strings } from "./i18n";
import { entryForCell, findingsByRow, indicatorCell, indicatorEntries, rowKey, type IndicatorEntry } from "./model";
import { Summary } from "./views/Summary";
import { ALL_SHEETS, Indicators } from "./views/Indicators";
import { Findings } from "./views/Findings";
import { Settings } from "./views/Settings";
import type { ViewContext } from "./views/common";

export type TabId = "summary" | "indicators" | "findings" | "settings";

export interface PaneProps {
  host: PaneHost;
  lang: Lang;
  onLang: (lang: Lang) => void;
  /** The view to open first (tests, screenshots). */
  initialTab?: TabId;
}

interface Failure {
  code: string | null;
  detail: string;
}

const useStyles = makeStyles({
  tabs: {
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    marginRight: `calc(-1 * ${tokens.spacingHorizontalS})`,
    flexWrap: "wrap",
    rowGap: 0,
  },
  // Four tabs fit the pane's 320 px default width in both languages at the small type size.
  tab: {
    paddingLeft: tokens.spacingHorizontalSNudge,
    paddingRight: tokens.spacingHorizontalSNudge,
    "& .fui-Tab__content, & .fui-Tab__content--reserved-space": { fontSize: tokens.fontSizeBase200 },
  },
  progress: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  view: { paddingTop: tokens.spacingVerticalS },
  notices: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  empty: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, alignItems: "flex-start" },
  detail: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  srOnly: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

function describeError(e: unknown): Failure {
  const code = typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string" ? (e as { code: string }).code : null;
  const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
  // Only the first line: never a stack trace.
  return { code, detail: message.split("\n")[0].slice(0, 300) };
}

export function Pane({ host, lang, onLang, initialTab = "summary" }: PaneProps): React.JSX.Element {
  const styles = useStyles();
  const s = strings(lang);
  const [state, setState] = React.useState<PaneState | null>(null);
  const [checking, setChecking] = React.useState(false);
  const [progress, setProgress] = React.useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = React.useState<Failure | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [actionFailed, setActionFailed] = React.useState(false);
  const [tab, setTab] = React.useState<TabId>(initialTab);
  const [selectedKey, setSelectedKey] = React.useState<string | null>(null);
  const [sheetFilter, setSheetFilter] = React.useState<string | null>(null);
  const [dismissed, setDismissed] = React.useState<ReadonlySet<string>>(new Set());
  const [cleared, setCleared] = React.useState<number | null>(null);

  const runCheck = React.useCallback(async () => {
    setChecking(true);
    setFailure(null);
    setProgress(null);
    try {
      setState(await host.check((done, total) => setProgress({ done, total })));
    } catch (e) {
      setFailure(describeError(e));
    } finally {
      setChecking(false);
      setProgress(null);
    }
  }, [host]);

  React.useEffect(() => {
    void runCheck();
  }, [runCheck]);
  React.useEffect(() => host.onStateChanged(setState), [host]);

  const report = state?.report ?? null;
  const entries = React.useMemo(() => (report ? indicatorEntries(report) : []), [report]);
  const byRow = React.useMemo(() => findingsByRow(report?.findings ?? []), [report]);
  const sheets = React.useMemo(() => (report ? report.sheets.filter((sh) => sh.tables.length > 0).map((sh) => sh.name) : []), [report]);
  const entriesRef = React.useRef(entries);
  entriesRef.current = entries;

  // The grid's selection selects the indicator it belongs to.
  React.useEffect(
    () =>
      host.onSelectionChanged((ref) => {
        const entry = entryForCell(entriesRef.current, ref);
        if (entry) setSelectedKey(entry.key);
      }),
    [host],
  );

  // Host changes run one after another, so a later choice's state is never overwritten by an
  // earlier, slower one.
  const queue = React.useRef<Promise<void>>(Promise.resolve());
  const pending = React.useRef(0);
  const mutate = React.useCallback((action: () => Promise<PaneState>): Promise<void> => {
    pending.current++;
    setBusy(true);
    setActionFailed(false);
    queue.current = queue.current.then(async () => {
      try {
        setState(await action());
      } catch {
        setActionFailed(true);
      } finally {
        if (--pending.current === 0) setBusy(false);
      }
    });
    return queue.current;
  }, []);

  const select = React.useCallback(
    (ref: CellRef) => {
      host.select(ref).catch(() => setActionFailed(true));
    },
    [host],
  );

  const onSelect = React.useCallback(
    (entry: IndicatorEntry | null) => {
      setSelectedKey(entry?.key ?? null);
      if (entry) select(indicatorCell(entry));
    },
    [select],
  );

  const onGoTo = React.useCallback(
    (ref: CellRef, finding?: Finding) => {
      if (finding) setSelectedKey(rowKey(finding.sheet, finding.indicatorRow ?? finding.row));
      select(ref);
    },
    [select],
  );

  const onOverride = React.useCallback(
    (entry: IndicatorEntry, overrides: RowOverrides | null) => void mutate(() => host.setOverride(entry.sheet, entry.indicator.row, overrides)),
    [host, mutate],
  );
  const onIgnore = React.useCallback((key: string, ignored: boolean) => void mutate(() => host.setIgnored(key, ignored)), [host, mutate]);
  const onSettings = React.useCallback((settings: CheckSettings) => void mutate(() => host.setSettings(settings)), [host, mutate]);
  const onClearFlags = React.useCallback(() => {
    setBusy(true);
    host
      .clearFlags()
      .then(setCleared, () => setActionFailed(true))
      .finally(() => setBusy(false));
  }, [host]);

  const [fillMessages, setFillMessages] = React.useState<Record<string, string>>({});
  const fill = host.fillCapaianColumn?.bind(host);
  const onFillCapaian = fill
    ? (sheet: string, tableIndex: number): void => {
        void mutate(async () => {
          const r = await fill(sheet, tableIndex);
          const column = columnLetters(r.column);
          const text = r.refused ? s.fillCapaianRefused(column, r.refused.slice(0, 3).join(", ")) : s.fillCapaianDone(r.written, column, r.skipped.length);
          setFillMessages((m) => ({ ...m, [`${sheet}#${tableIndex}`]: text }));
          return r.state;
        });
      }
    : undefined;

  const onShowTable = (sheet: string, table: TableReport): void => {
    setSheetFilter(sheet);
    setTab("indicators");
    const first = entries.find((e) => e.sheet === sheet && e.table === table);
    if (first) onSelect(first);
  };

  const ctx: ViewContext = { lang, s, bandSet: state?.settings.bandSet ?? "permendagri86" };
  const effectiveFilter = sheetFilter ?? sheets[0] ?? ALL_SHEETS;
  const noTables = report !== null && sheets.length === 0;
  const notices = (state?.notices ?? []).filter((n) => !dismissed.has(`${n.id}:${n.detail ?? ""}`));

  return (
    <>
      {checking && <CheckProgress s={s} progress={progress} />}

      {failure && <FailureMessage s={s} failure={failure} onRetry={() => void runCheck()} checking={checking} />}

      {notices.length > 0 && (
        <div className={styles.notices}>
          {notices.map((n) => {
            const key = `${n.id}:${n.detail ?? ""}`;
            const text = s.notices[n.id] ?? n.id;
            const full = n.detail ? (/[.!]$/.test(text) ? `${text} (${n.detail})` : `${text}: ${n.detail}.`) : /[.!]$/.test(text) ? text : `${text}.`;
            const tooOld = n.id === "host-too-old" || n.id === "bindings-damaged";
            return (
              <MessageBar key={key} intent={tooOld ? "error" : n.id === "read-chunked" ? "info" : "warning"} data-testid={`notice-${n.id}`}>
                <MessageBarBody>
                  {n.id === "host-too-old" && <MessageBarTitle>{s.hostTooOldTitle}</MessageBarTitle>}
                  {full}
                </MessageBarBody>
                <MessageBarActions
                  containerAction={
                    <Button
                      appearance="transparent"
                      size="small"
                      aria-label={s.dismiss}
                      icon={<Dismiss16Regular />}
                      onClick={() => setDismissed(new Set([...dismissed, key]))}
                    />
                  }
                />
              </MessageBar>
            );
          })}
        </div>
      )}

      {actionFailed && (
        <MessageBar intent="error" data-testid="action-failed">
          <MessageBarBody>{s.actionFailed}</MessageBarBody>
          <MessageBarActions
            containerAction={<Button appearance="transparent" size="small" aria-label={s.dismiss} icon={<Dismiss16Regular />} onClick={() => setActionFailed(false)} />}
          />
        </MessageBar>
      )}

      {state && report && (
        <>
          <TabList className={styles.tabs} size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label={s.tabListLabel}>
            <Tab className={styles.tab} value="summary" data-testid="tab-summary">
              {s.tabs.summary}
            </Tab>
            <Tab className={styles.tab} value="indicators" data-testid="tab-indicators">
              {s.tabs.indicators}
            </Tab>
            <Tab className={styles.tab} value="findings" data-testid="tab-findings">
              {s.tabs.findings}
              {report.findings.length > 0 ? ` (${report.findings.length})` : ""}
            </Tab>
            {/* Icon only: four labelled tabs and a findings count do not fit 320 px. */}
            <Tab className={styles.tab} value="settings" data-testid="tab-settings" icon={<Settings20Regular />} aria-label={s.tabs.settings} title={s.tabs.settings} />
          </TabList>

          {busy && (
            <div role="status" className={styles.srOnly}>
              {s.busySaving}
            </div>
          )}

          <div className={styles.view} role="tabpanel" aria-label={s.tabs[tab]}>
            {tab === "settings" ? (
              <Settings
                ctx={ctx}
                settings={state.settings}
                onLang={onLang}
                onSettings={onSettings}
                onClearFlags={onClearFlags}
                clearedMessage={cleared === null ? null : s.clearFlagsDone(cleared)}
                busy={busy}
              />
            ) : noTables ? (
              <EmptyState s={s} onRetry={() => void runCheck()} checking={checking} />
            ) : tab === "summary" ? (
              <Summary
                ctx={ctx}
                report={report}
                checking={checking}
                checkedAt={s.checkedAt(formatTime(state.checkedAt, lang))}
                onRecheck={() => void runCheck()}
                onShowTable={onShowTable}
                onFillCapaian={onFillCapaian}
                fillMessages={fillMessages}
                busy={busy}
              />
            ) : tab === "indicators" ? (
              <Indicators
                ctx={ctx}
                entries={entries}
                sheets={sheets}
                overrides={state.overrides}
                findingsByRow={byRow}
                selectedKey={selectedKey}
                sheetFilter={effectiveFilter}
                onSheetFilter={setSheetFilter}
                onSelect={onSelect}
                onGoTo={onGoTo}
                onOverride={onOverride}
                busy={busy}
              />
            ) : (
              <Findings ctx={ctx} findings={report.findings} ignored={state.ignored} onGoTo={onGoTo} onIgnore={onIgnore} busy={busy} />
            )}
          </div>
        </>
      )}

      {!state && !checking && !failure && <Spinner size="small" label={s.checking} />}
    </>
  );
}

function CheckProgress({ s, progress }: { s: Strings; progress: { done: number; total: number } | null }): React.JSX.Element {
  const styles = useStyles();
  const label = progress && progress.total > 0 ? s.checkingProgress(Math.min(progress.done + 1, progress.total), progress.total) : s.checking;
  return (
    <div className={styles.progress} data-testid="check-progress">
      <div role="status" aria-live="polite">
        {label}
      </div>
      <ProgressBar
        aria-label={s.checking}
        thickness="large"
        value={progress && progress.total > 0 ? progress.done / progress.total : undefined}
        max={1}
      />
    </div>
  );
}

function FailureMessage({ s, failure, onRetry, checking }: { s: Strings; failure: Failure; onRetry: () => void; checking: boolean }): React.JSX.Element {
  const styles = useStyles();
  const tooOld = failure.code === "host-too-old";
  return (
    <MessageBar intent="error" layout="multiline" data-testid="check-failed">
      <MessageBarBody>
        <MessageBarTitle>{tooOld ? s.hostTooOldTitle : s.checkFailedTitle}</MessageBarTitle>
        <div>{tooOld ? s.hostTooOldBody : failure.code === "edit-mode" ? s.editModeBody : s.checkFailedBody}</div>
        {failure.detail && !tooOld && (
          <details className={styles.detail}>
            <summary>{s.technicalDetail}</summary>
            {failure.detail}
          </details>
        )}
      </MessageBarBody>
      {!tooOld && (
        <MessageBarActions>
          <Button size="small" icon={<ArrowSync16Regular />} onClick={onRetry} disabled={checking}>
            {s.tryAgain}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

function EmptyState({ s, onRetry, checking }: { s: Strings; onRetry: () => void; checking: boolean }): React.JSX.Element {
  const styles = useStyles();
  return (
    <div className={styles.empty} data-testid="no-tables">
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.noTablesTitle}</MessageBarTitle>
          {s.noTablesBody}
        </MessageBarBody>
      </MessageBar>
      <Button appearance="primary" icon={<ArrowSync16Regular />} onClick={onRetry} disabled={checking}>
        {s.recheck}
      </Button>
    </div>
  );
}

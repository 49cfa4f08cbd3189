import * as React from "react";
import { Badge, Body1, Caption1, Title3, ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, Eye16Regular } from "@fluentui/react-icons";
import type { HostStatus } from "../office/host";
import type { PaneHost } from "./host-api";
import { DEFAULT_LANG, LANGS, type Lang, strings } from "./i18n";
import { Pane, type TabId } from "./Pane";

export interface AppProps {
  /** Detected by index.tsx (src/office/host.ts); the component never calls Office.js. */
  host: HostStatus;
  /** The workbook session; absent in preview mode (opened outside Excel). */
  paneHost?: PaneHost;
  initialLang?: Lang;
  /** Told about every language change, e.g. to persist it; optional. */
  onLangChange?: (lang: Lang) => void;
  /** The view to open first (tests, screenshots). */
  initialTab?: TabId;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  logo: {
    width: "24px",
    height: "24px",
    flexShrink: 0,
  },
  title: {
    margin: 0,
    flexGrow: 1,
    whiteSpace: "nowrap",
  },
  languages: {
    display: "flex",
    columnGap: "2px",
    flexShrink: 0,
  },
  langButton: { minWidth: "36px", paddingLeft: "4px", paddingRight: "4px" },
  hint: {
    color: tokens.colorNeutralForeground3,
  },
});

export function App({ host, paneHost, initialLang = DEFAULT_LANG, onLangChange, initialTab }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const s = strings(lang);
  const connected = host.kind === "excel";

  React.useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const choose = React.useCallback(
    (next: Lang): void => {
      if (next === lang) return;
      setLang(next);
      onLangChange?.(next);
      // Notes the add-in writes from now on are in this language (rewritten at the next check).
      paneHost?.setLanguage?.(next);
    },
    [lang, onLangChange, paneHost],
  );

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <img className={styles.logo} src="assets/icon-32.png" alt="" aria-hidden="true" />
        <Title3 as="h1" className={styles.title}>
          {s.appName}
        </Title3>
        <div className={styles.languages} role="group" aria-label={s.languageGroupLabel}>
          {LANGS.map((l) => (
            <ToggleButton
              key={l}
              className={styles.langButton}
              size="small"
              shape="rounded"
              checked={l === lang}
              appearance={l === lang ? "primary" : "subtle"}
              lang={l}
              aria-label={`${l.toUpperCase()}, ${s.languageNames[l]}`}
              data-testid={`lang-${l}`}
              onClick={() => choose(l)}
            >
              {l.toUpperCase()}
            </ToggleButton>
          ))}
        </div>
      </header>

      {paneHost ? (
        <Pane host={paneHost} lang={lang} onLang={choose} initialTab={initialTab} />
      ) : (
        <>
          <Body1>{s.tagline}</Body1>
          <div role="status">
            <Badge
              appearance="tint"
              color={connected ? "success" : "informative"}
              icon={connected ? <CheckmarkCircle16Filled /> : <Eye16Regular />}
            >
              {connected ? s.hostConnected : s.hostPreview}
            </Badge>
          </div>
          <Caption1 className={styles.hint}>{connected ? s.excelNoSession : s.previewHint}</Caption1>
        </>
      )}
    </main>
  );
}

export default App;

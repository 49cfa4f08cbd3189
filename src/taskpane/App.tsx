import * as React from "react";
import {
  Badge,
  Body1,
  Caption1,
  Title2,
  ToggleButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { CheckmarkCircle16Filled, Eye16Regular } from "@fluentui/react-icons";
import type { HostStatus } from "../office/host";
import { DEFAULT_LANG, LANGS, type Lang, strings } from "./i18n";

export interface AppProps {
  /** Detected by index.tsx (src/office/host.ts); the component never calls Office.js. */
  host: HostStatus;
  initialLang?: Lang;
  /** Told about every language change, e.g. to persist it; optional. */
  onLangChange?: (lang: Lang) => void;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  logo: {
    width: "32px",
    height: "32px",
    flexShrink: 0,
  },
  title: {
    margin: 0,
  },
  hint: {
    color: tokens.colorNeutralForeground3,
  },
  languages: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    marginTop: "auto",
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

export function App({ host, initialLang = DEFAULT_LANG, onLangChange }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const s = strings(lang);
  const connected = host.kind === "excel";

  React.useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const choose = (next: Lang): void => {
    if (next === lang) return;
    setLang(next);
    onLangChange?.(next);
  };

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <img className={styles.logo} src="assets/icon-32.png" alt="" aria-hidden="true" />
        <Title2 as="h1" className={styles.title}>
          {s.appName}
        </Title2>
      </header>

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

      {!connected && <Caption1 className={styles.hint}>{s.previewHint}</Caption1>}

      <div className={styles.languages} role="group" aria-label={s.languageGroupLabel}>
        <Caption1>{s.languageGroupLabel}:</Caption1>
        {LANGS.map((l) => (
          <ToggleButton
            key={l}
            size="small"
            shape="rounded"
            checked={l === lang}
            appearance={l === lang ? "primary" : "secondary"}
            lang={l}
            onClick={() => choose(l)}
          >
            {s.languageNames[l]}
          </ToggleButton>
        ))}
      </div>
    </main>
  );
}

export default App;

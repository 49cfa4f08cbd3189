import * as React from "react";
import { Button, Caption1, Field, Radio, RadioGroup, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { Delete16Regular } from "@fluentui/react-icons";
import type { BandSetId } from "../../engine/measure/classes";
import type { NegativeFormula } from "../../engine/measure/capaian";
import { RULES, type Severity } from "../../engine/rules";
import type { CheckSettings } from "../host-api";
import { LANGS, type Lang } from "../i18n";
import { Muted, useCommonStyles, type ViewContext } from "./common";

export interface SettingsProps {
  ctx: ViewContext;
  settings: CheckSettings;
  onLang: (lang: Lang) => void;
  onSettings: (settings: CheckSettings) => void;
  onClearFlags: () => void;
  clearedMessage: string | null;
  busy: boolean;
}

const BAND_SET_IDS: BandSetId[] = ["permendagri86", "baik", "berhasil"];
const NEGATIVE: NegativeFormula[] = ["inverse", "ratio"];
const SEVERITY_CHOICES: (Severity | "off")[] = ["error", "warning", "info", "off"];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXL },
  rules: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  rule: {
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
    paddingTop: tokens.spacingVerticalXS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  ruleId: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  category: { margin: 0, marginTop: tokens.spacingVerticalS, fontSize: tokens.fontSizeBase300 },
});

export function Settings({ ctx, settings: saved, onLang, onSettings: save, onClearFlags, clearedMessage, busy }: SettingsProps): React.JSX.Element {
  const styles = useStyles();
  const common = useCommonStyles();
  const { s, lang } = ctx;
  // The choice shows at once; the host's state (saved and re-checked) replaces it when it comes.
  const [settings, setSettings] = React.useState(saved);
  React.useEffect(() => setSettings(saved), [saved]);
  const onSettings = (next: CheckSettings): void => {
    setSettings(next);
    save(next);
  };
  const setRule = (id: string, value: string): void => {
    const rules = { ...settings.rules };
    if (value === "") delete rules[id];
    else rules[id] = value as Severity | "off";
    onSettings({ ...settings, rules });
  };

  return (
    <div className={styles.root} data-testid="view-settings">
      <section className={common.section}>
        <Field label={<Subtitle2 as="h2">{s.settingsLanguage}</Subtitle2>} hint={s.settingsLanguageHint}>
          <RadioGroup value={lang} onChange={(_, d) => onLang(d.value as Lang)} data-testid="settings-language">
            {LANGS.map((l) => (
              <Radio key={l} value={l} label={<span lang={l}>{s.languageNames[l]}</span>} />
            ))}
          </RadioGroup>
        </Field>
      </section>

      <section className={common.section}>
        <Field label={<Subtitle2 as="h2">{s.settingsBands}</Subtitle2>} hint={s.settingsBandsHint}>
          <RadioGroup
            value={settings.bandSet}
            onChange={(_, d) => onSettings({ ...settings, bandSet: d.value as BandSetId })}
            data-testid="settings-bands"
          >
            {BAND_SET_IDS.map((b) => (
              <Radio key={b} value={b} label={s.bandSets[b]} />
            ))}
          </RadioGroup>
        </Field>
      </section>

      <section className={common.section}>
        <Field label={<Subtitle2 as="h2">{s.settingsNegative}</Subtitle2>} hint={s.settingsNegativeHint}>
          <RadioGroup
            value={settings.negativeFormula}
            onChange={(_, d) => onSettings({ ...settings, negativeFormula: d.value as NegativeFormula })}
          >
            {NEGATIVE.map((n) => (
              <Radio key={n} value={n} label={s.negativeFormulaLong[n]} />
            ))}
          </RadioGroup>
        </Field>
      </section>

      <section className={common.section} aria-labelledby="set-rules">
        <Subtitle2 as="h2" id="set-rules" className={common.heading}>
          {s.settingsRules}
        </Subtitle2>
        <Muted>{s.settingsRulesHint}</Muted>
        {(["definition", "measurement"] as const).map((cat) => (
          <React.Fragment key={cat}>
            <Subtitle2 as="h3" className={styles.category}>
              {s.ruleCategory[cat]}
            </Subtitle2>
            <ul className={styles.rules}>
              {RULES.filter((r) => r.meta.category === cat).map(({ meta }) => (
                <li key={meta.id} className={styles.rule} data-rule={meta.id}>
                  <Field
                    size="small"
                    label={
                      <>
                        <span className={styles.ruleId}>{meta.id}</span>
                        <br />
                        <Caption1>{meta.description[lang]}</Caption1>
                      </>
                    }
                  >
                    <Select size="small" value={settings.rules[meta.id] ?? ""} onChange={(_, d) => setRule(meta.id, d.value)}>
                      <option value="">{s.ruleSeverityDefault(s.severity[meta.severity])}</option>
                      {SEVERITY_CHOICES.map((c) => (
                        <option key={c} value={c}>
                          {c === "off" ? s.ruleOff : s.severity[c]}
                        </option>
                      ))}
                    </Select>
                  </Field>
                </li>
              ))}
            </ul>
          </React.Fragment>
        ))}
      </section>

      <section className={common.section} aria-labelledby="set-flags">
        <Subtitle2 as="h2" id="set-flags" className={common.heading}>
          {s.settingsFlags}
        </Subtitle2>
        <div>
          <Button icon={<Delete16Regular />} onClick={onClearFlags} disabled={busy}>
            {s.clearFlags}
          </Button>
        </div>
        {clearedMessage && (
          <Caption1 role="status">{clearedMessage}</Caption1>
        )}
      </section>
    </div>
  );
}

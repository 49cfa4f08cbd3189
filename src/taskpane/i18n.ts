/** Task pane strings. Bahasa Indonesia is the default; English is one switch away. */

export type Lang = "id" | "en";

export const DEFAULT_LANG: Lang = "id";

export interface Strings {
  /** The product name; not translated. */
  appName: string;
  tagline: string;
  hostConnected: string;
  hostPreview: string;
  previewHint: string;
  languageGroupLabel: string;
  /** Each language's name, written in that language, for the switch. */
  languageNames: Record<Lang, string>;
}

const LANGUAGE_NAMES: Record<Lang, string> = { id: "Bahasa Indonesia", en: "English" };

export const STRINGS: Record<Lang, Strings> = {
  id: {
    appName: "IKI Checker",
    tagline: "Memeriksa tabel IKI, IKU, dan pengukuran kinerja langsung di Excel.",
    hostConnected: "Terhubung ke Excel",
    hostPreview: "Mode pratinjau tanpa Excel",
    previewHint: "Buka panel ini dari Excel (tab Beranda, Panel IKI) untuk memeriksa buku kerja.",
    languageGroupLabel: "Bahasa",
    languageNames: LANGUAGE_NAMES,
  },
  en: {
    appName: "IKI Checker",
    tagline: "Checks IKI, IKU and performance measurement tables right in Excel.",
    hostConnected: "Connected to Excel",
    hostPreview: "Preview mode without Excel",
    previewHint: "Open this pane from Excel (Home tab, IKI Panel) to check a workbook.",
    languageGroupLabel: "Language",
    languageNames: LANGUAGE_NAMES,
  },
};

export const LANGS: readonly Lang[] = ["id", "en"];

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

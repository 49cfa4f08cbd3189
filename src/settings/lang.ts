/**
 * The languages of the UI and of the notes the add-in writes, and the user's choice of
 * one. The language is a per-user preference, not a workbook setting: kept in
 * localStorage (shared by the pane and the ribbon command, which run in one runtime).
 * Guarded, because storage may be missing or throw (private windows, some Office hosts).
 */
export type Lang = "id" | "en";

export const DEFAULT_LANG: Lang = "id";

export const LANGS: readonly Lang[] = ["id", "en"];

const KEY = "iki-checker.lang";

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadLang(): Lang {
  try {
    const v = storage()?.getItem(KEY);
    return LANGS.includes(v as Lang) ? (v as Lang) : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function saveLang(lang: Lang): void {
  try {
    storage()?.setItem(KEY, lang);
  } catch {
    // Storage full or refused: the choice lasts for this session only.
  }
}

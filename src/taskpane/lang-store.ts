/**
 * The language is a per-user preference, not a workbook setting: kept in localStorage.
 * Guarded, because storage may be missing or throw (private windows, some Office hosts).
 */
import { DEFAULT_LANG, LANGS, type Lang } from "./i18n";

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

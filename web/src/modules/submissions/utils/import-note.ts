import type { Locale } from '../../../app/i18n';

/**
 * An importer's note (“中文 — English”, as the server stores it) in the page's language: the
 * Chinese half on Chinese pages, the English half on English ones; a note with one language only
 * is shown as it is.
 */
export function noteIn(note: string, locale: Locale): string {
  const at = note.indexOf(' — ');
  if (at < 0) return note;
  const half = (locale === 'en' ? note.slice(at + 3) : note.slice(0, at)).trim();
  if (!half) return note;
  // the English halves are written as clauses: shown alone, they start a sentence
  return locale === 'en' ? half.charAt(0).toUpperCase() + half.slice(1) : half;
}

import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { SHANGHAI_TIME_ZONE } from '@gongkai/report-model/time';
import { errorText } from './error-text';
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

export type Locale = 'zh-CN' | 'en';
export type MessageKey = keyof typeof zhCN;
const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'gongkai.locale';

type I18n = {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** A message with `{name}` placeholders filled in. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Whether the catalogue has a message for a key built at run time. */
  has(key: string): key is MessageKey;
  /** A sentence for an error from the server or the network (see `error-text.ts`). */
  errorText(error: unknown): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  formatDate(value: string | Date, options?: Intl.DateTimeFormatOptions): string;
};

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

export function I18nProvider({
  children,
  locale: fixed,
}: {
  children: ReactNode;
  locale?: Locale;
}) {
  const [locale, setLocaleState] = useState<Locale>(fixed ?? initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(() => {
    const catalogue = CATALOGUES[locale];
    const numberFormat = new Intl.NumberFormat(locale);
    const t = (key: MessageKey, params?: Record<string, string | number>) =>
      (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) =>
        String(params?.[name] ?? `{${name}}`),
      );
    const has = (key: string): key is MessageKey => Object.hasOwn(catalogue, key);
    return {
      locale,
      setLocale,
      t,
      has,
      errorText: (error) => errorText(error, t, has),
      formatNumber: (v, options) =>
        options ? new Intl.NumberFormat(locale, options).format(v) : numberFormat.format(v),
      formatDate: (v, options) =>
        new Intl.DateTimeFormat(locale, {
          timeZone: SHANGHAI_TIME_ZONE,
          dateStyle: 'medium',
          ...options,
        }).format(typeof v === 'string' ? new Date(v) : v),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

import { createContext, useContext } from 'react';
import type { Language } from '../../shared/ipc/contract';
import { STRINGS, type StringKey } from './strings';

export interface I18n {
  readonly language: Language;
  readonly t: (key: StringKey) => string;
}

export function makeI18n(language: Language): I18n {
  const table = STRINGS[language];
  return { language, t: (key) => table[key] };
}

export const I18nContext = createContext<I18n>(makeI18n('zh-CN'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}

import { useEffect, useMemo, useState } from 'react';
import { mirrorInto } from '../../shared/gateway/mirror';
import { WallStore } from '../../shared/gateway/wallStore';
import type { Language, WallBridge } from '../../shared/ipc/contract';
import { CaseBoard } from '../cases/CaseBoard';
import { I18nContext, makeI18n } from '../i18n/I18nContext';
import { useStoreVersion } from './useStore';

/** One window of the wall: its own store mirrored from the gateway, and the view its URL names. */
export function App({ bridge, params }: Readonly<{ bridge: WallBridge; params: URLSearchParams }>) {
  const store = useMemo(() => new WallStore(), []);
  const [language, setLanguage] = useState<Language>(params.get('lang') === 'en' ? 'en' : 'zh-CN');
  const [showDiagnostics, setShowDiagnostics] = useState(params.has('diagnostics'));
  const [warnings, setWarnings] = useState<readonly string[]>([]);
  useStoreVersion(store);

  useEffect(() => mirrorInto(store, bridge), [store, bridge]);
  useEffect(() => {
    void bridge.windowInfo().then((info) => {
      if (!params.has('lang')) setLanguage(info.language);
      setWarnings(info.warnings);
    });
    return bridge.onLanguage(setLanguage);
  }, [bridge, params]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'd' || event.key === 'D') setShowDiagnostics((v) => !v);
      if (event.key === 'l' || event.key === 'L')
        void bridge.setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge, language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const i18n = useMemo(() => makeI18n(language), [language]);
  const city = store.city;
  return (
    <I18nContext.Provider value={i18n}>
      <div className="wall">
        <header className="wall-header">
          <div>
            <h1>{i18n.t('title')}</h1>
            <div className="subtitle">
              {i18n.t('subtitle')}
              {city ? ` · ${language === 'zh-CN' ? city.name : city.nameEn}` : ''}
            </div>
          </div>
          <div className="header-tools">
            <button
              type="button"
              onClick={() => setShowDiagnostics((v) => !v)}
              data-testid="toggle-diagnostics"
            >
              {i18n.t('diagnostics')}
            </button>
            <button
              type="button"
              onClick={() => void bridge.setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
              data-testid="toggle-language"
            >
              {i18n.t('language')}
            </button>
          </div>
        </header>
        <CaseBoard store={store} showDiagnostics={showDiagnostics} warnings={warnings} />
      </div>
    </I18nContext.Provider>
  );
}

import type { ConnectionState } from '../../shared/gateway/wallStore';
import { useI18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';

const TEXT: Readonly<Record<ConnectionState, StringKey>> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  'filling-gap': 'fillingGap',
  offline: 'offline',
};

/** A quiet dot while all is well; a wide banner the whole hall sees when the wall is not live. */
export function ConnectionBanner({ state }: Readonly<{ state: ConnectionState }>) {
  const { t } = useI18n();
  return (
    <div
      className={`connection connection-${state}`}
      data-testid="connection"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      {t(TEXT[state])}
    </div>
  );
}

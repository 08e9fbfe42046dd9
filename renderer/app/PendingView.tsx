import { useI18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';

const NAMES: Readonly<Record<string, StringKey>> = {
  map: 'viewMap',
  video: 'viewVideo',
  incident: 'viewIncident',
};

/**
 * A region whose view this build does not have yet (the incident view comes with its own
 * work). It says so plainly, with where it sits, rather than pretending.
 */
export function PendingView({
  view,
  params,
}: Readonly<{ view: string; params: Readonly<Record<string, string>> }>) {
  const { t } = useI18n();
  const name = NAMES[view];
  return (
    <div className="pending-view" data-testid="pending-view">
      <div className="pending-name">{name ? t(name) : view}</div>
      <div className="pending-note">{t('viewPending')}</div>
      <div className="pending-where">
        {params.region ?? ''} {params.part ? `· ${params.part}` : ''}
      </div>
    </div>
  );
}

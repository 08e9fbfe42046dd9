import type { WallBus } from '../../shared/bus/messages';
import { findCategory } from '../../shared/domain/categories';
import type { WallStore } from '../../shared/gateway/wallStore';
import { useStoreSelector } from '../app/useStore';
import { CasePhotos } from '../cases/CasePhotos';
import { useSelectedCase } from '../cases/useSelectedCase';
import { useI18n } from '../i18n/I18nContext';

/**
 * The selected case's photos on the map, in the region's lower right corner: what the
 * reporter and the handler saw, beside where the map flew. Nothing when the case has none.
 */
export function SelectedCasePhotos({ store, bus }: Readonly<{ store: WallStore; bus: WallBus }>) {
  const { t, language } = useI18n();
  const selected = useSelectedCase(bus);
  // Case records change in place (a handling adds its photos): the map re-renders this card when
  // the selected case's photos change, not on every event the store takes.
  useStoreSelector(store, (s) => {
    const c = selected ? s.cases.get(selected) : undefined;
    return c ? `${c.id} ${c.photos?.length ?? 0} ${c.handledPhotos?.length ?? 0}` : '';
  });
  const record = selected ? store.cases.get(selected) : undefined;
  if (!record || (!record.photos?.length && !record.handledPhotos?.length)) return null;
  const category = findCategory(record.category);
  return (
    <section className="map-case-photos" data-testid="map-case-photos" data-case-id={record.id}>
      <h3>
        {category ? (language === 'zh-CN' ? category.zh : category.en) : ''}
        {record.address ? ` · ${record.address}` : ''}
      </h3>
      <CasePhotos label={t('photosReported')} urls={record.photos} />
      <CasePhotos label={t('photosHandled')} urls={record.handledPhotos} />
    </section>
  );
}

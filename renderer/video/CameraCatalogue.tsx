import { useMemo, useState } from 'react';
import {
  groupCameras,
  searchCameras,
  type CatalogueCamera,
  type GroupBy,
} from '../../shared/video/catalogue';
import { useI18n } from '../i18n/I18nContext';

/** The searchable camera list beside the tiles; picking a camera puts it in the chosen tile. */
export function CameraCatalogue({
  cameras,
  isOnline,
  onPick,
}: Readonly<{
  cameras: readonly CatalogueCamera[];
  isOnline: (id: string) => boolean;
  onPick: (id: string) => void;
}>) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [by, setBy] = useState<GroupBy>('district');
  const groups = useMemo(
    () => groupCameras(searchCameras(cameras, query), by, t('other')),
    [cameras, query, by, t],
  );
  return (
    <aside className="camera-catalogue" data-testid="camera-catalogue">
      <input
        type="search"
        value={query}
        placeholder={t('cameraSearch')}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="camera-search"
      />
      <div className="catalogue-group-by">
        {(['district', 'grid', 'tag'] as const).map((key) => (
          <button
            key={key}
            type="button"
            className={key === by ? 'active' : ''}
            onClick={() => setBy(key)}
          >
            {t(key === 'district' ? 'byDistrict' : key === 'grid' ? 'byGrid' : 'byTag')}
          </button>
        ))}
      </div>
      <div className="catalogue-list">
        {groups.map(([name, list]) => (
          <details key={name} open={groups.length <= 8}>
            <summary>
              {name} ({list.length})
            </summary>
            {list.map((camera) => (
              <button
                key={camera.id}
                type="button"
                className={`catalogue-camera${isOnline(camera.id) ? '' : ' offline'}`}
                onClick={() => onPick(camera.id)}
                data-camera={camera.id}
              >
                {camera.name}
              </button>
            ))}
          </details>
        ))}
      </div>
    </aside>
  );
}

import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext';

/**
 * A case's photos (上报照片 or 处置照片), each loaded only when shown and sized for the wall. The
 * page's policy lets images come only from the platform's photo servers (`photoOrigins`): one
 * from anywhere else is never requested, and it, like one that fails to load, is shown as a
 * photo that cannot be shown rather than left out.
 */
export function CasePhotos({
  label,
  urls,
  shown = 3,
}: Readonly<{
  label: string;
  urls: readonly string[] | undefined;
  /** Thumbnails shown; the rest are counted (a row of them must fit the panel). */
  shown?: number;
}>) {
  const { t } = useI18n();
  const [broken, setBroken] = useState<ReadonlySet<string>>(new Set());
  if (!urls || urls.length === 0) return null;
  const more = urls.length - shown;
  return (
    <figure className="case-photos" data-testid="case-photos">
      <figcaption>{label}</figcaption>
      <div>
        {urls.slice(0, shown).map((url, k) =>
          broken.has(url) ? (
            <span
              key={url}
              className="case-photo case-photo-broken"
              data-testid="case-photo-broken"
              title={url}
            >
              {t('photoUnavailable')}
            </span>
          ) : (
            <img
              key={url}
              className="case-photo"
              data-testid="case-photo"
              src={url}
              alt={`${label} ${k + 1}`}
              loading="lazy"
              decoding="async"
              referrerPolicy="no-referrer"
              onError={() => setBroken((b) => new Set([...b, url]))}
            />
          ),
        )}
        {more > 0 ? (
          <span className="case-photo-more" data-testid="case-photo-more">
            +{more}
          </span>
        ) : null}
      </div>
    </figure>
  );
}

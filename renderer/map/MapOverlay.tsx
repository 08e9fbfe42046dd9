import type { ReactNode } from 'react';
import { STATE_LABELS, type CaseState } from '../../shared/domain/lifecycle';
import type { RegionPart } from '../../shared/layout/regionPart';
import { useI18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';
import type { CameraView } from './cityView';
import { CAMERA_COLOR, CASE_LEGEND } from './layers/cityLayers';
import { metersPerPixel, scaleBar } from './scaleBar';

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

/** The heatmap's period in words, by the `heat` parameter's value. */
const HEAT_PERIODS: Readonly<Record<string, StringKey>> = {
  hour: 'heatHour',
  day: 'heatDay',
  week: 'heatWeek',
  all: 'heatAll',
};

/**
 * What a map on the wall must say about itself: the legend, the scale and north. Laid out over
 * the whole region, so each corner's furniture is drawn once, by the window that holds it.
 */
export function MapOverlay({
  camera,
  part,
  heatWindow = 'day',
  children,
}: Readonly<{
  camera: CameraView | undefined;
  part?: RegionPart | undefined;
  /** How far back the heatmap looks (hour, day, week, all): the legend says so. */
  heatWindow?: string;
  /** More to say once for the region (the pack's refused features). */
  children?: ReactNode;
}>) {
  const { t, language } = useI18n();
  const label = (states: readonly string[]) =>
    states
      .map((s) => STATE_LABELS[s as CaseState])
      .map((l) => (language === 'zh-CN' ? l.zh : l.en))
      .join(' · ');
  const bar = camera ? scaleBar(metersPerPixel(camera.latitude, camera.zoom), 240) : undefined;
  return (
    <div
      className="map-overlay"
      style={
        part
          ? {
              width: part.width,
              height: part.height,
              transform: `translate(${-part.x}px, ${-part.y}px)`,
            }
          : { inset: 0 }
      }
    >
      <div className="map-north" data-testid="map-north" aria-label={t('north')}>
        <span style={{ transform: `rotate(${-(camera?.bearing ?? 0)}deg)` }}>▲</span>
        {t('north')}
      </div>
      <div className="map-furniture">
        {bar ? (
          <div className="map-scale" data-testid="map-scale">
            <span className="map-scale-bar" style={{ width: bar.px }} />
            {bar.text}
          </div>
        ) : null}
        <ul className="map-legend" data-testid="map-legend">
          {CASE_LEGEND.map((entry) => (
            <li key={entry.states.join()}>
              <i style={{ background: rgb(entry.color) }} />
              {label(entry.states)}
            </li>
          ))}
          <li>
            <i className="legend-overdue" />
            {t('overdue')}
          </li>
          <li>
            <i className="legend-camera" style={{ background: rgb(CAMERA_COLOR) }} />
            {t('legendCamera')}
          </li>
          <li>
            <i className="legend-heat" />
            {t('legendHeat')} · {t(HEAT_PERIODS[heatWindow] ?? 'heatDay')}
          </li>
          <li>
            <i className="legend-warning" />
            {t('legendWarning')}
          </li>
        </ul>
      </div>
      {children}
    </div>
  );
}

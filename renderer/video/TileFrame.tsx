import type { CSSProperties } from 'react';
import type { Cell } from '../../shared/video/splits';
import { useI18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';
import type { TileStatus } from './videoTile';

const STATE_KEYS: Record<TileStatus['state'], StringKey> = {
  idle: 'videoIdle',
  connecting: 'videoConnecting',
  playing: 'videoPlaying',
  stalled: 'videoStalled',
  offline: 'videoOffline',
  error: 'videoError',
  paused: 'videoPaused',
};

export interface TileFrameProps {
  readonly index: number;
  readonly cell: Cell;
  readonly name: string | undefined;
  readonly status: TileStatus | undefined;
  readonly alarm: string | undefined;
  readonly pinned: boolean;
  readonly enlarged: boolean;
  readonly hidden: boolean;
  readonly attachSlot: (element: HTMLDivElement | null) => void;
  readonly onSelect: () => void;
  readonly onToggleEnlarge: () => void;
  readonly onSnapshot: () => void;
  readonly onAcknowledge: () => void;
}

/** The frame round one tile: the slot the video is moved into, its name, state, delay, alarm. */
export function TileFrame(props: Readonly<TileFrameProps>) {
  const { t } = useI18n();
  const { cell, status, alarm, attachSlot, index, name, pinned, enlarged, hidden } = props;
  const { onSelect, onToggleEnlarge, onSnapshot, onAcknowledge } = props;
  const state = status?.state ?? 'idle';
  const style: CSSProperties = enlarged
    ? { left: 0, top: 0, width: '100%', height: '100%', zIndex: 2 }
    : {
        left: `${cell.x * 100}%`,
        top: `${cell.y * 100}%`,
        width: `${cell.w * 100}%`,
        height: `${cell.h * 100}%`,
        visibility: hidden ? 'hidden' : 'visible',
      };
  return (
    <div
      className={`video-tile state-${state}${alarm ? ' alarmed' : ''}${pinned ? ' pinned' : ''}`}
      style={style}
      data-testid={`tile-${index}`}
      data-state={state}
      onClick={onSelect}
      onDoubleClick={onToggleEnlarge}
    >
      <div className="video-slot" ref={attachSlot} />
      <div className="tile-bar">
        <span className="tile-name">{name ?? '—'}</span>
        <span className={`tile-state state-${state}`} title={status?.reason}>
          {t(STATE_KEYS[state])}
          {state === 'playing' && status?.delayS !== undefined
            ? ` · ${t('delay')} ${status.delayS.toFixed(1)}${t('seconds')}`
            : ''}
        </span>
        {name ? (
          <button
            type="button"
            className="tile-button"
            onClick={(e) => {
              e.stopPropagation();
              onSnapshot();
            }}
            data-testid={`snapshot-${index}`}
          >
            {t('snapshot')}
          </button>
        ) : null}
      </div>
      {alarm ? (
        <div className="tile-alarm">
          <span>
            {t('alarm')} · {alarm}
          </span>
          <button
            type="button"
            onClick={(e) => {
              e.stopPropagation();
              onAcknowledge();
            }}
            data-testid={`ack-${index}`}
          >
            {t('acknowledge')}
          </button>
        </div>
      ) : null}
      {pinned ? <div className="tile-pin">{t('linked')}</div> : null}
    </div>
  );
}

import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Mark, MarkKind } from '../../shared/briefing/annotations';
import { useI18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';

const TOOLS: readonly { kind: MarkKind; icon: string; word: StringKey }[] = [
  { kind: 'arrow', icon: '↗', word: 'markArrow' },
  { kind: 'circle', icon: '◯', word: 'markCircle' },
  { kind: 'freehand', icon: '〰', word: 'markFreehand' },
  { kind: 'text', icon: 'A', word: 'markText' },
];
/** A freehand line takes a point each few pixels the pen moved, up to the mark's limit. */
const FREEHAND_STEP_PX = 4;
const FREEHAND_MAX = 500;

type Unproject = (x: number, y: number) => [number, number] | undefined;

/**
 * The presenter's pen on a map window that may draw (the briefing's operator map, a touch
 * screen): pick a tool, then drag (arrow: tail to head; circle: centre to rim; freehand) or tap
 * and type (text). While a tool is picked the map does not pan under the pen; Esc puts it down.
 * The mark being drawn is shown here at once and sent to every window when the pen lifts.
 */
export function AnnotationTools({
  unproject,
  onDraft,
  onAdd,
  onClear,
}: Readonly<{
  unproject: Unproject;
  onDraft: (mark: Mark | undefined) => void;
  onAdd: (mark: Mark) => void;
  onClear: () => void;
}>) {
  const { t } = useI18n();
  const [tool, setTool] = useState<MarkKind | undefined>();
  const [typing, setTyping] = useState<{ at: [number, number]; x: number; y: number }>();
  const drawing = useRef<{ mark: Mark; lastX: number; lastY: number } | undefined>(undefined);
  const tap = useRef<{ at: [number, number]; x: number; y: number } | undefined>(undefined);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setTool(undefined);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const where = (e: ReactPointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    return { x, y, at: unproject(x, y) };
  };
  const newId = () => `mark-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

  const down = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!tool || e.button !== 0) return;
    const { x, y, at } = where(e);
    if (!at) return;
    // The text box opens when the finger lifts: opened now, the press would take its focus away.
    if (tool === 'text') {
      tap.current = { at, x, y };
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    const mark: Mark = { id: newId(), kind: tool, points: tool === 'freehand' ? [at] : [at, at] };
    drawing.current = { mark, lastX: x, lastY: y };
  };
  const move = (e: ReactPointerEvent<HTMLDivElement>) => {
    const current = drawing.current;
    if (!current) return;
    const { x, y, at } = where(e);
    if (!at) return;
    const { mark } = current;
    if (mark.kind !== 'freehand') {
      current.mark = { ...mark, points: [mark.points[0] as [number, number], at] };
    } else if (
      Math.hypot(x - current.lastX, y - current.lastY) >= FREEHAND_STEP_PX &&
      mark.points.length < FREEHAND_MAX
    ) {
      current.mark = { ...mark, points: [...mark.points, at] };
      current.lastX = x;
      current.lastY = y;
    }
    if (current.mark.points.length >= 2) onDraft(current.mark);
  };
  const up = () => {
    if (tap.current) setTyping(tap.current);
    tap.current = undefined;
    const current = drawing.current;
    drawing.current = undefined;
    onDraft(undefined);
    if (!current) return;
    const [a, b] = current.mark.points;
    // A tap is not a mark: an arrow or circle needs its two ends apart.
    if (!a || !b || (a[0] === b[0] && a[1] === b[1])) return;
    onAdd(current.mark);
  };

  return (
    <>
      {tool ? (
        <div
          className="annotation-pen"
          data-testid="annotation-pen"
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
        />
      ) : null}
      {typing ? (
        <input
          className="annotation-text-input"
          style={{ left: typing.x, top: typing.y }}
          autoFocus
          maxLength={80}
          placeholder={t('markTextPlaceholder')}
          data-testid="annotation-text"
          onKeyDown={(e) => {
            if (e.key === 'Escape') setTyping(undefined);
            if (e.key !== 'Enter') return;
            const text = e.currentTarget.value.trim();
            if (text) onAdd({ id: newId(), kind: 'text', points: [typing.at], text });
            setTyping(undefined);
          }}
          onBlur={() => setTyping(undefined)}
        />
      ) : null}
      <div className="annotation-tools" role="toolbar" aria-label={t('markTools')}>
        {TOOLS.map((tl) => (
          <button
            key={tl.kind}
            type="button"
            className={tool === tl.kind ? 'active' : ''}
            aria-pressed={tool === tl.kind}
            onClick={() => setTool((now) => (now === tl.kind ? undefined : tl.kind))}
            data-testid={`mark-${tl.kind}`}
          >
            <span aria-hidden="true">{tl.icon}</span> {t(tl.word)}
          </button>
        ))}
        <button type="button" onClick={onClear} data-testid="mark-clear">
          {t('markClear')}
        </button>
      </div>
    </>
  );
}

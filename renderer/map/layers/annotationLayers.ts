import { PathLayer, TextLayer } from '@deck.gl/layers';
import { markPaths, type Mark } from '../../../shared/briefing/annotations';

/** The presenter's colour: bright, and in no legend of the map (cases, warnings, cordons). */
const INK: [number, number, number, number] = [0, 255, 200, 255];
const OUTLINE: [number, number, number, number] = [6, 18, 31, 255];

/**
 * A briefing's marks as two layers made again only when the marks change: their lines (arrows,
 * circles, freehand) wide enough to see from the back of the hall, and their texts, over all.
 */
export function annotationLayers(marks: readonly Mark[], version: number) {
  const paths = marks.flatMap((m) => markPaths(m));
  const texts = marks.filter((m) => m.kind === 'text' && m.text);
  const characterSet = [...new Set(texts.map((m) => m.text).join(''))];
  return [
    new PathLayer<number[]>({
      id: 'annotation-lines',
      data: paths,
      getPath: (p) => p,
      positionFormat: 'XY',
      getColor: INK,
      getWidth: 6,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      parameters: { depthCompare: 'always' },
      updateTriggers: { getPath: version },
    }),
    new TextLayer<Mark>({
      id: 'annotation-texts',
      data: texts,
      getText: (m) => m.text ?? '',
      getPosition: (m) => m.points[0] as [number, number],
      getSize: 40,
      sizeUnits: 'pixels',
      characterSet,
      fontFamily: '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif',
      getColor: INK,
      outlineWidth: 4,
      outlineColor: OUTLINE,
      fontSettings: { sdf: true },
      parameters: { depthCompare: 'always' },
    }),
  ];
}

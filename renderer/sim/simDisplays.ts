import type { DisplayInfo } from '../../shared/layout/displays';

/**
 * Simulated displays for the browser preview, from the URL: `3x3@1920x1080,2560x1440*1.25`
 * is a 3×3 wall of 1080p panels and, below it, a 1440p operator screen at 125 % (its size in
 * DIP, as Electron reports it, is the pixel size divided by the scale). Returns undefined for
 * a spec it cannot read.
 */
export function parseSimDisplays(spec: string): DisplayInfo[] | undefined {
  const displays: DisplayInfo[] = [];
  let y = 0;
  let operatorX = 0;
  let sawOperator = false;
  for (const token of spec.split(',').map((t) => t.trim())) {
    const m = /^(?:(\d+)x(\d+)@)?(\d+)x(\d+)(?:\*(\d+(?:\.\d+)?))?$/.exec(token);
    if (!m) return undefined;
    const scale = m[5] ? Number(m[5]) : 1;
    if (!(scale >= 1 && scale <= 4)) return undefined;
    const width = Math.round(Number(m[3]) / scale);
    const height = Math.round(Number(m[4]) / scale);
    if (width < 320 || height < 240 || width > 16_384 || height > 16_384) return undefined;
    if (m[1] && m[2]) {
      const rows = Number(m[1]);
      const cols = Number(m[2]);
      if (rows < 1 || cols < 1 || rows * cols > 64) return undefined;
      for (let r = 0; r < rows; r += 1) {
        for (let c = 0; c < cols; c += 1) {
          displays.push(
            sim(
              `wall-${r + 1}-${c + 1}`,
              `Wall ${r + 1}-${c + 1}`,
              c * width,
              y + r * height,
              width,
              height,
              scale,
              false,
            ),
          );
        }
      }
      y += rows * height;
    } else {
      displays.push(
        sim(
          `screen-${displays.length + 1}`,
          `Screen ${displays.length + 1}`,
          operatorX,
          y,
          width,
          height,
          scale,
          !sawOperator,
        ),
      );
      sawOperator = true;
      operatorX += width;
    }
  }
  return displays.length > 0 && displays.length <= 64 ? displays : undefined;
}

function sim(
  id: string,
  label: string,
  x: number,
  y: number,
  width: number,
  height: number,
  scaleFactor: number,
  primary: boolean,
): DisplayInfo {
  const bounds = { x, y, width, height };
  return { id, label, bounds, workArea: bounds, scaleFactor, rotation: 0, primary };
}

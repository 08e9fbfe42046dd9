/** Metres per CSS pixel at the centre of a Web Mercator view. */
export function metersPerPixel(latitude: number, zoom: number): number {
  return (40_075_016.686 * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/**
 * A scale bar no longer than `maxPx`: the largest round length (1, 2 or 5 × 10ⁿ metres) that
 * fits, its length on screen, and its text (m below a kilometre, km above).
 */
export function scaleBar(
  metersPerPx: number,
  maxPx: number,
): { meters: number; px: number; text: string } {
  const most = metersPerPx * maxPx;
  const power = 10 ** Math.floor(Math.log10(most));
  const step = [5, 2, 1].find((m) => m * power <= most) ?? 1;
  const meters = step * power;
  return {
    meters,
    px: meters / metersPerPx,
    text: meters >= 1000 ? `${meters / 1000} km` : `${meters} m`,
  };
}

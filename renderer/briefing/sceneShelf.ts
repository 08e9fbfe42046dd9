import { DEMO_SCENES } from '../../shared/briefing/demoScenes';
import { checkSceneBook, type SceneBook } from '../../shared/briefing/scene';
import type { SceneList, WallBridge } from '../../shared/ipc/contract';

/**
 * Where the scene book is kept: by main as a guarded file in Electron, in localStorage in the
 * browser preview. What the preview reads back is validated; a damaged entry is reported and
 * left where it is (the next save replaces it), and the demo scenes stand in.
 */
const KEY = 'citywall.scenes';

export async function loadScenes(bridge: WallBridge): Promise<SceneList> {
  if (bridge.scenes) return bridge.scenes();
  const raw = globalThis.localStorage?.getItem(KEY);
  const demo: SceneBook = { version: 1, scenes: [...DEMO_SCENES] };
  if (!raw) return { book: demo, warnings: [] };
  try {
    const checked = checkSceneBook(JSON.parse(raw));
    if (checked.ok) return { book: checked.book, warnings: [] };
    return { book: demo, warnings: [`scenes: the stored scenes are damaged (${checked.error})`] };
  } catch (error) {
    return { book: demo, warnings: [`scenes: the stored scenes are damaged (${String(error)})`] };
  }
}

export async function saveScenes(bridge: WallBridge, book: SceneBook): Promise<SceneList> {
  if (bridge.saveScenes) return bridge.saveScenes(book);
  const checked = checkSceneBook(book);
  if (!checked.ok) throw new Error(`scenes not saved: ${checked.error}`);
  globalThis.localStorage?.setItem(KEY, JSON.stringify(checked.book));
  return { book: checked.book, warnings: [] };
}

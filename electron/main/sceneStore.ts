import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEMO_SCENES } from '../../shared/briefing/demoScenes';
import { checkSceneBook, type SceneBook } from '../../shared/briefing/scene';
import { GuardedFile, type Checked } from './guardedFile';

export interface LoadedScenes {
  readonly book: SceneBook;
  /** Said on the wall: the file set aside, a backup used. */
  readonly warnings: readonly string[];
}

const checked = (raw: unknown): Checked<SceneBook> => {
  const result = checkSceneBook(raw);
  return result.ok ? { ok: true, value: result.book } : result;
};

/**
 * The briefing's scenes, in tour order, in `<userData>/scenes.json`: a guarded file like the
 * profiles. Until the user saves one, the shipped demo scenes are the book.
 */
export class SceneStore {
  private readonly guarded: GuardedFile<SceneBook>;

  constructor(file: string, now?: () => Date) {
    this.guarded = new GuardedFile(file, checked, now);
  }

  async load(): Promise<LoadedScenes> {
    await mkdir(dirname(this.guarded.file), { recursive: true });
    const read = await this.guarded.read();
    return {
      book: read.value ?? { version: 1, scenes: [...DEMO_SCENES] },
      warnings: read.warning ? [`scenes: ${read.warning}`] : [],
    };
  }

  async save(book: unknown): Promise<SceneBook> {
    await mkdir(dirname(this.guarded.file), { recursive: true });
    return this.guarded.write(book);
  }
}

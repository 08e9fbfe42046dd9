import { App } from './App';
import { entryFor } from './entries';
import { mountPage } from './mountPage';
import { createPreviewBridge } from './previewBridge';
import { EditorPage } from '../editor/EditorPage';

// The wall's entry: one window of the wall, or the layout editor. The simulated hall and the
// instruments have entries of their own, so none of their code ships in the wall's bundle.
const params = new URLSearchParams(window.location.search);
const elsewhere = entryFor(params, Boolean(window.wall));
if (elsewhere) window.location.replace(`${elsewhere}${window.location.search}`);
else
  mountPage(
    params.has('editor') ? (
      <EditorPage params={params} bridge={window.wall} />
    ) : (
      // One bridge per page, chosen once: Electron's preload when present, else the in-page gateway.
      <App bridge={window.wall ?? createPreviewBridge(params)} params={params} />
    ),
  );

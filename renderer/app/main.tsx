import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createPreviewBridge } from './previewBridge';
import { WallSimulator } from '../sim/WallSimulator';
import { EditorPage } from '../editor/EditorPage';
import { MapBench } from '../map/MapBench';
import { VideoLab } from '../video/VideoLab';
import './styles.css';

// One bridge per page, chosen once: Electron's preload when present, else the in-page gateway.
// `?sim=` in a browser shows a whole simulated hall instead of one window.
const params = new URLSearchParams(window.location.search);
const root = document.getElementById('root');
if (root) {
  const page =
    params.get('bench') === 'map' ? (
      <MapBench params={params} />
    ) : params.has('videolab') ? (
      <VideoLab params={params} />
    ) : params.has('editor') ? (
      <EditorPage params={params} bridge={window.wall} />
    ) : params.has('sim') && !window.wall ? (
      <WallSimulator params={params} />
    ) : (
      <App bridge={window.wall ?? createPreviewBridge(params)} params={params} />
    );
  createRoot(root).render(<StrictMode>{page}</StrictMode>);
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createPreviewBridge } from './previewBridge';
import './styles.css';

// One bridge per page, chosen once: Electron's preload when present, else the in-page gateway.
const params = new URLSearchParams(window.location.search);
const bridge = window.wall ?? createPreviewBridge(params);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App bridge={bridge} params={params} />
    </StrictMode>,
  );
}

import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { choosePlatform } from './platform/choosePlatform.js';

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('The page has no #root element.');
  const { platform, Overlay } = await choosePlatform();
  const serverUrl = await platform.serverUrl();
  createRoot(root).render(<App platform={platform} serverUrl={serverUrl} Overlay={Overlay} />);
}

start().catch((error: unknown) => {
  console.error('[wava] could not start', error);
  const root = document.getElementById('root');
  if (root) root.textContent = 'Wava could not start. Please reload the page.';
});

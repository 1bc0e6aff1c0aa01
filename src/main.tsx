import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './views/app/App';
import { createExplorerStore } from './store/create-store';
import { ExplorerStoreProvider } from './store/store-context';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ExplorerStoreProvider store={createExplorerStore()}>
      <App />
    </ExplorerStoreProvider>
  </StrictMode>,
);

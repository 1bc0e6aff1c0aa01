import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './views/app/App';
import { readLink } from './share/read-link';
import { initialStateFromLink, syncStoreToAddress, watchLinkBuild } from './share/url-sync';
import { createExplorerStore } from './store/create-store';
import { ExplorerStoreProvider } from './store/store-context';
import { sceneLinkState, sceneSpotlight } from './tour/go-to-scene';
import { AnimationClockProvider } from './views/clock/clock-context';
import { pageClock } from './views/clock/page-clock';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The page's own explorer opens what its link describes (checked: see share/read-link.ts) and
// keeps the address in step, so the address is always a link to the moment on screen.
const link = readLink(window.location.search, sceneLinkState);
const store = createExplorerStore(initialStateFromLink(link, sceneSpotlight));
watchLinkBuild(store, link.state.position);
syncStoreToAddress(store);

createRoot(root).render(
  <StrictMode>
    <AnimationClockProvider clock={pageClock(window)}>
      <ExplorerStoreProvider store={store}>
        <App />
      </ExplorerStoreProvider>
    </AnimationClockProvider>
  </StrictMode>,
);

import { commandById } from '../../commands/registry';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer, useExplorerStore } from '../../store/store-context';
import { goToScene, leaveTour } from '../../tour/go-to-scene';
import { sceneById, sceneIndex, TOUR } from '../../tour/scenes';
import { SceneCharts } from './SceneCharts';

const selectSceneId = (s: ExplorerState) => s.sceneId;

/** The guided tour: the scene's narration, what to try, next/previous, and the list of scenes. */
export function TourPanel() {
  const store = useExplorerStore();
  const sceneId = useExplorer(selectSceneId);
  const scene = sceneId ? sceneById(sceneId) : undefined;
  const index = sceneIndex(sceneId);

  if (!scene) {
    return (
      <section className="tour tour-start" aria-label="Guided tour">
        <button type="button" className="primary" onClick={() => commandById('scene.next').run(store)} aria-keyshortcuts="n">
          Take the guided tour ({TOUR.length} scenes) <kbd>n</kbd>
        </button>
      </section>
    );
  }
  return (
    <section className="tour" aria-label="Guided tour" data-scene={scene.id}>
      <p className="tour-progress muted">{`Tour · scene ${index + 1} of ${TOUR.length}`}</p>
      <h2 className="tour-title">{scene.title}</h2>
      <div aria-live="polite">
        <p className="narration">{scene.narration}</p>
        <p className="try-this"><strong>Try it:</strong> {scene.tryThis}</p>
      </div>
      <SceneCharts charts={scene.charts} />
      <div className="tour-nav">
        <button type="button" disabled={index <= 0} onClick={() => commandById('scene.previous').run(store)} aria-keyshortcuts="p">
          ← Previous <kbd>p</kbd>
        </button>
        <button type="button" className="primary" disabled={index >= TOUR.length - 1} onClick={() => commandById('scene.next').run(store)} aria-keyshortcuts="n">
          Next scene <kbd>n</kbd> →
        </button>
      </div>
      <details className="scene-list">
        <summary>All scenes</summary>
        <ol>
          {TOUR.map((s, i) => (
            <li key={s.id}>
              <button type="button" aria-current={s.id === scene.id ? 'step' : undefined} onClick={() => goToScene(store, s.id)}>
                {`${i + 1}. ${s.title}`}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="leave" onClick={() => leaveTour(store)}>Leave the tour</button>
      </details>
    </section>
  );
}

import { describe, expect, it } from 'vitest';
import { writeLink } from '../share/link-state';
import { readLink } from '../share/read-link';
import { createExplorerStore } from '../store/create-store';
import { ExplorerSession } from '../worker/explorer-session';
import { goToScene, leaveTour, sceneLinkState, stepScene } from './go-to-scene';
import { sceneById, TOUR } from './scenes';

const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z“‘(])/).filter((s) => s.trim() !== '');

describe('the tour', () => {
  it('tells the talk’s story in order, with stable, unique ids', () => {
    expect(TOUR.map((s) => s.id)).toEqual([
      'one-core', 'shared-state', 'sharding', 'nat-pool', 'replicate', 'piggyback', 'port-knocking', 'sequencer', 'scaling', 'limits', 'loss',
    ]);
    for (const scene of TOUR) {
      expect(scene.id).toMatch(/^[a-z0-9-]+$/);
      expect(sceneById(scene.id)).toBe(scene);
    }
  });

  for (const scene of TOUR) {
    it(`${scene.id}: two to four sentences, a scenario the engine builds, and the playhead the narration names`, () => {
      const count = sentences(scene.narration).length;
      expect(count, scene.narration).toBeGreaterThanOrEqual(2);
      expect(count, scene.narration).toBeLessThanOrEqual(4);
      expect(scene.title.length).toBeGreaterThan(5);
      expect(scene.spotlight.length).toBeGreaterThan(0);

      const session = new ExplorerSession();
      const run = session.configure(scene.scenario);
      expect(run.agreement.agree).toBe(true);
      expect(scene.start).toBeLessThanOrEqual(run.eventCount);
      const frame = session.frame(scene.start, { watchKey: scene.watchKey ?? null });
      if (scene.startsAt === '') expect(scene.start).toBe(0);
      else expect(frame.log.at(-1)?.sentence).toContain(scene.startsAt);
      if (scene.watchKey) {
        // The watched key is a real state key: its row is on every core's table.
        for (const core of frame.cores) expect(core.rows.some((r) => r.key === scene.watchKey)).toBe(true);
      }
      if (scene.selection?.kind === 'packet') expect(frame.packet?.seq).toBe(scene.selection.seq);
    });
  }

  it('loss: at the start core 3 alone has missed Alice’s third knock; a few steps later it has caught up', () => {
    const scene = sceneById('loss')!;
    const session = new ExplorerSession();
    session.configure(scene.scenario);
    const alice = (position: number) => session.frame(position, { watchKey: scene.watchKey! }).cores.map((c) => c.rows.find((r) => r.key === scene.watchKey)?.value);
    expect(alice(scene.start)).toEqual(['OPEN', 'OPEN', 'OPEN', 'CLOSED_2']);
    expect(session.frame(scene.start + 1).log.at(-1)?.sentence).toMatch(/Core 3 expected record #4, .*records #4 … #7/);
    expect(session.frame(scene.start + 5).log.at(-1)?.sentence).toContain("Core 3 reads record #7 from core 0's log");
    expect(alice(scene.start + 5)).toEqual(['OPEN', 'OPEN', 'OPEN', 'OPEN']);
  });

  it('a scene link opens the scene as it is declared, without notices', () => {
    for (const scene of TOUR) {
      const state = sceneLinkState(scene.id)!;
      const read = readLink(writeLink(state), sceneLinkState);
      expect(read.notices).toEqual([]);
      expect(read.state).toEqual(state);
    }
    expect(sceneLinkState('nope')).toBeNull();
  });

  it('goes from scene to scene through the store, and leaves the tour', () => {
    const store = createExplorerStore();
    stepScene(store, -1); // not in the tour: "previous" does nothing
    expect(store.getState().sceneId).toBeNull();
    stepScene(store, 1);
    expect(store.getState()).toMatchObject({ sceneId: 'one-core', scenario: TOUR[0]!.scenario, technique: 'single', spotlight: TOUR[0]!.spotlight });
    goToScene(store, 'piggyback');
    const piggyback = sceneById('piggyback')!;
    expect(store.getState()).toMatchObject({ position: piggyback.start, watchKey: piggyback.watchKey, playing: false });
    for (let i = 0; i < TOUR.length + 2; i++) stepScene(store, 1);
    expect(store.getState().sceneId).toBe('loss');
    leaveTour(store);
    expect(store.getState()).toMatchObject({ sceneId: null, spotlight: [] });
  });
});

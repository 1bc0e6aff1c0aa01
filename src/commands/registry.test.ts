import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../worker/protocol';
import { createExplorerStore } from '../store/create-store';
import { DEFAULT_SCENARIO } from '../store/scenario-slice';
import { COMMANDS, commandById, commandForKey, keyName } from './registry';

describe('command registry', () => {
  it('gives every command a unique id and unique keys', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = COMMANDS.flatMap((c) => c.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names shifted arrows but not shifted characters', () => {
    expect(keyName({ key: 'ArrowRight', shiftKey: true })).toBe('Shift+ArrowRight');
    expect(keyName({ key: '?', shiftKey: true })).toBe('?');
    expect(keyName({ key: ' ', shiftKey: false })).toBe(' ');
  });

  it('steps, plays and resets through the store', () => {
    const store = createExplorerStore();
    expect(commandById('step.forward').enabled!(store)).toBe(false); // no run yet
    store.getState().setRun({ eventCount: 20, scenario: DEFAULT_SCENARIO } as unknown as RunInfo, 0);
    commandForKey('ArrowRight')!.run(store);
    commandForKey('ArrowRight')!.run(store);
    commandForKey('ArrowLeft')!.run(store);
    expect(store.getState().position).toBe(1);
    commandForKey(' ')!.run(store);
    expect(store.getState().playing).toBe(true);
    commandForKey('Home')!.run(store);
    expect(store.getState()).toMatchObject({ position: 0, playing: false });
  });

  it('opens and closes the help', () => {
    const store = createExplorerStore();
    commandForKey('?')!.run(store);
    expect(store.getState().helpOpen).toBe(true);
    expect(commandById('help.close').enabled!(store)).toBe(true);
    commandForKey('Escape')!.run(store);
    expect(store.getState().helpOpen).toBe(false);
    expect(commandForKey('q')).toBeUndefined();
  });

  it('maps the clicker keys: PageDown/PageUp step, "." and "b" blank and pause, n/p move through the tour', () => {
    const store = createExplorerStore();
    store.getState().setRun({ eventCount: 20, scenario: DEFAULT_SCENARIO } as unknown as RunInfo, 0);
    commandForKey('PageDown')!.run(store);
    commandForKey('PageDown')!.run(store);
    commandForKey('PageUp')!.run(store);
    expect(store.getState().position).toBe(1);
    store.getState().play();
    commandForKey('b')!.run(store);
    expect(store.getState()).toMatchObject({ blanked: true, playing: false });
    expect(commandForKey('Escape')!.enabled!(store)).toBe(true); // Escape also shows the stage again
    commandForKey('.')!.run(store);
    expect(store.getState().blanked).toBe(false);
    expect(commandById('scene.previous').enabled!(store)).toBe(false);
    commandForKey('n')!.run(store);
    expect(store.getState().sceneId).toBe('one-core');
    commandForKey('n')!.run(store);
    commandForKey('p')!.run(store);
    expect(store.getState().sceneId).toBe('one-core');
  });
});

import { describe, expect, it } from 'vitest';
import { createExplorerStore } from '../store/create-store';
import { COMMANDS, commandById, commandForKey } from './registry';

describe('command registry', () => {
  it('gives every command a unique id and unique keys', () => {
    const ids = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = COMMANDS.flatMap((c) => c.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('maps keys to commands that act on the store', () => {
    const store = createExplorerStore();
    commandForKey('?')!.run(store);
    expect(store.getState().helpOpen).toBe(true);
    expect(commandById('help.close').enabled!(store)).toBe(true);
    commandForKey('Escape')!.run(store);
    expect(store.getState().helpOpen).toBe(false);
    expect(commandForKey('q')).toBeUndefined();
  });
});

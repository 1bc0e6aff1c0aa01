import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExplorerStore } from '../store/create-store';
import { DEFAULT_SCENARIO } from '../store/scenario-slice';
import type { RunInfo } from '../worker/protocol';
import { readLink } from './read-link';
import { initialStateFromLink, syncStoreToAddress, URL_WRITE_INTERVAL_MS, watchLinkBuild, type AddressBar } from './url-sync';

function fakeBar(search = '') {
  const writes: string[] = [];
  let current = { pathname: '/scr/', search, hash: '' };
  const bar: AddressBar = {
    current: () => current,
    replace: (url) => {
      writes.push(url);
      const u = new URL(url, 'http://x');
      current = { pathname: u.pathname, search: u.search, hash: u.hash };
    },
  };
  return { bar, writes };
}

const run = (eventCount: number) => ({ eventCount, scenario: DEFAULT_SCENARIO }) as unknown as RunInfo;

describe('the address follows the store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the link at once, then at most every interval while the playhead moves, replacing (not pushing)', () => {
    const store = createExplorerStore();
    store.getState().setRun(run(1000), 0);
    const { bar, writes } = fakeBar();
    const stop = syncStoreToAddress(store, bar, () => Date.now());
    vi.advanceTimersByTime(0);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\/scr\/\?program=portknock&cores=4&.*&at=0$/);
    for (let p = 1; p <= 20; p++) {
      store.getState().seek(p);
      vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS / 10);
    }
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS);
    expect(writes.length).toBeLessThanOrEqual(4);
    expect(writes.at(-1)).toMatch(/&at=20$/);
    // A change that leaves the link as it is writes nothing.
    const before = writes.length;
    store.getState().select({ kind: 'core', core: 1 });
    vi.advanceTimersByTime(URL_WRITE_INTERVAL_MS * 2);
    expect(writes).toHaveLength(before);
    stop();
  });

  it('leaves the address alone for a capture file, which cannot travel in a link', () => {
    const store = createExplorerStore({ scenario: { ...DEFAULT_SCENARIO, trace: { kind: 'capture', name: 'lab.pcap' } } });
    const { bar, writes } = fakeBar('?cores=2');
    syncStoreToAddress(store, bar, () => Date.now());
    vi.advanceTimersByTime(1000);
    expect(writes).toEqual([]);
  });

  it('opens a link in the store: run, playhead, options and notices', () => {
    const link = readLink('cores=8&at=30&speed=4x&paused=1&present=1&cores=oops&bogus=1');
    const store = createExplorerStore(initialStateFromLink(link));
    expect(store.getState()).toMatchObject({ position: 30, speedIndex: 4, startPaused: true, presenter: true });
    expect(store.getState().scenario.cores).toBe(8);
    expect(store.getState().linkNotices).toEqual(['Unknown setting "bogus" ignored.']);
  });
});

describe('when the worker cannot build the run a link describes', () => {
  const building = (store: ReturnType<typeof createExplorerStore>, error: string | null, eventCount?: number) => {
    store.getState().setBuilding(true);
    if (eventCount !== undefined) store.getState().setRun(run(eventCount), store.getState().position);
    store.getState().setScenarioError(error);
    store.getState().setBuilding(false);
  };

  it('drops the typed edits first, then falls back to the default run, saying why each time', () => {
    const edits = [{ kind: 'insert-packet' as const, seq: 9e8, packet: { srcIp: '10.0.0.1', dstPort: 1, proto: 'TCP' as const } }];
    const store = createExplorerStore({ scenario: { ...DEFAULT_SCENARIO, cores: 3, edits } });
    watchLinkBuild(store, 0);
    building(store, 'Edit 1 of 1 no longer fits this run');
    expect(store.getState().scenario).toEqual({ ...DEFAULT_SCENARIO, cores: 3 });
    expect(store.getState().linkNotices[0]).toMatch(/typed packets and changes could not be replayed \(Edit 1 of 1/);
    building(store, 'something else');
    expect(store.getState().scenario).toBe(DEFAULT_SCENARIO);
    expect(store.getState().linkNotices[1]).toMatch(/could not be built \(something else\); the default run is shown/);
  });

  it('says when the playhead was past the end, then stops watching', () => {
    const store = createExplorerStore({ position: 5000 });
    watchLinkBuild(store, 5000);
    building(store, null, 120);
    expect(store.getState().position).toBe(120);
    expect(store.getState().linkNotices).toEqual([expect.stringMatching(/event 5,000\) is past the end of this run, so its last event \(120\) is shown/)]);
    building(store, 'later error');
    expect(store.getState().linkNotices).toHaveLength(1);
  });
});

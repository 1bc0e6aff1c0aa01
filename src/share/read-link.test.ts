import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../store/scenario-slice';
import { checkGenerator, checkRun } from '../worker/scenario-check';
import { DEFAULT_LINK_STATE, LINK_KEYS, writeLink, type LinkState } from './link-state';
import { readLink } from './read-link';

const scenarioOf = (over: Partial<LinkState['scenario']>): LinkState['scenario'] => ({ ...DEFAULT_SCENARIO, ...over });

describe('links: write then read gives the same state', () => {
  it('round-trips a port-knocking moment with everything set', () => {
    const state: LinkState = {
      ...DEFAULT_LINK_STATE,
      scenario: scenarioOf({
        config: { knock: [7, 8, 9, 10] },
        trace: { kind: 'generator', id: 'portknock', params: { packets: 500, seed: 42, knock: [7, 8, 9, 10] } },
        cores: 6,
        historySize: 9,
        edits: [{ kind: 'insert-packet', seq: 3, packet: { srcIp: '10.9.9.9', dstPort: 7, proto: 'TCP' } }, { kind: 'drop', seq: 7, where: 'link' }],
        loss: { rate: 0.02, where: 'link', seed: 3, recovery: 'copy', logSize: 64 },
      }),
      sceneId: null,
      position: 123,
      speedIndex: 5,
      technique: 'rss',
      watchKey: '10.1.0.7',
      startPaused: true,
      loop: { from: 10, to: 90 },
      looping: true,
      presenter: true,
      embed: true,
      theme: 'dark',
    };
    const read = readLink(writeLink(state));
    expect(read.notices).toEqual([]);
    expect(read.state).toEqual(state);
    expect(read.setsRun).toBe(true);
  });

  it('round-trips another program with its settings and a trace with its own knock', () => {
    const state: LinkState = {
      ...DEFAULT_LINK_STATE,
      scenario: scenarioOf({
        programId: 'nat',
        config: { firstPort: 40000, lastPort: 40007, timeoutNs: 30_000_000_000 },
        trace: { kind: 'generator', id: 'zipf', params: { packets: 3000, flows: 50, skew: 1.4, seed: 9 } },
        cores: 3,
      }),
    };
    const read = readLink(`?${writeLink(state)}`);
    expect(read.notices).toEqual([]);
    expect(read.state).toEqual(state);
  });

  it('an empty link is the default state and sets no run', () => {
    expect(readLink('')).toEqual({ state: DEFAULT_LINK_STATE, notices: [], setsRun: false });
  });

  it('a scene is the base; the link overrides it', () => {
    const scene: LinkState = { ...DEFAULT_LINK_STATE, scenario: scenarioOf({ cores: 8 }), position: 40, speedIndex: 4 };
    const read = readLink('scene=piggy&at=12', (id) => (id === 'piggy' ? scene : null));
    expect(read.state).toMatchObject({ sceneId: 'piggy', position: 12, speedIndex: 4 });
    expect(read.state.scenario.cores).toBe(8);
    expect(read.setsRun).toBe(false);
  });
});

describe('links: hostile or broken values fall back, with a notice', () => {
  it('clamps negative and huge numbers and says so', () => {
    const read = readLink('cores=-3&packets=1e12&seed=12.5&at=-4');
    expect(read.state.scenario.cores).toBe(1);
    expect(read.state.scenario.trace).toMatchObject({ params: { packets: 5_000_000, seed: 13 } });
    expect(read.state.position).toBe(0);
    expect(read.notices.join(' ')).toMatch(/cores "-3" must be a whole number from 1 to 64; 1 is used/);
    expect(read.notices.join(' ')).toMatch(/packets "1e12" is out of range; 5,000,000 is used/);
    expect(read.notices.join(' ')).toMatch(/at "-4" is not an event number/);
  });

  it('rejects NaN, Infinity and words where numbers belong', () => {
    const read = readLink('cores=NaN&packets=Infinity&history=lots&speed=warp&skew=abc');
    expect(read.state.scenario.cores).toBe(DEFAULT_SCENARIO.cores);
    expect(read.state.scenario.historySize).toBeUndefined();
    expect(read.state.speedIndex).toBe(DEFAULT_LINK_STATE.speedIndex);
    expect(read.notices).toHaveLength(5);
    expect(read.notices.some((n) => n.includes('skew is not used by the portknock trace'))).toBe(true);
  });

  it('keeps script in a parameter as text, shortened, and shows the default program', () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const read = readLink(`program=${encodeURIComponent(hostile)}&trace=${encodeURIComponent('"><svg onload=alert(3)>')}`);
    expect(read.state.scenario.programId).toBe('portknock');
    expect(read.state.scenario.trace).toMatchObject({ id: 'portknock' });
    expect(read.notices[0]).toContain('There is no program "<script>alert(1)</script><img src=x o');
    expect(read.notices[1]).toContain('There is no trace');
  });

  it('lists unknown keys, unknown scenes and a bad knock sequence, keeping the rest', () => {
    const read = readLink('fbclid=abc&scene=nope&knock=1,2,99999&cores=8&cfg.wat=1', () => null);
    expect(read.state.scenario.cores).toBe(8);
    expect(read.state.scenario.config).toEqual({ knock: [100, 101, 102] });
    expect(read.state.sceneId).toBeNull();
    const text = read.notices.join('\n');
    expect(text).toContain('Unknown setting "fbclid" ignored');
    expect(text).toContain('There is no tour scene "nope"');
    expect(text).toMatch(/knock "1,2,99999": .*65535/);
    expect(text).toContain('Port-knocking firewall has no setting "wat" (its settings: knock)');
  });

  it('refuses a history too short for the cores, malformed edits, loops and flags', () => {
    const read = readLink('cores=8&history=2&edits=%5B%7B%22kind%22%3A%22nuke%22%7D%5D&loop=90-10&looping=1&embed=maybe&theme=neon');
    expect(read.state.scenario.historySize).toBeUndefined();
    expect(read.state.scenario.edits).toBeUndefined();
    expect(read.state.loop).toBeNull();
    expect(read.state.looping).toBe(false);
    expect(read.state.embed).toBe(false);
    expect(read.notices).toHaveLength(5);
  });

  it('checks the loss settings one by one with the engine’s own rule', () => {
    const read = readLink('loss=5&lossAt=everywhere&recovery=copy&logSize=0');
    expect(read.state.scenario.loss).toEqual({ recovery: 'copy' });
    expect(read.notices).toHaveLength(3);
    expect(read.notices[0]).toMatch(/loss "5": .*fraction from 0 to 1/);
    expect(readLink('loss=0.01').state.scenario.loss).toEqual({ rate: 0.01 });
  });

  it('ignores a whole link that is absurdly long', () => {
    const read = readLink(`cores=8&x=${'a'.repeat(20_000)}`);
    expect(read.state).toEqual(DEFAULT_LINK_STATE);
    expect(read.notices[0]).toMatch(/too long/);
  });

  it('whatever the query, never throws and always yields a run the worker accepts', () => {
    const keys = fc.constantFrom(...LINK_KEYS, 'packets', 'flows', 'skew', 'seed', 'elephantShare', 'cfg.threshold', 'cfg.firstPort', 'zzz');
    const values = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.double().map(String),
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
      fc.constantFrom('portknock', 'nat', 'ddos', 'zipf', 'elephant', '1', '0', '100,101', 'NaN', '-0', '1e308', '<b>x</b>'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, values), { maxLength: 12 }), (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const { state } = readLink(query);
        const { trace, ...rest } = state.scenario;
        expect(() => checkRun(rest)).not.toThrow();
        expect(trace.kind).toBe('generator');
        if (trace.kind === 'generator') expect(() => checkGenerator(trace.id, trace.params)).not.toThrow();
        expect(Number.isInteger(state.position) && state.position >= 0).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('links carry the technique stage and compare mode', () => {
  it('round-trips the stage and its comparison; a bad name is a notice', () => {
    const state: LinkState = { ...DEFAULT_LINK_STATE, stageTechnique: 'rss', compareTechnique: 'scr' };
    expect(readLink(`?${writeLink(state)}`).state).toMatchObject({ stageTechnique: 'rss', compareTechnique: 'scr' });
    const bad = readLink('?stage=magic&compare=scr');
    expect(bad.state).toMatchObject({ stageTechnique: null, compareTechnique: null });
    expect(bad.notices.join(' ')).toMatch(/stage "?magic"? is not one of/);
  });
});

import { describe, expect, it } from 'vitest';
import { ExplorerSession } from './explorer-session';
import type { Scenario } from './protocol';

const KNOCK = [100, 101, 102];
const ALICE = '10.1.0.7';

function story(extra: Partial<Scenario> = {}): Scenario {
  return {
    programId: 'portknock',
    config: { knock: KNOCK },
    trace: { kind: 'generator', id: 'portknock', params: { packets: 40, seed: 1, knock: KNOCK } },
    cores: 4,
    ...extra,
  };
}

describe('ExplorerSession: packet loss', () => {
  it('drops the packet in flight on its link; the core recovers it and every replica agrees', () => {
    const session = new ExplorerSession();
    session.configure(story());
    // Packet #3 (Alice's second knock, for core 3) is on its way to its core after arrive + dispatch.
    const inFlight = session.positionOfPacket(3) + 2;
    expect(session.frame(inFlight).event).toMatchObject({ kind: 'dispatch', seq: 3 });
    const { run, position } = session.edit({ kind: 'drop', where: 'link' }, inFlight);
    expect(session.frame(position).event).toMatchObject({ kind: 'lost-link', seq: 3, core: 3 });
    expect(run.scenario.edits).toEqual([{ kind: 'drop', seq: 3, where: 'link' }]);
    expect(run.agreement).toMatchObject({ agree: true, unexplained: 0, divergences: [] });
    expect(run.loss).toMatchObject({ lost: { link: 1, before: 0, after: 0 }, gapsRecovered: 1, unrecoverable: 0 });
    // Later, core 3 reads the missing records from its peers' logs; its log shows them.
    const sentences: string[] = [];
    let frame = session.frame(position);
    while (frame.position < frame.eventCount && !sentences.some((s) => s.startsWith('Core 3 has caught up'))) {
      frame = session.frame(frame.position + 1);
      sentences.push(frame.log.at(-1)!.sentence);
    }
    expect(sentences.some((s) => /^Core 3 reads record #3 from core \d's log/.test(s))).toBe(true);
    expect(frame.cores[3]!.log).toContain(3);
    expect(frame.cores[3]!.recovered).toBe(true);
    // Alice still opens everywhere.
    const end = session.frame(run.eventCount, { watchKey: String(0x0a010007) });
    for (const core of end.cores) expect(core.rows.find((r) => r.keyText === ALICE)?.value).toBe('OPEN');
  });

  it('a restarted worker rebuilds the same run from the recorded drops', () => {
    const first = new ExplorerSession();
    first.configure(story({ loss: { rate: 0.05, where: 'link', seed: 4, recovery: 'copy', logSize: 64 } }));
    const { run } = first.edit({ kind: 'drop', seq: 10, where: 'link' }, 0);
    const again = new ExplorerSession().configure(run.scenario);
    expect(again.loss).toEqual(run.loss);
    expect(again.eventCount).toBe(run.eventCount);
    expect(again.loss?.settings).toEqual({ rate: 0.05, where: 'link', seed: 4, recovery: 'copy', logSize: 64 });
  });

  it('congestion turns into a reported divergence with its position and a sentence', () => {
    const session = new ExplorerSession();
    session.configure(story());
    session.edit({ kind: 'drop', seq: 3, where: 'link' }, 0);
    const { run } = session.edit({ kind: 'drop', seq: 7, where: 'link' }, 0);
    expect(run.agreement.unexplained).toBe(0);
    expect(run.agreement.divergences).toHaveLength(1);
    expect(run.agreement.divergences[0]!.sentence).toMatch(/^core 3 gave up on #0 … #7 at packet #11: two losses in a row on its link, a gap of N\+1 = 5 or more \(congestion\)/);
    expect(session.frame(run.agreement.divergences[0]!.position).event).toMatchObject({ kind: 'gap', core: 3, congestion: true });
  });

  it('says what is wrong with a drop or with loss settings', () => {
    const session = new ExplorerSession();
    session.configure(story());
    session.edit({ kind: 'drop', seq: 5, where: 'link' }, 0);
    expect(() => session.edit({ kind: 'drop', seq: 5, where: 'link' }, 0)).toThrow('Packet #5 is already lost.');
    expect(() => session.edit({ kind: 'drop', seq: 99, where: 'link' }, 0)).toThrow('There is no packet #99 to drop');
    expect(() => session.edit({ kind: 'drop', where: 'moon' } as never, 0)).toThrow(/dropped before the sequencer, on its link or after processing/);
    expect(() => new ExplorerSession().configure(story({ loss: { rate: 2 } }))).toThrow(/^Packet loss: the loss rate must be a fraction from 0 to 1/);
    expect(() => new ExplorerSession().configure(story({ loss: { logSize: 0 } }))).toThrow(/log size/);
  });

  it('a loss before the sequencer shows the lost packet, without a sequence number', () => {
    const session = new ExplorerSession();
    session.configure(story());
    const arrived = session.positionOfPacket(4) + 1;
    const { run, position } = session.edit({ kind: 'drop', where: 'before' }, arrived);
    expect(run.packets).toBe(39);
    const frame = session.frame(position);
    expect(frame.event).toMatchObject({ kind: 'lost-before', seq: 4 });
    expect(frame.packet).toMatchObject({ seq: -1 });
    expect(frame.log.at(-1)!.sentence).toMatch(/is lost before the sequencer: it never gets a sequence number/);
  });
});

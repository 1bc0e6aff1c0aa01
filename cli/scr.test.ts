import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunSummary } from './run';
import { main } from './scr';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('scr CLI', () => {
  it('runs port knocking on a zipf trace and agrees with one core', async () => {
    const r = await cli('run', '--program', 'portknock', '--cores', '4', '--trace', 'zipf', '--packets', '2000', '--seed', '7');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Port-knocking firewall on 4 cores');
    expect(r.out).toContain('SCR equals a single core: 2,000 verdicts');
    expect(r.out).toContain('46 B per packet');
  });

  it('prints JSON with per-packet verdicts that match the counts', async () => {
    const r = await cli('run', '--trace', 'portknock', '--packets', '300', '--cores', '3', '--json', '--verdicts', '--check-states', '1');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as RunSummary;
    expect(s.verdictList).toHaveLength(300);
    expect(s.verdictList!.filter((v) => v === 'PASS').length).toBe(s.verdicts.PASS);
    expect(s.verdicts.PASS).toBeGreaterThan(0);
    expect(s.agreement).toMatchObject({ agree: true, statesCompared: 303, gaps: 0 }); // after every packet, and each of the 3 replicas at the end
    expect(s.perCore.map((c) => c.packets)).toEqual([100, 100, 100]);
  });

  it('exports a pcap and reads it back with the same verdicts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scr-cli-'));
    const file = join(dir, 'trace.pcap');
    const first = JSON.parse((await cli('run', '--trace', 'portknock', '--packets', '500', '--json', '--verdicts', '--export', file)).out) as RunSummary;
    expect(first.exported?.bytes).toBeGreaterThan(24);
    const again = await cli('run', '--trace', file, '--json', '--verdicts');
    expect(again.code).toBe(0);
    const second = JSON.parse(again.out) as RunSummary;
    expect(second.trace).toMatchObject({ kind: 'capture', packets: 500 });
    expect(second.verdictList).toEqual(first.verdictList);
  });

  it('every program runs from the CLI', async () => {
    for (const program of ['portknock', 'ddos', 'heavyhitter', 'policer', 'conntrack', 'nat']) {
      const r = await cli('run', '--program', program, '--trace', 'datacenter', '--packets', '400', '--cores', '5', '--check-states', '1');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
  });

  it.each([
    [['run', '--cores', '0'], /--cores must be a whole number from 1 to 64/],
    [['run', '--cores', '65'], /--cores must be a whole number from 1 to 64/],
    [['run', '--program', 'nope'], /--program must be one of/],
    [['run', '--trace', 'nope'], /--trace must be a generator/],
    [['run', '--bogus'], /Unknown option '--bogus'$/],
    [['frob'], /unknown command "frob"/],
    [['run', '--knock', '1,2,3,4,5,6,7,8,9'], /1 to 8 ports, not 9/],
    [['run', '--config', '{oops'], /--config must be a JSON object/],
    [['run', '--history', '1', '--cores', '4'], /needs at least 3 records/],
    [['run', '--export', 'x.txt'], /ending in .pcap/],
    [['run', '--skew', '9', '--trace', 'zipf'], /skew/],
  ])('rejects %j with one line and exit code 2', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('reports a file that is not a capture, with the byte offset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scr-cli-'));
    const file = join(dir, 'notes.pcap');
    writeFileSync(file, '<html>not a capture</html>');
    const r = await cli('run', '--trace', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a pcap or pcapng file .* at byte 0/);
    expect(readFileSync(file, 'utf8')).toContain('html'); // untouched
  });

  it('prints help', async () => {
    const r = await cli('help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: npm run scr -- run');
  });
});

describe('scr CLI: packet loss', () => {
  it('recovers from random losses on the links and agrees with one core', async () => {
    const r = await cli('run', '--cores', '8', '--trace', 'zipf', '--packets', '20000', '--loss', '0.5%', '--seed', '3', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out) as RunSummary;
    expect(s.loss!.lost.link).toBeGreaterThan(50);
    expect(s.loss!.recovered).toBeGreaterThan(40);
    expect(s.loss!.recordsRead).toBeGreaterThan(s.loss!.recovered);
    expect(s.agreement.agree).toBe(s.loss!.divergent.length === 0);
  });

  it('drops one packet by hand: the core reads the missing records from its peers', async () => {
    const r = await cli('run', '--cores', '4', '--packets', '300', '--loss-at', '9:1', '--check-states', '1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 lost on links');
    expect(r.out).toContain("1 gap recovered (4 records read");
    expect(r.out).toContain('0 unrecoverable, 0 divergent cores');
    expect(r.out).toContain('SCR equals a single core');
  });

  it('two losses in a row on one link are congestion: exit code 4, and the summary says which core may diverge', async () => {
    const r = await cli('run', '--cores', '4', '--packets', '300', '--loss-at', '2', '--loss-at', '6', '--json');
    expect(r.code).toBe(4);
    const s = JSON.parse(r.out) as RunSummary;
    expect(s.loss).toMatchObject({ unrecoverable: 1, divergent: [2] });
    expect(s.loss!.divergences[0]).toMatchObject({ core: 2, seq: 10, reason: 'congestion', from: 0, to: 6 });
    expect(s.agreement.unexplained).toBe(0);
    const text = await cli('run', '--cores', '4', '--packets', '300', '--loss-at', '2', '--loss-at', '6');
    expect(text.out).toMatch(/core 2 gave up on #0 … #6 at packet #10 \(congestion: a gap of N\+1 or more\): it may diverge/);
  });

  it('losses before the sequencer and after processing are harmless', async () => {
    for (const where of ['before', 'after']) {
      const r = await cli('run', '--cores', '4', '--packets', '2000', '--loss', '0.05', '--loss-where', where, '--json');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.out) as RunSummary;
      expect(s.loss!.lost[where as 'before' | 'after']).toBeGreaterThan(50);
      expect(s.loss!.recovered).toBe(0);
      expect(s.agreement.agree).toBe(true);
    }
  });

  it('copy mode recovers too', async () => {
    const r = await cli('run', '--cores', '4', '--packets', '2000', '--loss', '1%', '--recovery', 'copy', '--json');
    const s = JSON.parse(r.out) as RunSummary;
    expect(s.loss!.statesCopied).toBeGreaterThan(0);
    expect(s.agreement.unexplained).toBe(0);
  });

  it.each([
    [['run', '--loss', '2'], /--loss must be a fraction from 0 to 1 or a percentage/],
    [['run', '--loss', 'lots'], /--loss must be a fraction/],
    [['run', '--loss-at', '9:2', '--cores', '4'], /packet #9 goes to core 1 \(9 mod 4\), not core 2/],
    [['run', '--loss-at', 'nine'], /--loss-at takes SEQ or SEQ:CORE/],
    [['run', '--loss-at', '999999', '--packets', '100'], /there is no packet #999999/],
    [['run', '--loss', '1%', '--recovery', 'pray'], /--recovery must be one of logs, copy/],
    [['run', '--loss', '1%', '--loss-where', 'moon'], /--loss-where must be one of before, link, after/],
    [['run', '--loss', '1%', '--log-size', '0'], /--log-size must be a whole number from 1/],
    [['run', '--recovery', 'copy'], /--recovery needs --loss RATE or --loss-at/],
  ])('rejects %j with one line and exit code 2', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });
});

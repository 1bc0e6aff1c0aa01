import { describe, expect, it } from 'vitest';
import { main } from './scr';
import type { SweepSummary } from './sweep';
import { parseCoreList } from './sweep-args';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err: err.join('\n') };
}

describe('scr sweep', () => {
  it('prints one row per core count, with the closed form and the sharding note', async () => {
    const r = await cli('sweep', '--program', 'ddos', '--trace', 'elephant', '--packets', '5000', '--cores', '1,2,4');
    expect(r.code).toBe(0);
    const rows = r.out.filter((line) => /^\s+\d+\s/.test(line));
    expect(rows.map((line) => Number(line.trim().split(/\s+/)[0]))).toEqual([1, 2, 4]);
    expect(r.out.join('\n')).toMatch(/1 core\s+locks\s+RSS\s+RSS\+\+\s+SCR\s+T\(N\)/);
    expect(r.out.join('\n')).toContain('sharding: a src-ip hash keeps every key on one core.');
  });

  it('--json gives every cell and agrees with --csv', async () => {
    const args = ['sweep', '--program', 'portknock', '--trace', 'uniform', '--packets', '3000', '--cores', '1-3', '--techniques', 'scr,rss'];
    const json = JSON.parse((await cli(...args, '--json')).out.join('\n')) as SweepSummary;
    expect(json.cells.map((c) => `${c.cores}${c.technique}`)).toEqual(['1scr', '1rss', '2scr', '2rss', '3scr', '3rss']);
    expect(json.scrClosedForm.map((x) => x.cores)).toEqual([1, 2, 3]);
    const csv = (await cli(...args, '--csv')).out;
    expect(csv[0]).toMatch(/^technique,cores,throughput_mpps,/);
    expect(csv).toHaveLength(7);
    const scr2 = csv.find((line) => line.startsWith('scr,2,'))!;
    expect(Number(scr2.split(',')[2])).toBeCloseTo(json.cells[2]!.throughputMpps, 5);
  });

  it('gives the same cells on two threads as on one', async () => {
    const args = ['sweep', '--program', 'heavyhitter', '--trace', 'elephant', '--packets', '4000', '--cores', '1-4', '--json'];
    const one = JSON.parse((await cli(...args, '--jobs', '1')).out.join('\n')) as SweepSummary;
    const two = JSON.parse((await cli(...args, '--jobs', '2')).out.join('\n')) as SweepSummary;
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  });

  it('--scr-loss lowers SCR and reports the recovery', async () => {
    const args = ['sweep', '--program', 'ddos', '--trace', 'uniform', '--packets', '20000', '--cores', '8', '--techniques', 'scr', '--json'];
    const clean = JSON.parse((await cli(...args)).out.join('\n')) as SweepSummary;
    const lossy = JSON.parse((await cli(...args, '--scr-loss', '0.01')).out.join('\n')) as SweepSummary;
    expect(lossy.cells[0]!.throughputMpps).toBeLessThan(clean.cells[0]!.throughputMpps);
    expect(lossy.cells[0]!.recovery?.recovered).toBeGreaterThan(0);
  });

  it('--cost overrides change the result and show in the header', async () => {
    const r = await cli('sweep', '--program', 'ddos', '--trace', 'uniform', '--packets', '2000', '--cores', '2', '--techniques', 'scr', '--cost', 'd=100,c1=0,c2=100,nicGbps=0', '--json');
    const s = JSON.parse(r.out.join('\n')) as SweepSummary;
    expect(s.options.costs).toMatchObject({ d: 100, c1: 0, c2: 100 });
    expect(s.cells[0]!.throughputMpps).toBeCloseTo(2000 / 200, 1);
  });

  it.each([
    [['sweep', '--cores', '0-4'], /--cores takes core counts from 1 to 64/],
    [['sweep', '--cores', '8-2'], /--cores takes core counts/],
    [['sweep', '--techniques', 'magic'], /unknown technique "magic"/],
    [['sweep', '--cost', 'c1=-5'], /cost c1 must be a number from 0/],
    [['sweep', '--ring', '0'], /--ring must be a whole number from 1/],
    [['sweep', '--loss-threshold', '2'], /the loss threshold must be from 0 to below 1/],
    [['sweep', '--rss-fields', 'mac'], /--rss-fields must be one of auto, 5-tuple, 2-tuple, src-ip/],
    [['sweep', '--json', '--csv'], /choose --json or --csv/],
    [['sweep', '--program', 'nope'], /--program must be one of/],
    [['sweep', '--rate', '5'], /--rate does not apply to sweep/],
    [['sweep', '--config', '{}'], /--config does not apply to sweep/],
    [['sweep', '--packets', '999'], /at least 1,000 packets .* this trace has 999/],
    [['sweep', '--cost', 'd=0,c1=0'], /d \+ c1 must be above 0 ns/],
  ])('rejects %j with one line and exit code 2', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.out).toEqual([]);
  });

  it('reads core lists and ranges', () => {
    expect(parseCoreList('1-4')).toEqual([1, 2, 3, 4]);
    expect(parseCoreList('8,1,2-3,2')).toEqual([1, 2, 3, 8]);
    expect(() => parseCoreList('65')).toThrow(/from 1 to 64/);
    expect(() => parseCoreList('a')).toThrow(/e.g. 1-16/);
  });

  it('help describes the sweep', async () => {
    const r = await cli('sweep', '--help');
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain('Usage: npm run scr -- sweep');
  });
});

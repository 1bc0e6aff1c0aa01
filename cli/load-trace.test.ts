import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePcap } from '../src/engine/trace/capture';
import { generateTrace } from '../src/engine/trace/generators';
import { UsageError } from './args';
import { readCaptureFile } from './load-trace';
import { main } from './scr';

const dir = mkdtempSync(join(tmpdir(), 'scr-load-'));
const path = join(dir, 'forty.pcap');
writeFileSync(path, writePcap(generateTrace('uniform', { packets: 40, seed: 2 })));

describe('big captures are refused, never a crash', () => {
  it('a capture over the budget is refused with one line naming --max-packets (a budget of 25 packets)', async () => {
    await expect(readCaptureFile(path, 25)).rejects.toThrow(UsageError);
    await expect(readCaptureFile(path, 25)).rejects.toThrow(/holds more than 25 packets.*--max-packets N/);
    expect((await readCaptureFile(path, 40)).trace.count).toBe(40);
  });

  it('with --max-packets the first N packets are run', async () => {
    expect((await readCaptureFile(path, 25, true)).trace.count).toBe(25);
    const out: string[] = [];
    const code = await main(['run', '--trace', path, '--max-packets', '25', '--json'], (s) => out.push(s), () => {});
    expect(code).toBe(0);
    expect((JSON.parse(out.join('\n')) as { trace: { packets: number } }).trace.packets).toBe(25);
  });

  it('--max-packets is checked like every number', async () => {
    const err: string[] = [];
    expect(await main(['run', '--trace', path, '--max-packets', '0'], () => {}, (s) => err.push(s))).toBe(2);
    expect(err.join('\n')).toMatch(/max-packets/);
  });

  it('a negative number is a bad value, not an ambiguous option', async () => {
    const err: string[] = [];
    expect(await main(['run', '--cores', '-1'], () => {}, (s) => err.push(s))).toBe(2);
    expect(err.join('\n')).toBe('scr: --cores must be a whole number from 1 to 64, not "-1"');
  });
});

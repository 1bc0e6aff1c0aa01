import { describe, expect, it } from 'vitest';
import { portKnocking } from '../engine/programs/port-knocking';
import { asSentence } from './messages';
import { checkConfig, checkGenerator, checkHistorySize, checkRun } from './scenario-check';

describe('checkRun', () => {
  const ok = { programId: 'portknock', config: { knock: [1, 2] }, cores: 4 };

  it('parses the config over the defaults and defaults the history to cores - 1', () => {
    expect(checkRun(ok)).toMatchObject({ program: portKnocking, config: { knock: [1, 2] }, cores: 4, historySize: 3 });
    expect(checkRun({ ...ok, config: undefined }).config).toEqual({ knock: [100, 101, 102] });
    expect(checkRun({ ...ok, config: {} }).config).toEqual({ knock: [100, 101, 102] });
    expect(checkRun({ ...ok, config: { knock: '7, 8' } }).config).toEqual({ knock: [7, 8] });
    expect(checkRun({ ...ok, historySize: 9 }).historySize).toBe(9);
  });

  it('explains each problem', () => {
    expect(() => checkRun({ ...ok, programId: 'firewall' })).toThrow(/^There is no program "firewall"\. Choose one of: portknock \(Port-knocking firewall\), /);
    expect(() => checkRun({ ...ok, config: { knock: [] } })).toThrow('Port-knocking firewall: the knock sequence needs 1 to 8 ports, not 0.');
    expect(() => checkRun({ ...ok, cores: 0 })).toThrow('The number of cores must be a whole number from 1 to 64, not 0.');
    expect(() => checkRun({ ...ok, cores: 65 })).toThrow(/from 1 to 64, not 65/);
    expect(() => checkRun({ ...ok, cores: '4' as unknown as number })).toThrow(/not "4"/);
    expect(() => checkHistorySize(2, 4)).toThrow(/^A history of 2 records is too short for 4 cores/);
    expect(() => checkHistorySize(5000, 4)).toThrow('The history can hold at most 1024 records, not 5000.');
    expect(() => checkHistorySize(1.5, 1)).toThrow(/whole number/);
    expect(() => checkConfig(portKnocking, 42)).toThrow(/knock sequence must be a list/);
  });
});

describe('checkGenerator', () => {
  it('parses the parameters', () => {
    const { generator, params } = checkGenerator('uniform', { packets: '500', seed: 3 });
    expect(generator.id).toBe('uniform');
    expect(params).toMatchObject({ packets: 500, seed: 3 });
  });

  it('explains a bad generator or parameter', () => {
    expect(() => checkGenerator('poisson', {})).toThrow('There is no trace generator "poisson". Choose one of: portknock, uniform, zipf, elephant, datacenter.');
    expect(() => checkGenerator('uniform', { packets: 0 })).toThrow('Trace parameters: packets must be from 1 to 5,000,000, not 0.');
    expect(() => checkGenerator('uniform', 'lots')).toThrow(/^Trace parameters: trace parameters must be an object/);
  });
});

describe('asSentence', () => {
  it('capitalises and ends with a full stop', () => {
    expect(asSentence('the file is empty (0 bytes) at byte 0')).toBe('The file is empty (0 bytes) at byte 0.');
    expect(asSentence('Done!')).toBe('Done!');
    expect(asSentence('  ')).toBe('');
  });
});

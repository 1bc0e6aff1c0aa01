import { describe, expect, it } from 'vitest';
import { portKnocking } from '../programs/port-knocking';
import { generateTrace } from '../trace/generators';
import { measuredRecoveryCost, recoveryCostPerLostPacket, PEER_LOG_READ_NS } from './recovery-cost';
import { verifyScr } from './verify';

describe('recovery cost per lost packet', () => {
  it('reads the N missing records from peers: N x (log read + c2)', () => {
    expect(recoveryCostPerLostPacket({ cores: 4, c2: 10 })).toEqual({ recordsRead: 4, readNs: 4 * PEER_LOG_READ_NS, applyNs: 40, totalNs: 4 * (PEER_LOG_READ_NS + 10) });
    expect(recoveryCostPerLostPacket({ cores: 4, historySize: 7, c2: 10 }).recordsRead).toBe(0); // the next packet's history covers it
    expect(recoveryCostPerLostPacket({ cores: 1, c2: 10 }).recordsRead).toBe(0);
  });

  it('matches what a run with sparse losses actually reads', () => {
    const trace = generateTrace('portknock', { packets: 20_000, seed: 3 });
    const result = verifyScr({ program: portKnocking, trace, cores: 8, loss: { rate: 0.002, where: 'link', seed: 9 } });
    const measured = measuredRecoveryCost(result.recovery!, { c2: 10 });
    expect(result.recovery!.lostLink).toBeGreaterThan(10);
    expect(result.recovery!.congestion).toBe(0);
    // Isolated losses each read N = 8 records (a loss right at the end reads none).
    expect(measured.recordsRead).toBeGreaterThan(7);
    expect(measured.recordsRead).toBeLessThanOrEqual(8);
  });
});

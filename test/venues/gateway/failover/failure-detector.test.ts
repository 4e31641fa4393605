import { describe, expect, it } from 'vitest';
import { NS_PER_MS, NS_PER_S, RandomStreams } from '../../../../sim/index.ts';
import { ConnectionResetDetector, earliestDetection, HeartbeatTimeoutDetector } from '../../../../venues/gateway/failover/failure-detector.ts';
import { ConstantLatency } from '../../../../venues/gateway/latency-model.ts';

const rng = new RandomStreams(1).get('failover.test.detection');

describe('failure detectors (seed 000: failover detection skew)', () => {
  const heartbeat = new HeartbeatTimeoutDetector(1 * NS_PER_S, 3);

  it('heartbeat timeout: the missed intervals count from the last heartbeat sent, so the delay depends on the phase', () => {
    expect(heartbeat.detectAtNs(10 * NS_PER_S)).toBe(13 * NS_PER_S);
    expect(heartbeat.detectAtNs(10 * NS_PER_S + 1)).toBe(13 * NS_PER_S);
    expect(heartbeat.detectAtNs(11 * NS_PER_S - 1)).toBe(13 * NS_PER_S);
  });

  it('connection reset: only when the host survives to reset the sockets', () => {
    const reset = new ConnectionResetDetector(new ConstantLatency(2 * NS_PER_MS));
    expect(reset.detectAtNs(5 * NS_PER_S, 'process-crash', rng)).toBe(5 * NS_PER_S + 2 * NS_PER_MS);
    expect(reset.detectAtNs(5 * NS_PER_S, 'host-loss', rng)).toBeUndefined();
  });

  it('the controller acts on the earliest signal', () => {
    const detectors = [heartbeat, new ConnectionResetDetector(new ConstantLatency(2 * NS_PER_MS))];
    expect(earliestDetection(detectors, 5.5 * NS_PER_S, 'process-crash', rng)).toEqual({ atNs: 5.5 * NS_PER_S + 2 * NS_PER_MS, signal: 'connection-reset' });
    expect(earliestDetection(detectors, 5.5 * NS_PER_S, 'host-loss', rng)).toEqual({ atNs: 8 * NS_PER_S, signal: 'heartbeat-timeout' });
    expect(earliestDetection([new ConnectionResetDetector(new ConstantLatency(0))], 0, 'host-loss', rng)).toBeUndefined();
  });

  it('rejects a heartbeat interval or miss count that cannot time out', () => {
    expect(() => new HeartbeatTimeoutDetector(0, 3)).toThrow(/interval/);
    expect(() => new HeartbeatTimeoutDetector(NS_PER_S, 0)).toThrow(/missed/);
  });
});

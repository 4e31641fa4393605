import { describe, expect, it } from 'vitest';
import { Constant, Kernel } from '../../../../sim/index.ts';
import { SimulatedLink, type LinkEndpoint } from '../../../../venues/fix/sim/link.ts';
import type { FixMessage } from '../../../../venues/fix/codec/index.ts';

class Recorder implements LinkEndpoint {
  received: FixMessage[] = [];
  onLinkUp(): void {}
  onLinkConnectFailed(): void {}
  onLinkMessage(message: FixMessage): void {
    this.received.push(message);
  }
  onLinkDown(): void {}
}

/** A uniform source that replays a fixed list, so each message's loss is chosen by the test. */
const scripted = (draws: number[]) => ({ next: () => draws.shift() ?? 0.99 });

describe('SimulatedLink: what a receiver has not seen and cannot yet know it missed', () => {
  it('counts messages in flight, then lost ones, until a later message is delivered behind them', () => {
    const kernel = new Kernel();
    // Loss draws: kept (0.9), lost (0.1), lost (0.1), kept (0.9) with loss probability 0.5.
    const link = new SimulatedLink(kernel, { latencyNs: new Constant(1000), latencyRng: scripted([]), lossRng: scripted([0.9, 0.1, 0.1, 0.9]), connectDelayNs: 10 });
    const [a, b] = [new Recorder(), new Recorder()];
    link.attach(0, a);
    link.attach(1, b);
    link.connect();
    kernel.run({ until: 100 });
    link.lossProbability = 0.5;
    const message = { header: {}, body: { msgType: '0' } } as unknown as FixMessage;
    link.send(0, message);
    expect(link.undeliveredTo(1)).toBe(1);
    kernel.run({ until: 2000 });
    expect(b.received).toHaveLength(1);
    link.send(0, message);
    link.send(0, message);
    expect(link.undeliveredTo(1)).toBe(2);
    link.send(0, message);
    expect(link.undeliveredTo(1)).toBe(3);
    kernel.run({ until: 5000 });
    expect(b.received).toHaveLength(2);
    expect(link.undeliveredTo(1)).toBe(0);
    expect(link.undeliveredTo(0)).toBe(0);
  });
});

// Property: whatever the schedule of crashes, reboots, scale-outs and scale-ins, every order given to a
// gateway pool ends exactly once: on the wire, refused (as a value, to the router), or lost inside a
// crashed node (truth the harness sees). Nothing vanishes, nothing arrives twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel, NS_PER_MS, NS_PER_US, RandomStreams } from '../../../../sim/index.ts';
import { ConstantLatency, ExponentialLatency } from '../../../../venues/gateway/latency-model.ts';
import { EqualWeights } from '../../../../venues/gateway/pool/allocation-strategy.ts';
import { GatewayPool } from '../../../../venues/gateway/pool/gateway-pool.ts';
import { WeightedRouting } from '../../../../venues/gateway/pool/pool-routing.ts';
import { JitWarmup } from '../../../../venues/gateway/warmup/jit-warmup.ts';
import { RecordingListener } from '../recording-listener.ts';

type Op = { kind: 'submit'; count: number } | { kind: 'crash'; pick: number } | { kind: 'boot'; pick: number } | { kind: 'scale'; replicas: number } | { kind: 'wait'; us: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('submit' as const), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('crash' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('boot' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('wait' as const), us: fc.integer({ min: 0, max: 3000 }) }),
);

describe('gateway pool conservation under faults', () => {
  it('every order is wired, refused or lost exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 40 }), fc.integer(), (initial, ops, seed) => {
        const kernel = new Kernel();
        const streams = new RandomStreams(seed);
        const listener = new RecordingListener<number>(kernel);
        const models = {
          serviceTime: new ExponentialLatency(20_000),
          warmup: new JitWarmup(5, 20),
          inboundLatency: new ConstantLatency(20 * NS_PER_US),
          wireLatency: new ConstantLatency(20 * NS_PER_US),
          returnLatency: new ConstantLatency(20 * NS_PER_US),
          bootLatency: new ConstantLatency(1 * NS_PER_MS),
          sessionLogonLatency: new ConstantLatency(1 * NS_PER_MS),
        };
        const routing = new WeightedRouting<number, number>(new EqualWeights(), streams.get('gateway.pool.dispatch'), seed % 2 === 0);
        const pool = new GatewayPool<number>(kernel, streams, listener, { idPrefix: 'gw', models, routing, queueCapacity: 8 });
        for (let i = 0; i < initial; i++) pool.startNode();
        let next = 0;
        const refusedAtOnce: number[] = [];
        for (const o of ops) {
          const nodes = pool.nodes;
          if (o.kind === 'submit') {
            for (let i = 0; i < o.count; i++) {
              const id = next++;
              if (typeof pool.submit(id) === 'string') refusedAtOnce.push(id);
            }
          } else if (o.kind === 'crash' && nodes.length > 0) nodes[o.pick % nodes.length].crash();
          else if (o.kind === 'boot' && nodes.length > 0) {
            const node = nodes[o.pick % nodes.length];
            if (node.lifecycle === 'down') node.boot();
          } else if (o.kind === 'scale') pool.scaleTo(o.replicas);
          else if (o.kind === 'wait') kernel.run({ until: kernel.now + o.us * NS_PER_US });
        }
        kernel.run();
        const ends = [...listener.wired.map((w) => w.message), ...listener.rejected.map((r) => r.message), ...listener.lost.map((l) => l.message), ...refusedAtOnce];
        expect(ends.sort((a, b) => a - b)).toEqual(Array.from({ length: next }, (_, i) => i));
      }),
      { numRuns: 300, seed: 3003 },
    );
  });
});

/**
 * The fault catalogue: every incident a scenario can inject, as a typed value with its time. A fault
 * may carry a `probability`, in which case each seed decides (stream `fault.<index>.include`) whether
 * it happens: a swarm of seeds then covers a mix of fault combinations. The control run of an episode
 * is the same scenario, policy and seed with every fault removed. Each world's faults live in their
 * own file under `faults/`.
 */
import { z } from 'zod';
import { gatewayFaults } from './faults/gateway-faults.ts';
import { sessionFaults } from './faults/session-faults.ts';
import { venueFaults } from './faults/venue-faults.ts';

export const fault = z.discriminatedUnion('kind', [...venueFaults, ...sessionFaults, ...gatewayFaults]);

export type FaultSpec = z.output<typeof fault>;
export type FaultKind = FaultSpec['kind'];
export const FAULT_KINDS: readonly FaultKind[] = fault.options.map((option) => option.shape.kind.value);

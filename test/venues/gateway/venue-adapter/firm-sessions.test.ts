import { describe, expect, it } from 'vitest';
import type { AppBody } from '../../../../venues/fix/codec/index.ts';
import type { SessionEvent } from '../../../../venues/fix/session/index.ts';
import type { SimSessionEndpoint } from '../../../../venues/fix/sim/index.ts';
import { FirmSessions } from '../../../../venues/gateway/venue-adapter/firm-sessions.ts';

const body: AppBody = { msgType: 'H', clOrdId: 'x', side: '1', symbol: 'XYZ' };

function setup() {
  const firmEvents: string[] = [];
  const sent: string[] = [];
  const firm = new FirmSessions({ onMessage: () => undefined, onEvent: (event: SessionEvent) => firmEvents.push(event.type) });
  const apps = new Map(
    ['GW', 'GWB'].map((name) => {
      const app = firm.application(name);
      firm.bind(name, { send: () => sent.push(name) });
      return [name, app] as const;
    }),
  );
  const endpoint = {} as SimSessionEndpoint;
  const event = (name: string, e: SessionEvent) => apps.get(name)?.onEvent?.(e, endpoint);
  return { firm, firmEvents, sent, event };
}

describe('firm sessions at the venue', () => {
  it('sends to the newest logged-on session, else to the one that logged on last (stranded there)', () => {
    const { firm, sent, event } = setup();
    firm.send(body);
    event('GW', { type: 'logged-on' });
    firm.send(body);
    event('GW', { type: 'disconnected', reason: 'reset' });
    firm.send(body);
    event('GWB', { type: 'logged-on' });
    firm.send(body);
    event('GW', { type: 'logged-on' });
    event('GWB', { type: 'disconnected', reason: 'reset' });
    firm.send(body);
    expect(sent).toEqual(['GW', 'GW', 'GW', 'GWB', 'GW']);
  });

  it('tells the firm "logged on" with its first session up and "disconnected" with its last one down', () => {
    const { firmEvents, event } = setup();
    event('GW', { type: 'disconnected', reason: 'never logged on' });
    event('GW', { type: 'logged-on' });
    event('GWB', { type: 'logged-on' });
    event('GW', { type: 'disconnected', reason: 'reset' });
    event('GWB', { type: 'disconnected', reason: 'reset' });
    expect(firmEvents).toEqual(['logged-on', 'disconnected']);
  });
});

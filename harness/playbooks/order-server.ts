/**
 * Playbook 004, the CFE Gateway documentation ("Single Gateway Failure"): the order server in front of the
 * exchange link dies; at restart it rebuilds its order book from the day's *_Mode_orders.tbl log, which
 * "can slow Order Server startup by up to several minutes"; fills that happened while it was down are
 * queued by the exchange and arrive on reconnect. A lost drive loses the log: traders must call the
 * exchange to cancel their working orders. The runbook is the gateway's recovery as the document tells it.
 * The document describes the gateway, not a router: no bundled policy has a regime machine for it.
 */
import type { WorldRun } from '../episode/world.ts';
import { normalRegimeAt, seconds, type Playbook } from './playbook.ts';

const outageOf = (run: WorldRun) => run.orderEntry.orderServers.flatMap((side) => side.outages).sort((a, b) => a.downAtNs - b.downAtNs)[0];

export const ORDER_SERVER: Playbook = {
  id: '004',
  title: 'CFE Gateway Documentation: Single Gateway Failure (order server recovery)',
  incident: 'an order server crash or a lost drive, and its restart from the order log',
  faultKinds: ['order-server-crash', 'order-server-disk-loss'],
  regimeMachine: {
    policy: null,
    states: [
      { name: 'running', meaning: 'the order server holds the exchange link and logs every order action' },
      { name: 'down', meaning: 'traders cannot submit orders through the gateway; working orders stay working at the exchange' },
      { name: 'starting', meaning: 'the restarted server reads the day\'s order log: the larger the log, the longer' },
      { name: 'book restored', meaning: 'the router has its order book again; fills queued by the exchange arrive' },
    ],
  },
  runbook: [
    { key: 'serverDownMs', name: 'order server down', meaning: 'its process died (and, on a disk loss, its log with it)', missing: 'the order server never went down', at: (run) => outageOf(run)?.downAtNs },
    {
      key: 'phoneCallMs',
      name: 'exchange called',
      meaning: "a person called the exchange to cancel the gateway's working orders (the document's answer to a lost log)",
      missing: 'nobody needed to call: the log survived',
      at: (run) => run.orderEntry.orderServers.flatMap((side) => side.phone.calls).sort((a, b) => a.atNs - b.atNs)[0]?.atNs,
    },
    { key: 'restartMs', name: 'restart begins', meaning: 'a server process started again (on a disk loss, a replacement from an empty drive)', missing: 'the server was not restarted before the end', at: (run) => outageOf(run)?.restartAtNs },
    { key: 'logReadMs', name: 'order log read', meaning: 'startup finished reading the day\'s log (OS_STARTUP_SEC, OS_LOG_RECORDS)', missing: 'startup never finished before the end', at: (run) => outageOf(run)?.startupEndsAtNs },
    { key: 'bookRestoredMs', name: 'order book back at the router', meaning: "the router's state is authoritative again: its next order book arrived", missing: 'the router never received an order book again before the end', at: (run) => outageOf(run)?.bookAtNs },
    {
      key: 'normalRegimeMs',
      aboutPolicy: true,
      name: 'policy back to its normal regime',
      meaning: 'the policy returned to its normal regime once the book was back',
      missing: 'the policy never left its normal regime, or did not return to it',
      at: (run) => normalRegimeAt(run, outageOf(run)?.bookAtNs),
    },
  ],
  summary(ms, metrics) {
    const down = ms.serverDownMs;
    const book = ms.bookRestoredMs;
    if (down === null || down === undefined) return null;
    if (book === null || book === undefined) return 'The router never had its order book back before the end.';
    const startup = metrics.OS_STARTUP_SEC;
    const records = metrics.OS_LOG_RECORDS;
    const read = startup === null || startup === undefined ? '' : `, of which reading ${records ?? 'its'} log records took ${startup.toFixed(2)} s (OS_STARTUP_SEC)`;
    return `The gateway was unusable for ${seconds(book - down)}${read}.`;
  },
};

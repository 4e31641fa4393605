import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Kernel, NS_PER_S } from '../../../sim/index.ts';
import { CollectingSink, OrderBook, OrderIdCounter, type OrderAccepted } from '../../../venues/book/index.ts';
import { formatLobsterError, loadLobsterMessageFile, LobsterReplay, parseLobsterMessages, type LobsterMessages, type TradingStatus } from '../../../venues/flow/index.ts';

const TICK = 100; // one cent in LOBSTER's units of 10^-4 dollars
const REPLAY = 0;
const ROUTER = 5;
const MIDNIGHT_NS = -34_200 * NS_PER_S; // time zero at 09:30:00

const directory = mkdtempSync(join(tmpdir(), 'execdrill-lobster-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function writeMessageFile(name: string, lines: string[]): string {
  const path = join(directory, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

function load(path: string): LobsterMessages {
  const result = loadLobsterMessageFile(path, TICK);
  if (!result.ok) throw new Error(result.errors.map(formatLobsterError).join('\n'));
  return result.messages;
}

class TimedSink extends CollectingSink {
  kernel: Kernel | undefined;
  readonly acceptedAtNs: number[] = [];
  override accepted(event: Readonly<OrderAccepted>): void {
    super.accepted(event);
    this.acceptedAtNs.push(this.kernel?.now ?? -1);
  }
}

function replay(messages: LobsterMessages, prepare?: (book: OrderBook) => void) {
  const kernel = new Kernel();
  const sink = new TimedSink();
  sink.kernel = kernel;
  const book = new OrderBook(sink);
  prepare?.(book);
  const statuses: [TradingStatus, number][] = [];
  const source = new LobsterReplay(messages, book, new OrderIdCounter(1), {
    midnightNs: MIDNIGHT_NS,
    statusListener: { tradingStatus: (status, timeNs) => statuses.push([status, timeNs]) },
  });
  source.start(kernel);
  kernel.run();
  return { book, sink, source, statuses };
}

describe('LOBSTER message replay', () => {
  it('drives the book with each event at its own time: adds, partial cancel, execution, delete, halt', () => {
    const path = writeMessageFile('day.csv', [
      '34200.000000001,1,11,100,1000000,1',
      '34200.5,1,12,50,1000000,1',
      '34201,1,13,70,1000100,-1',
      '34202,2,11,30,1000000,1',
      '34203,4,11,20,1000000,1',
      '34204,5,0,10,1000200,1',
      '34205,3,12,50,1000000,1',
      '34206,3,99,10,1000000,1',
      '34207,7,0,0,-1,-1',
      '34208,7,0,0,1,-1',
    ]);
    const { book, sink, source, statuses } = replay(load(path));
    // Venue ids 1, 2, 3 for file ids 11, 12, 13; id 4 is the IOC standing for the execution.
    expect(book.orders('buy')).toEqual([{ orderId: 1, ownerId: REPLAY, side: 'buy', priceTicks: 10_000, orderQtyShares: 70, leavesQtyShares: 50 }]);
    expect(book.orders('sell')).toEqual([{ orderId: 3, ownerId: REPLAY, side: 'sell', priceTicks: 10_001, orderQtyShares: 70, leavesQtyShares: 70 }]);
    expect(sink.acceptedAtNs).toEqual([1, 0.5 * NS_PER_S, 1 * NS_PER_S, 3 * NS_PER_S]);
    expect(sink.events.filter((e) => e.type === 'fill')).toMatchObject([{ makerOrderId: 1, takerOrderId: 4, aggressorSide: 'sell', priceTicks: 10_000, qtyShares: 20 }]);
    expect(statuses).toEqual([
      ['halted', 7 * NS_PER_S],
      ['resumed', 8 * NS_PER_S],
    ]);
    expect([source.applied, source.hiddenExecutions, source.unknownOrderEvents, source.done]).toEqual([8, 1, 1, true]);
  });

  it('fills a router order standing ahead of the executed order in the queue first', () => {
    const path = writeMessageFile('queue.csv', ['34200.1,1,11,100,1000000,1', '34200.2,4,11,60,1000000,1']);
    const { book } = replay(load(path), (b) => b.submitLimit(1000, ROUTER, 'buy', 10_000, 100));
    expect(book.leavesQtyShares(1000)).toBe(40);
    expect(book.orders('buy').map((o) => [o.ownerId, o.leavesQtyShares])).toEqual([
      [ROUTER, 40],
      [REPLAY, 100],
    ]);
  });

  it('skips messages earlier than the clock at start, and events naming orders it never placed', () => {
    const messages = load(writeMessageFile('late.csv', ['34200.1,1,11,100,1000000,1', '34201,1,12,100,1000000,1', '34202,4,11,10,1000000,1']));
    const kernel = new Kernel();
    kernel.run({ until: 0.5 * NS_PER_S });
    const book = new OrderBook();
    const source = new LobsterReplay(messages, book, new OrderIdCounter(), { midnightNs: MIDNIGHT_NS });
    source.start(kernel);
    kernel.run();
    expect([source.skippedBeforeStart, source.applied, source.unknownOrderEvents]).toEqual([1, 1, 1]);
    expect(book.restingOrderCount).toBe(1);
  });
});

describe('LOBSTER message parsing', () => {
  it('reads times exactly to the nanosecond and prices in ticks', () => {
    const result = parseLobsterMessages('34200.123456789,1,5,10,5859400,-1\n', 'x.csv', TICK);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const m = result.messages;
    expect([m.count, m.timeNs[0], m.eventType[0], m.orderId[0], m.sizeShares[0], m.priceTicks[0], m.direction[0]]).toEqual([1, 34_200_123_456_789, 1, 5, 10, 58_594, -1]);
  });

  it('reports every bad line with its file, line number and field, and returns no messages', () => {
    const text = [
      '34200,1,1,10,1000000,1',
      '34200,1,2,10,1000000',
      '34200.x,1,3,10,1000000,1',
      '34201,9,4,10,1000000,1',
      '34202,1,5,10,1000050,1',
      '34203,1,6,10,1000000,0',
      '34100,1,7,10,1000000,1',
      '34204,1,8,0,1000000,1',
      '34205,7,0,0,2,-1',
    ].join('\n');
    const result = parseLobsterMessages(text, 'bad.csv', TICK);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.file, e.line, e.field])).toEqual([
      ['bad.csv', 2, 'line'],
      ['bad.csv', 3, 'time'],
      ['bad.csv', 4, 'type'],
      ['bad.csv', 5, 'price'],
      ['bad.csv', 6, 'direction'],
      ['bad.csv', 7, 'time'],
      ['bad.csv', 8, 'size'],
      ['bad.csv', 9, 'price'],
    ]);
    expect(formatLobsterError(result.errors[3])).toBe('bad.csv:5: price: 1000050 is not a multiple of the tick size 100');
  });

  it('names an unreadable file in its error', () => {
    const result = loadLobsterMessageFile(join(directory, 'missing.csv'), TICK);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ file: join(directory, 'missing.csv'), line: 0, field: 'line' });
  });
});

/**
 * The order server's persisted files (seed 004: the `*_Mode_orders.tbl` order log and the `*.bof`
 * fill file). Every order action is appended to the log; every fill also to the fill file. On start
 * the server reads the log into memory, then replaces it with one record per active order (working or
 * partially filled): "the more the trading activity, the larger the file", and the startup read time
 * grows with it ("up to several minutes").
 *
 * A disk loss destroys both files: "the relevant log and table files are permanently lost". The loss
 * is known to whoever restarts the server (the drive was replaced), so the log remembers that it was
 * lost until the next start reads it.
 *
 * The day's activity before the simulated window (`countEarlierActivity`) is counted, not stored:
 * those records are of orders already done, so they only cost read time at the next startup, whose
 * rewrite drops them.
 *
 * Left out: torn writes (an append is atomic) and sessions rolling over (the fill file holds the
 * current session's fills).
 */
import { isActiveState, type OrderServerFill, type OrderRequest, type ServerOrder, type ServerOrderState } from './order-types.ts';

export type OrderLogRecord =
  | { readonly kind: 'new'; readonly order: OrderRequest }
  | { readonly kind: 'state'; readonly clOrdId: string; readonly state: ServerOrderState }
  | { readonly kind: 'fill'; readonly fill: OrderServerFill }
  /** Written by the rewrite at startup: an active order as it stood. */
  | { readonly kind: 'snapshot'; readonly order: Readonly<ServerOrder> };

export class PersistedOrderLog {
  private records: OrderLogRecord[] = [];
  private fillFile: OrderServerFill[] = [];
  private lost = false;

  private earlierDoneRecords = 0;

  get recordCount(): number {
    return this.earlierDoneRecords + this.records.length;
  }

  get fills(): readonly OrderServerFill[] {
    return this.fillFile;
  }

  /** True from a disk loss until a start has read the (empty) replacement drive. */
  get wasLost(): boolean {
    return this.lost;
  }

  /** `records` written since the last start for orders done before the simulated window. */
  countEarlierActivity(records: number): void {
    this.earlierDoneRecords += records;
  }

  append(record: OrderLogRecord): void {
    this.records.push(record);
    if (record.kind === 'fill') this.fillFile.push(record.fill);
  }

  /** Every order the log knows, as the log's records leave it. */
  replay(): Map<string, ServerOrder> {
    const orders = new Map<string, ServerOrder>();
    for (const record of this.records) {
      if (record.kind === 'new') {
        const { clOrdId, qtyShares, sessionId } = record.order;
        orders.set(clOrdId, { clOrdId, qtyShares, sessionId, cumQtyShares: 0, state: 'pending-new', verified: true });
      } else if (record.kind === 'snapshot') {
        orders.set(record.order.clOrdId, { ...record.order });
      } else {
        const clOrdId = record.kind === 'fill' ? record.fill.clOrdId : record.clOrdId;
        const order = orders.get(clOrdId);
        if (order === undefined) continue;
        if (record.kind === 'state') order.state = record.state;
        else {
          order.cumQtyShares += record.fill.qtyShares;
          if (order.cumQtyShares >= order.qtyShares) order.state = 'filled';
        }
      }
    }
    return orders;
  }

  /** Startup's rewrite: the log becomes one snapshot record per active order. */
  rewriteActiveOnly(orders: Iterable<ServerOrder>): void {
    const records: OrderLogRecord[] = [];
    for (const order of orders) if (isActiveState(order.state)) records.push({ kind: 'snapshot', order: { ...order } });
    this.records = records;
    this.earlierDoneRecords = 0;
    this.lost = false;
  }

  /** The drive is gone: both files with it. */
  lose(): void {
    this.records = [];
    this.earlierDoneRecords = 0;
    this.fillFile = [];
    this.lost = true;
  }
}

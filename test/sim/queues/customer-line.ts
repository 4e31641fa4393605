/**
 * The waiting line of a FIFO queue model: customer numbers and arrival times in a growable ring
 * over typed arrays, so that a long line (G1b's queue reaches hundreds) costs no allocation per
 * customer.
 */
import { invariant, type Ns } from '../../../sim/index.ts';

export class CustomerLine {
  private customers = new Int32Array(64);
  private arrivalsNs = new Float64Array(64);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  get headCustomer(): number {
    invariant(this.count > 0, 'the line is empty');
    return this.customers[this.head];
  }

  get headArrivalNs(): Ns {
    invariant(this.count > 0, 'the line is empty');
    return this.arrivalsNs[this.head];
  }

  push(customer: number, arrivalNs: Ns): void {
    if (this.count === this.customers.length) this.grow();
    const at = (this.head + this.count) & (this.customers.length - 1);
    this.customers[at] = customer;
    this.arrivalsNs[at] = arrivalNs;
    this.count++;
  }

  shift(): void {
    invariant(this.count > 0, 'the line is empty');
    this.head = (this.head + 1) & (this.customers.length - 1);
    this.count--;
  }

  // Capacity stays a power of two so that wrapping is a mask.
  private grow(): void {
    const customers = new Int32Array(this.customers.length * 2);
    const arrivalsNs = new Float64Array(this.customers.length * 2);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & (this.customers.length - 1);
      customers[i] = this.customers[from];
      arrivalsNs[i] = this.arrivalsNs[from];
    }
    this.customers = customers;
    this.arrivalsNs = arrivalsNs;
    this.head = 0;
  }
}

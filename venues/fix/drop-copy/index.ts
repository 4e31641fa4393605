// The public surface of the drop copy.
export * from './outage.ts';
export * from './drop-copy.ts';

// The public surface of the FIX simulation glue: a simulated link and a kernel-driven session endpoint.
export * from './link.ts';
export * from './link-faults.ts';
export * from './endpoint.ts';

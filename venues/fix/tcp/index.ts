// The public surface of the FIX TCP adapter: real sockets and timers around the synchronous session engine.
export * from './clock.ts';
export * from './application.ts';
export * from './driver.ts';
export * from './acceptor.ts';

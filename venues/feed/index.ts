// The public surface of the market-data feed: publisher, paths, recovery, receiver.
// Latency models are the gateway's (venues/gateway/latency-model.ts): one LatencyModel for every path.
export * from './loss.ts';
export * from './packet.ts';
export * from './path.ts';
export * from './publisher.ts';
export * from './retransmission.ts';
export * from './snapshot.ts';
export * from './recovery.ts';
export * from './receiver.ts';

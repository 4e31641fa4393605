// The public surface of the background order flow.
export * from './cst-parameters.ts';
export * from './intensity-profile.ts';
export * from './flow-book.ts';
export { CstFlow, type CstFlowConfig } from './cst-flow.ts';
export * from './lobster-messages.ts';
export { LobsterReplay, type LobsterReplayConfig, type TradingStatus, type TradingStatusListener } from './lobster-replay.ts';
export { MarketTape, MarketTapeBuilder, TAPE_CANCEL, TAPE_LIMIT } from './market-tape.ts';
export { recordCstTape, type CstTapeConfig } from './cst-tape.ts';
export { TapeReplay, type PriceShift } from './tape-replay.ts';
export * from './tape-statistics.ts';

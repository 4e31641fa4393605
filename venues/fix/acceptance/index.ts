// The public surface of the FIX acceptance runner (QuickFIX session-level scripts) and its acceptor.
export * from './echo-application.ts';
export * from './acceptance-acceptor.ts';
export * from './script.ts';
export * from './comparator.ts';
export * from './connection.ts';
export * from './runner.ts';
export * from './deviations.ts';
export * from './suite.ts';

/**
 * Runs one acceptance script against an engine listening on TCP, as QuickFIX's Runner.rb and
 * ReflectorClient.rb do: lines in order; I sends; E reads the next whole message and compares it; iCONNECT /
 * iDISCONNECT open and close a connection; eDISCONNECT waits up to 10 s for the engine to close, failing on
 * any data first. The first failing line ends the script. Unlike the Ruby runner, an E line waits at most
 * `expectTimeoutMs` (the Ruby runner would block for ever). A real-TCP tool, like venues/fix/tcp/.
 */
import { compareMessages, type FieldPatterns } from './comparator.ts';
import { ScriptConnection } from './connection.ts';
import { fixify, parseScript, timify, type ScriptStep } from './script.ts';

export interface ScriptFailure {
  lineNumber: number;
  line: string;
  reason: string;
  expected?: string;
  received?: string;
}

export interface ScriptResult {
  name: string;
  passed: boolean;
  failure: ScriptFailure | undefined;
  durationMs: number;
}

export interface RunnerOptions {
  host: string;
  port: number;
  patterns: FieldPatterns;
  expectTimeoutMs?: number;
  disconnectTimeoutMs?: number;
}

export async function runScript(name: string, source: string, options: RunnerOptions): Promise<ScriptResult> {
  const started = Date.now();
  const connections = new Map<number, ScriptConnection>();
  const result = (failure: ScriptFailure | undefined): ScriptResult => ({ name, passed: failure === undefined, failure, durationMs: Date.now() - started });
  try {
    for (const step of parseScript(source)) {
      const failure = await runStep(step, connections, options);
      if (failure !== undefined) return result(failure);
    }
    return result(undefined);
  } finally {
    for (const connection of connections.values()) connection.close();
  }
}

async function runStep(step: ScriptStep, connections: Map<number, ScriptConnection>, options: RunnerOptions): Promise<ScriptFailure | undefined> {
  const fail = (reason: string, extra: Partial<ScriptFailure> = {}): ScriptFailure => ({ lineNumber: step.lineNumber, line: step.line, reason, ...extra });
  const connection = connections.get(step.connectionId);
  switch (step.action) {
    case 'connect':
      try {
        connections.set(step.connectionId, await ScriptConnection.open(options.host, options.port));
      } catch (error) {
        return fail(`failed to connect: ${String(error)}`);
      }
      return undefined;
    case 'disconnect':
      connection?.close();
      connections.delete(step.connectionId);
      return undefined;
    case 'send':
      if (connection === undefined) return fail('Unable to send message because connection was dropped');
      connection.send(fixify(timify(step.text, Date.now())));
      return undefined;
    case 'expect': {
      const expected = fixify(timify(step.text, Date.now()));
      if (connection === undefined) return fail('no connection to read from');
      const read = await connection.readMessage(options.expectTimeoutMs ?? 20_000);
      if (read.kind === 'eof') return fail('Was disconnected, expected data', { expected });
      if (read.kind === 'timeout') return fail('timed out waiting for a message', { expected });
      const reason = compareMessages(expected, read.text, options.patterns);
      return reason === undefined ? undefined : fail(reason, { expected, received: read.text });
    }
    case 'expect-disconnect': {
      if (connection === undefined) return undefined;
      const outcome = await connection.waitDisconnect(options.disconnectTimeoutMs ?? 10_000);
      if (outcome === 'timeout') return fail('Connection hangs after ten seconds.');
      if (outcome === 'data') {
        const read = await connection.readMessage(0);
        return fail('Expected disconnection, got data', { received: read.kind === 'message' ? read.text : undefined });
      }
      return undefined;
    }
    case 'expect-connect':
      return fail('eCONNECT (the engine as initiator) is not supported: these scripts test an acceptor');
  }
}

/**
 * One client connection of the acceptance runner, reading as QuickFIX's test/FixParser.rb does: up to
 * `SOH 9=`, the BodyLength, that many bytes, then up to the next SOH (the CheckSum field). Reads and waits
 * are bounded in time so that a silent engine fails a script instead of hanging it.
 */
import { connect, type Socket } from 'node:net';

export type ReadResult = { kind: 'message'; text: string } | { kind: 'eof' } | { kind: 'timeout' };

export class ScriptConnection {
  private buffer = '';
  private eof = false;
  private wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('latin1');
      this.notify();
    });
    const ended = () => {
      this.eof = true;
      this.notify();
    };
    socket.on('end', ended);
    socket.on('close', ended);
    socket.on('error', ended);
  }

  static open(host: string, port: number): Promise<ScriptConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host);
      socket.once('connect', () => resolve(new ScriptConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(text: string): void {
    if (!this.socket.destroyed) this.socket.write(text, 'latin1');
  }

  close(): void {
    this.socket.destroy();
  }

  async readMessage(timeoutMs: number): Promise<ReadResult> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.takeMessage();
      if (text !== undefined) return { kind: 'message', text };
      if (this.eof) return { kind: 'eof' };
      if (!(await this.changed(deadline))) return { kind: 'timeout' };
    }
  }

  /** eDISCONNECT: end of stream with nothing before it. */
  async waitDisconnect(timeoutMs: number): Promise<'eof' | 'data' | 'timeout'> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.buffer.length > 0) return 'data';
      if (this.eof) return 'eof';
      if (!(await this.changed(deadline))) return 'timeout';
    }
  }

  private takeMessage(): string | undefined {
    const lengthStart = this.buffer.indexOf('\x019=');
    if (lengthStart < 0) return undefined;
    const lengthEnd = this.buffer.indexOf('\x01', lengthStart + 3);
    if (lengthEnd < 0) return undefined;
    const bodyEnd = lengthEnd + 1 + Number(this.buffer.slice(lengthStart + 3, lengthEnd));
    if (!Number.isFinite(bodyEnd) || this.buffer.length < bodyEnd) return undefined;
    const end = this.buffer.indexOf('\x01', bodyEnd);
    if (end < 0) return undefined;
    const text = this.buffer.slice(0, end + 1);
    this.buffer = this.buffer.slice(end + 1);
    return text;
  }

  /** Resolves true when bytes or the end of stream arrive, false at the deadline. */
  private changed(deadline: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve(false);
      }, Math.max(0, deadline - Date.now()));
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(true);
      };
    });
  }

  private notify(): void {
    this.wake?.();
  }
}

/**
 * `execdrill fix-acceptor --port <p>`: runs the FIX session engine over TCP as an acceptor with the echo
 * application (every NewOrderSingle sent back), until SIGINT or SIGTERM. Without settings it hosts the
 * sessions QuickFIX's acceptance scripts expect (SenderCompID ISLD; TW42 on FIX.4.2, TW44 on FIX.4.4;
 * ResetOnLogon). Session settings go by their QuickFIX names, as flags (`--sender-comp-id`,
 * `--resend-request-chunk-size`, ...) or in a QuickFIX settings file (`--config`); see
 * harness/fix/acceptor-settings.ts. With --verbose every message in and out is printed, SOH shown as `|`.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.ts';
import { checkPort, describeSession, resolveSessionOptions, withSessionOptions, type SessionOptionArgs } from '../fix/acceptor-options.ts';
import { helpEpilogue } from '../sweep/options.ts';
import { printable } from '../terminal-text.ts';

interface FixAcceptorArgs extends SessionOptionArgs {
  port?: number;
  host?: string;
  verbose: boolean;
}

export const fixAcceptorCommand: CommandModule<object, FixAcceptorArgs> = {
  command: 'fix-acceptor',
  describe: 'run the FIX session engine as an echo acceptor (by default the acceptance-test acceptor ISLD) until interrupted',
  builder: (y: Argv) =>
    withSessionOptions(
      y
        .wrap(null)
        .epilogue(
          helpEpilogue(
            [
              ['the acceptor for both FIX versions on port 5001, every message printed', 'execdrill fix-acceptor --port 5001 --verbose'],
              ['one session by its QuickFIX settings', 'execdrill fix-acceptor --port 5001 --sender-comp-id VENUE --target-comp-id CLIENT --begin-string FIX.4.4'],
            ],
            ["QuickFIX's acceptance scripts (not part of this project) then run against it (execdrill fix-acceptance). Exit codes: 0 stopped by SIGINT or SIGTERM, 64 bad input."],
          ),
        )
        .option('port', { type: 'number', describe: 'TCP port to listen on (0: any free port; or SocketAcceptPort in --config)' })
        .option('host', { type: 'string', describe: 'address to bind (default 127.0.0.1, or SocketAcceptAddress in --config)' })
        .option('verbose', { type: 'boolean', default: false, describe: 'print every message in and out' }),
    ) as unknown as Argv<FixAcceptorArgs>,
  handler: async (args: ArgumentsCamelCase<FixAcceptorArgs>) => {
    const { settings, limits } = resolveSessionOptions(args);
    const requested = args.port ?? settings.port;
    if (requested === undefined) throw new UsageError('--port is required (or SocketAcceptPort in the --config file)');
    const port = checkPort(requested);
    const host = args.host ?? settings.host ?? '127.0.0.1';
    const log = args.verbose ? (direction: '<' | '>', text: string) => process.stdout.write(`${direction} ${printable(text.replaceAll('\x01', '|'))}\n`) : undefined;
    const { startEchoAcceptor } = await import('../../venues/fix/acceptance/index.ts');
    let engine;
    try {
      engine = await startEchoAcceptor(settings.sessions, { port, host, log, limits });
    } catch (error) {
      throw new UsageError(`cannot listen on ${host}:${port}: ${(error as Error).message}`);
    }
    process.stdout.write(`fix-acceptor listening on ${host}:${engine.port} (${settings.sessions.map(describeSession).join('; ')})\n`);
    if (settings.ignored.length > 0) process.stdout.write(`ignored settings (no effect on this engine): ${settings.ignored.join(', ')}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await engine.close();
  },
};

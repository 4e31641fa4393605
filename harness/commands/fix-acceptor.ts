/**
 * `execdrill fix-acceptor --port <p> [--begin-string FIX.4.4]`: runs the FIX session engine over TCP as the
 * acceptor the QuickFIX acceptance scripts expect (SenderCompID ISLD; TargetCompID TW42 on FIX.4.2, TW44 on
 * FIX.4.4; ResetOnLogon; echo application), until SIGINT or SIGTERM. Without --begin-string both sessions
 * are hosted. With --verbose every message in and out is printed, SOH shown as `|`.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { BEGIN_STRINGS, type BeginString } from '../../venues/fix/codec/index.ts';
import { UsageError } from '../errors.ts';
import { helpEpilogue } from '../sweep/options.ts';

interface FixAcceptorArgs {
  port: number;
  host: string;
  'begin-string'?: string;
  verbose: boolean;
}

export const fixAcceptorCommand: CommandModule<object, FixAcceptorArgs> = {
  command: 'fix-acceptor',
  describe: 'run the FIX session engine as the acceptance-test acceptor (ISLD) until interrupted',
  builder: (y: Argv) =>
    y
      .wrap(null)
      .epilogue(
        helpEpilogue(
          [['the acceptor for both FIX versions on port 5001, every message printed', 'execdrill fix-acceptor --port 5001 --verbose']],
          ['QuickFIX\'s acceptance scripts (not part of this project) then run against it. Exit codes: 0 stopped by SIGINT or SIGTERM, 64 bad input.'],
        ),
      )
      .option('port', { type: 'number', demandOption: true, describe: 'TCP port to listen on (0: any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to bind' })
      .option('begin-string', { type: 'string', describe: `host only this version (${BEGIN_STRINGS.join(' or ')})` })
      .option('verbose', { type: 'boolean', default: false, describe: 'print every message in and out' }) as unknown as Argv<FixAcceptorArgs>,
  handler: async (args: ArgumentsCamelCase<FixAcceptorArgs>) => {
    const port = args.port;
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be an integer in 0..65535, got ${String(port)}`);
    const requested = args['begin-string'];
    const beginString = BEGIN_STRINGS.find((b) => b === requested);
    if (requested !== undefined && beginString === undefined) throw new UsageError(`--begin-string must be ${BEGIN_STRINGS.join(' or ')}, got ${requested}`);
    const beginStrings: readonly BeginString[] = beginString === undefined ? BEGIN_STRINGS : [beginString];
    const log = args.verbose ? (direction: '<' | '>', text: string) => process.stdout.write(`${direction} ${text.replaceAll('\x01', '|')}\n`) : undefined;
    const { startAcceptanceAcceptor } = await import('../../venues/fix/acceptance/index.ts');
    let engine;
    try {
      engine = await startAcceptanceAcceptor({ port, host: args.host, beginStrings, log });
    } catch (error) {
      throw new UsageError(`cannot listen on ${args.host}:${port}: ${(error as Error).message}`);
    }
    process.stdout.write(`fix-acceptor listening on ${args.host}:${engine.port} (${beginStrings.join(', ')}; SenderCompID ISLD)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await engine.close();
  },
};

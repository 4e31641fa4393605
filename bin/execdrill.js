#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the project needs no build step. An error that escapes a
// command (thrown from a callback, an unhandled rejection) still ends with the CLI's report and exit 70.
import { register } from 'tsx/esm/api';

register();
const { main, reportFailure } = await import('../harness/cli.ts');
const argv = process.argv.slice(2);
const fail = (error) => {
  process.exitCode = reportFailure(error, argv);
  process.exit();
};
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
process.exitCode = await main(argv);

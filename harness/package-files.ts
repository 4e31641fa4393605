/**
 * Where the package's own files are, whether it runs from its TypeScript source (the tests, a developer
 * with EXECDRILL_FROM_SOURCE=1) or from the JavaScript that `npm run build` puts in dist/ (the bin, an
 * installed package). Data files (scenarios/, policies' sources, package.json) sit at the package root
 * in both cases; a module is the `.ts` file itself or its build under dist/.
 *
 * A user's own module (a policy, an episode runner) may be TypeScript: from source a TypeScript loader
 * is already in place; from the build, tsx's loader is registered the first time one is imported, so
 * that commands that load no user TypeScript never pay for it.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

/** True when this file runs as TypeScript (harness/package-files.ts), false as dist/harness/package-files.js. */
export const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The package root: package.json, scenarios/, policies/, and dist/ when built. */
export const PACKAGE_ROOT = fileURLToPath(new URL(RUNNING_FROM_SOURCE ? '../' : '../../', import.meta.url));

/** A module of the package by its source path from the root (`harness/sweep/worker.ts`): the source, or its build. */
export function packageModule(sourcePath: string): URL {
  const path = RUNNING_FROM_SOURCE ? sourcePath : `dist/${sourcePath.replace(/\.ts$/, '.js')}`;
  return new URL(path, pathToFileURL(PACKAGE_ROOT));
}

const TYPESCRIPT = /\.[cm]?tsx?$/;
let typescriptLoader: Promise<void> | undefined;

/** Imports a user's module (a file URL); TypeScript is loaded through tsx when the package runs built. */
export async function importUserModule(url: string): Promise<Record<string, unknown>> {
  if (!RUNNING_FROM_SOURCE && TYPESCRIPT.test(new URL(url).pathname)) {
    typescriptLoader ??= import('tsx/esm/api').then((tsx) => {
      tsx.register();
    });
    await typescriptLoader;
  }
  return (await import(url)) as Record<string, unknown>;
}

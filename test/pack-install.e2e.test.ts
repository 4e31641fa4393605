/**
 * The package as a user installs it: `npm pack` (which builds dist/ through `prepare`), then, in an empty
 * directory, `npm install` of the tarball and vitest, then the README's own-repository example as written:
 * the policy file, the property test against `execdrill/testing`, the type check of both against the
 * shipped declarations, and the README's commands (the property test under vitest, the policy under
 * `execdrill run`, `execdrill --version`). Packages come from npm's cache when it has them (`npm ci` filled
 * it), from the registry otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docExample, ROOT } from './docs/doc-examples.ts';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
/** The user's shell: their project's node_modules/.bin first, no test-runner settings inherited. */
const userEnv = (dir: string): NodeJS.ProcessEnv => ({
  PATH: `${join(dir, 'node_modules/.bin')}:${process.env.PATH}`,
  HOME: process.env.HOME,
  CI: 'true',
  NO_COLOR: '1',
});

describe('npm pack, installed into an empty directory', () => {
  const work = mkdtempSync(join(tmpdir(), 'execdrill-pack-'));
  const user = join(work, 'user-project');

  beforeAll(() => {
    execFileSync(NPM, ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    execFileSync('mkdir', [user]);
    writeFileSync(join(user, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
    execFileSync(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', join(work, tarball as string), `vitest@${pkg.devDependencies.vitest}`], {
      cwd: user,
      env: userEnv(user),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    writeFileSync(join(user, 'my-policy.ts'), docExample('README.md', 'policy'));
    writeFileSync(join(user, 'my-policy.test.ts'), docExample('README.md', 'property-test'));
  }, 600_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships built JavaScript with declarations, the scenarios and no test or bench code', () => {
    const listing = execFileSync('tar', ['-tzf', join(work, readdirSync(work).find((file) => file.endsWith('.tgz')) as string)], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/dist/harness/cli.js');
    expect(listing).toContain('package/dist/harness/testing/index.d.ts');
    expect(listing).toContain('package/scenarios/drills/bundled.yaml');
    expect(listing.filter((file) => /^package\/(test|bench)\//.test(file))).toEqual([]);
    expect(listing.filter((file) => /^package\/dist\/.*\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('type-checks the README policy and property test against the shipped declarations', () => {
    writeFileSync(
      join(user, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] }, include: ['*.ts'] }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', user], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it("runs the README's own-repository commands: the property test, the policy in an episode, --version", () => {
    const commands = docExample('README.md', 'own-repository-commands')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== '');
    expect(commands.length).toBeGreaterThanOrEqual(4);
    const outputs = commands.map((command) => {
      const result = spawnSync('sh', ['-c', command], { cwd: user, env: userEnv(user), encoding: 'utf8' });
      expect(result.status, `${command}\n${result.stdout}${result.stderr}`).toBe(0);
      return result.stdout;
    });
    expect(outputs.join('\n')).toMatch(/Tests\s+1 passed/);
    expect(outputs.join('\n')).toContain('patient');
    expect(outputs.join('\n')).toContain(pkg.version);
    // The drill ran its sweep on worker threads, wrote its report and drew its charts (the canvas works where installed).
    expect(outputs.join('\n')).toMatch(/^drill ci-smoke: PASSED \(exit 0\)/m);
    expect(readdirSync(join(user, 'results/ci-smoke/charts')).filter((file) => file.endsWith('.png')).length).toBeGreaterThan(4);
  });
});

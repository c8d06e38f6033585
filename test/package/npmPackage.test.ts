// The npm package for other editors and CI: packed, installed into an empty prefix offline, and
// both of its commands run as a user runs them (through the bin links, node from PATH).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { type InstalledPackage, installedPackage } from '../helpers/installedPackage';
import { LspClient } from '../helpers/lspClient';
import { SHARED } from '../helpers/reference';

const CORPUS = join(SHARED, 'corpus');
const INVALID = join(CORPUS, 'published-invalid', 'examples-aws-ebs-protocol-lowercase.yaml');
const VALID = join(CORPUS, 'valid', 'csi-hostpath-inline-csi-volume.yaml');
const FINDING = 'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"';

let pkg: InstalledPackage;
before(() => {
  pkg = installedPackage();
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`;
  console.log(
    `npm package: tarball ${mib(pkg.tarball.size)} (${pkg.tarball.files.length} files, ${mib(pkg.tarball.unpackedSize)} unpacked); the install adds ${mib(pkg.installedBytes)}: ${pkg.installedPackages.join(', ')}`,
  );
});

function cli(args: string[], input?: string) {
  return spawnSync(join(pkg.bin, 'pod-manifests'), args, { encoding: 'utf8', input });
}

describe('the npm package', { skip: !existsSync(CORPUS) && 'no ../shared/corpus' }, () => {
  it('holds the two commands, the schemas and the compiled validators, and nothing to fetch or build', () => {
    const files = pkg.tarball.files;
    for (const f of [
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
      'package.json',
      'dist/cli.js',
      'dist/server.js',
      'dist/validators/pod-v1.35.js',
      'schemas/pod-v1.20.json',
    ])
      assert.ok(files.includes(f), `${f} is in the tarball`);
    assert.deepEqual(
      files.filter((f) => !/^(dist\/[\w.]+\.js|dist\/validators\/[\w.-]+\.js|schemas\/[\w.-]+\.json|LICENSE|README\.md|CHANGELOG\.md|package\.json)$/.test(f)),
      [],
      'nothing else: no sources, tests, maps or the VS Code extension',
    );
    assert.ok(!files.includes('dist/extension.js'));
    assert.deepEqual(pkg.installedPackages, ['pod-manifests'], 'no run-time dependencies');
    assert.deepEqual(pkg.installWarnings, [], 'npm installs it without a warning (no install script to allow)');
    const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    assert.deepEqual(manifest.bin, { 'pod-manifests': 'dist/cli.js', 'pod-manifests-language-server': 'dist/server.js' });
  });

  it('pod-manifests validate: text, json, sarif and github formats, standard input, and the exit codes', () => {
    const clean = cli(['validate', VALID]);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);

    const text = cli(['validate', INVALID]);
    assert.equal(text.status, 1);
    assert.equal(text.stdout.trim(), `${INVALID}:12:21: error: ${FINDING}`);

    const json = cli(['validate', '--format', 'json', INVALID]);
    assert.equal(json.status, 1);
    const [finding] = JSON.parse(json.stdout) as { message: string; line: number; code: string }[];
    assert.deepEqual([finding.code, finding.line, finding.message], ['unsupported-value', 12, FINDING]);

    const sarif = cli(['validate', '--format', 'sarif', INVALID]);
    assert.equal(sarif.status, 1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(
      log.runs[0].results.map((r) => `${r.ruleId}: ${r.message.text}`),
      [`unsupported-value: ${FINDING}`],
    );

    const github = cli(['validate', '--format', 'github', INVALID]);
    assert.equal(github.status, 1);
    assert.match(
      github.stdout,
      /^::error file=.*examples-aws-ebs-protocol-lowercase\.yaml,line=12,col=21,endLine=12,endColumn=24,title=pod-manifests\(unsupported-value\)::/,
    );

    const stdin = cli(['validate', '-'], readFileSync(INVALID, 'utf8'));
    assert.equal(stdin.status, 1);
    assert.equal(stdin.stdout.trim(), `<stdin>:12:21: error: ${FINDING}`);

    const older = cli(['validate', '--kubernetes-version', '1.20', VALID]);
    assert.equal(older.status, 0, older.stdout);

    const usage = cli(['validate', '--format', 'xml', INVALID]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--format/);
    const missing = cli(['validate', join(CORPUS, 'no-such-file.yaml')]);
    assert.equal(missing.status, 2);
  });

  describe('pod-manifests-language-server --stdio', () => {
    let client: LspClient;
    before(async () => {
      client = await LspClient.start({ server: { name: 'installed', command: join(pkg.bin, 'pod-manifests-language-server'), args: ['--stdio'] } });
    });
    after(() => client?.stop());

    it('initializes and gives the diagnostics of a Pod', async () => {
      const { version } = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as { version: string };
      assert.deepEqual(client.initializeResult.serverInfo, { name: 'pod-manifests', version });
      const diagnostics = await client.open(pathToFileURL(INVALID).href, readFileSync(INVALID, 'utf8'));
      assert.deepEqual(
        diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
        [`12:21 ${FINDING}`],
      );
    });
  });
});

/**
 * `pod-manifests validate [--kubernetes-version V] [--format text|json] FILE|DIR|-...`: the editor's
 * checks for CI pipelines. Same engine, same results: it runs the language service's validate.
 * Exit code: 0 clean (warnings allowed), 1 when any error, 2 on a usage error or unreadable file.
 *
 * `runCli` is the whole command over a schema provider and two output streams, so the tests run it
 * from source, in-process; run as a script (dist/cli.js) it reads the bundled schemas and the
 * precompiled validators beside it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { precompiledValidators, schemasFromDirectory } from './schema/load';
import { isKubernetesVersion, NEWEST, VERSIONS } from './schema/versions';
import { createPodLanguageService } from './service';
import type { SchemaProvider } from './schema/load';
import type { DiagnosticData } from './service/diagnostics';
import { isChartValuesFile } from './chartFiles';
import { isKustomizePatchUri } from './kustomize';
import type { Labels } from './service/namespaces';
import { parsePodSecuritySetting } from './service/podSecurity';
import { CliFinding, githubAnnotations, sarif } from './ciFormats';
import { PACKAGE_VERSION } from './packageVersion';

/** What `-` reads: the standard input, named so in the findings. */
const STDIN = '<stdin>';

/** A file as a SARIF artifact URI: relative to the working directory, each segment escaped (a space, `#`, `<stdin>`). */
function sarifUri(file: string): string {
  const path = file === STDIN ? [STDIN] : relative(process.cwd(), resolve(file)).split(sep);
  return path.map(encodeURIComponent).join('/');
}

const USAGE = `Usage: pod-manifests validate [--kubernetes-version ${VERSIONS[0]}…${NEWEST}] [--format text|json|sarif|github] [--show-suppressed]
                              [--pod-security LEVEL[:VERSION]] FILE|DIR...

Checks every Pod and workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob,
ReplicationController, PodTemplate) in the YAML and JSON files given (directories: their .yaml, .yml and .json files)
as the Kubernetes API server would. Prints file:line:col: severity: message; exits 1 on any error.
A \`# pod-manifests-disable-next-line CODE…\` comment above a line, or \`# pod-manifests-disable CODE…\`
at the top of a document, silences those diagnostics there; --show-suppressed lists them too,
marked "suppressed" with the comment's line (they do not change the exit code).

--format sarif writes SARIF 2.1.0 (for code scanning), --format github GitHub Actions annotations;
- reads the standard input. Exit codes: 0 no error (warnings allowed), 1 an error, 2 a usage error
or an unreadable file.

Pod Security Standards, as Pod Security Admission evaluates them: --pod-security restricted,
baseline:1.27, restricted:latest (any of 1.0…, "latest" being the newest policy known) enforces one
policy on every document; without it, a namespace's \`pod-security.kubernetes.io/*\` labels apply
where a Namespace document among the files gives them (--pod-security off: never). As the server
does, a Pod that violates the enforced level is an error; a workload, a warning.`;

/** A usage error or an unreadable file: exit code 2. */
class UsageError extends Error {}

/** `--help`: the usage, exit code 0. */
class HelpAsked extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

function parseArgs(argv: string[]) {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') throw new HelpAsked();
  if (command !== 'validate') fail(command ? `unknown command "${command}"` : 'no command');
  let version: string = NEWEST;
  let format = 'text';
  let showSuppressed = false;
  let podSecurity = 'namespace';
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = a.startsWith('--') ? a.split(/=(.*)/s, 2) : [a, undefined];
    const value = () => inline ?? rest[++i] ?? fail(`${flag} needs a value`);
    if (flag === '--kubernetes-version') version = value();
    else if (flag === '--format') format = value();
    else if (flag === '--show-suppressed') showSuppressed = true;
    else if (flag === '--pod-security') podSecurity = value();
    else if (flag === '--help' || flag === '-h') throw new HelpAsked();
    else if (a.startsWith('-') && a !== '-') fail(`unknown option ${a}`);
    else files.push(a);
  }
  if (!isKubernetesVersion(version)) fail(`--kubernetes-version must be one of ${VERSIONS.join(', ')}`);
  if (!['text', 'json', 'sarif', 'github'].includes(format)) fail('--format must be text, json, sarif or github');
  if (files.length === 0) fail('no files given');
  const security =
    parsePodSecuritySetting(podSecurity) ??
    fail('--pod-security must be privileged, baseline or restricted, with an optional :VERSION (1.27, v1.27, latest), or off');
  return { version, format, files, showSuppressed, security };
}

function expand(path: string): string[] {
  if (path === '-') return [STDIN];
  let stat;
  try {
    stat = statSync(path);
  } catch {
    fail(`cannot read ${path}`);
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? expand(join(path, e.name)) : /\.(ya?ml|json)$/i.test(e.name) ? [join(path, e.name)] : []));
}

const SEVERITY: Record<number, CliFinding['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
};

/** The command line `argv` (without node and the script), checked against `schemas`; returns the exit code. */
export function runCli(argv: string[], schemas: SchemaProvider, out: CliOutput): number {
  try {
    return validate(argv, schemas, out);
  } catch (e) {
    if (e instanceof HelpAsked) {
      out.stdout(USAGE + '\n');
      return 0;
    }
    if (e instanceof UsageError) {
      out.stderr(`pod-manifests: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

function validate(argv: string[], schemas: SchemaProvider, out: CliOutput): number {
  const { version, format, files, showSuppressed, security } = parseArgs(argv);
  // The Namespace documents among the files: their labels set the Pod Security of their namespaces.
  const namespaces = new Map<string, { labels: Labels; source: string }>();
  const service = createPodLanguageService({
    schemas,
    version: version as (typeof VERSIONS)[number],
    isPatch: (uri) => isKustomizePatchUri(uri),
    namespaceLabels: (ns) => namespaces.get(ns),
  });
  service.setPodSecurity(security);
  const docs = files
    .flatMap(expand)
    .filter((file) => !isChartValuesFile(file))
    .map((file) => {
      let text: string;
      try {
        text = readFileSync(file === STDIN ? 0 : file, 'utf8');
      } catch (e) {
        fail(`cannot read ${file}: ${(e as Error).message}`);
      }
      const uri = file === STDIN ? 'file:///dev/stdin' : pathToFileURL(resolve(file)).href;
      return { file, doc: { uri, version: 1, getText: () => text } };
    });
  if (security.mode === 'namespace') {
    for (const { file, doc } of docs) {
      for (const ns of service.namespaces(doc))
        if (!namespaces.has(ns.name)) namespaces.set(ns.name, { labels: ns.labels, source: `Namespace "${ns.name}" in ${file}` });
    }
  }
  const findings: CliFinding[] = [];
  for (const { file, doc } of docs) {
    const shown = service.validate(doc).map((diagnostic) => ({ diagnostic, commentLine: undefined as number | undefined }));
    const silenced = showSuppressed ? service.suppressed(doc) : [];
    // The silenced ones among the others, in line order (without them, the order is the editor's).
    const listed = silenced.length ? [...shown, ...silenced].sort((a, b) => a.diagnostic.range.start.line - b.diagnostic.range.start.line) : shown;
    for (const { diagnostic: d, commentLine } of listed) {
      findings.push({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error],
        code: String(d.code),
        message: typeof d.message === 'string' ? d.message : d.message.value,
        path: (d.data as DiagnosticData | undefined)?.path,
        ...(commentLine === undefined ? {} : { suppressedBy: commentLine + 1 }),
      });
    }
  }
  if (format === 'json') out.stdout(JSON.stringify(findings, null, 2) + '\n');
  else if (format === 'sarif') out.stdout(JSON.stringify(sarif(findings, PACKAGE_VERSION, sarifUri), null, 2) + '\n');
  else if (format === 'github') out.stdout(githubAnnotations(findings));
  else
    out.stdout(
      findings
        .map((f) => `${f.file}:${f.line}:${f.column}: ${f.suppressedBy ? `suppressed (line ${f.suppressedBy}) ` : ''}${f.severity}: ${f.message}\n`)
        .join(''),
    );
  return findings.some((f) => f.severity === 'error' && !f.suppressedBy) ? 1 : 0;
}

if (require.main === module) {
  // dist/cli.js: the schemas and validators of the package, beside it.
  const schemas = schemasFromDirectory(join(__dirname, '..', 'schemas'), precompiledValidators(join(__dirname, 'validators')));
  process.exitCode = runCli(process.argv.slice(2), schemas, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

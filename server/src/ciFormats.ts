/**
 * The CLI's findings in the formats CI reads: SARIF 2.1.0 (GitHub code scanning and other
 * viewers: a rule per code with its help text, each result with its region and the API field path
 * as its logical location) and GitHub workflow commands (annotations on the pull request).
 */
export interface CliFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information';
  code: string;
  message: string;
  path?: string;
  /** the line of the comment that silences it (--show-suppressed) */
  suppressedBy?: number;
}

/** What each code means, for a SARIF rule's help; a code not listed gets the family's. */
const RULE_HELP: Record<string, string> = {
  'yaml-syntax': 'The YAML cannot be parsed as Kubernetes parses it (go-yaml): the API server refuses the document.',
  'duplicate-key': 'A key is repeated in one mapping: Kubernetes refuses the document (strict decoding).',
  'too-complex': 'The document is too large or too deeply nested to be analysed.',
  'unknown-field': 'A field the schema of this Kubernetes version does not have: strict decoding refuses it.',
  'unavailable-field': 'A field this Kubernetes version does not have yet (or any more).',
  'wrong-type': 'A value of the wrong type: the API server cannot decode it.',
  'unsupported-value': 'A value outside the ones the API server accepts for the field.',
  'invalid-quantity': 'A resource quantity the API server cannot parse.',
  required: 'A field the API server requires is missing.',
  'wrong-api-version': 'An apiVersion that does not serve this kind.',
  'deprecated-api-version': 'An apiVersion the API server still serves but has deprecated.',
  'wrong-kind': 'A kind the language server does not know under this apiVersion.',
  'missing-kind': 'The document has no kind.',
  'missing-api-version': 'The document has no apiVersion.',
  'invalid-value': "A value the API server's validation refuses.",
  'duplicate-value': "A value repeated where the API server's validation wants it unique.",
  'not-found': "A name the API server's validation looks up and does not find.",
  forbidden: "A field or value the API server's validation forbids here.",
  'too-long': "A value longer than the API server's validation allows.",
  'too-many': "More items than the API server's validation allows.",
  warning: 'A warning the API server sends with its answer.',
  'unresolved-name': 'A name that points at nothing (a port, a container, a ConfigMap key): the API server accepts it, and it fails later.',
  'selects-nothing': "A Service whose selector matches none of its file's Pod templates.",
};

function helpOf(code: string): string {
  if (RULE_HELP[code]) return RULE_HELP[code];
  if (code.startsWith('pod-security/'))
    return `The Pod Security Standards check "${code.slice('pod-security/'.length)}" (k8s.io/pod-security-admission), as the namespace's policy evaluates it.`;
  return 'A finding of pod-manifests.';
}

const LEVEL = { error: 'error', warning: 'warning', information: 'note' } as const;

/** SARIF 2.1.0, one run; `relative` gives a file's artifact URI (the CLI: relative to the working directory). */
export function sarif(findings: readonly CliFinding[], version: string, relative: (file: string) => string): object {
  const codes = [...new Set(findings.map((f) => f.code))].sort();
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pod-manifests',
            version,
            informationUri: 'https://github.com/pod-manifests/pod-manifests',
            rules: codes.map((id) => ({ id, shortDescription: { text: helpOf(id) }, help: { text: helpOf(id) } })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: ruleIndex.get(f.code),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relative(f.file) },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
              ...(f.path ? { logicalLocations: [{ fullyQualifiedName: f.path, kind: 'member' }] } : {}),
            },
          ],
          ...(f.suppressedBy ? { suppressions: [{ kind: 'inSource', justification: `silenced by the comment on line ${f.suppressedBy}` }] } : {}),
        })),
      },
    ],
  };
}

/** A workflow command's data and properties, escaped as the runner reads them. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations: `::error file=…,line=…::message`, one per finding (silenced ones left out). */
export function githubAnnotations(findings: readonly CliFinding[]): string {
  return findings
    .filter((f) => !f.suppressedBy)
    .map((f) => {
      const kind = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(`pod-manifests(${f.code})`)}`,
      ];
      return `::${kind} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}

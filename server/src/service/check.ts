/**
 * The problems of one `---` document: YAML syntax, its header (apiVersion/kind), the schema and
 * the API server's rules of its kind, each fault once; computed once per document text and schema.
 */
import type { ObjectKind } from '../schema/kinds';
import type { Decoded } from '../yaml/decode';
import type { SchemaModel } from '../schema/model';
import { templateUnchecked, UNCHECKED_CLAIMS_NOTE, UNCHECKED_TEMPLATE_NOTE } from '../rules/workloads';
import { KIND_INFO } from '../schema/kinds';
import type { AnalysedPart } from './documents';
import type { Problem } from './problems';
import { servedProblem } from './classify';
import { combine } from './combine';
import { checkObjectRules } from './ruleCheck';
import { asDecodedByServer, checkAgainstSchema } from './schemaCheck';

/** The schema a document of each kind is read with: a bundled version's, or the cluster's. */
export type ModelFor = (kind: ObjectKind) => SchemaModel;

/** The kind a document is read as: its own, or a Pod's while it is still on its way to being one. */
export const kindOf = (part: AnalysedPart): ObjectKind => (part.class.kind === 'object' ? part.class.type : 'Pod');

export function problemsOf(part: AnalysedPart, models: ModelFor): Problem[] {
  const model = models(kindOf(part));
  const cached = part.problems.get(model);
  if (cached) return cached;
  const problems: Problem[] = [];
  const cls = part.class;
  if (cls.kind !== 'other') {
    for (const s of part.parsed.syntax) problems.push({ code: s.code as Problem['code'], severity: 'error', message: s.message, span: s.span });
    problems.push(...cls.header);
    const decoded = part.parsed.decoded;
    if (cls.kind === 'object' && decoded) {
      // An apiVersion the version does not serve: the server goes no further than "no matches for
      // kind", nor do we (the quick fix's apiVersion brings the body's own faults).
      // (The version in use is the Pod schema's: with a cluster's own, the cluster's.)
      const served = servedProblem(decoded.value, decoded.index, cls.type, models('Pod').version);
      if (served) problems.push(served);
      if (served?.severity !== 'error') problems.push(...bodyProblems(part, decoded, cls.type, model));
    }
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  part.problems.set(model, problems);
  return problems;
}

/** The schema's and the rules' problems of a document's body, each fault once. */
function bodyProblems(part: AnalysedPart, decoded: Decoded, kind: ObjectKind, model: SchemaModel): Problem[] {
  // On a line with a syntax error the parser's reading is a guess: the syntax error says it all.
  const lines = part.parsed.lines;
  const broken = new Set(part.parsed.syntax.filter((s) => s.code !== 'duplicate-key').map((s) => lines.positionAt(s.span.start).line));
  const value = asDecodedByServer(decoded.value, model);
  const schema = uncheckedTemplate(checkAgainstSchema(value, decoded.index, model), kind, model.version);
  const found = combine(schema, checkObjectRules(value, decoded.index, kind, model.version));
  return found.filter((p) => !broken.has(lines.positionAt(p.span.start).line));
}

/**
 * Where the server leaves a template unchecked (a StatefulSet's Pod template and volume claim
 * templates, before 1.34), what only its validation would refuse (a missing field, a value outside
 * an enum) is a warning: the Pods (or claims) fail later. What cannot be decoded (a wrong type, a
 * bad quantity) is refused all the same.
 */
function uncheckedTemplate(problems: Problem[], kind: ObjectKind, version: string): Problem[] {
  if (!templateUnchecked(kind, version)) return problems;
  const note = (path: string) =>
    path.startsWith(`${KIND_INFO[kind].templatePath}.`)
      ? UNCHECKED_TEMPLATE_NOTE
      : path.startsWith('spec.volumeClaimTemplates[')
        ? UNCHECKED_CLAIMS_NOTE
        : undefined;
  return problems.map((p) => {
    const why = p.severity === 'error' && (p.code === 'required' || p.code === 'unsupported-value') && p.path ? note(p.path) : undefined;
    return why ? { ...p, severity: 'warning', message: `${p.message}. ${why}` } : p;
  });
}

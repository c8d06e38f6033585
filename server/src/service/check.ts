/**
 * The problems of one `---` document: YAML syntax, its header (apiVersion/kind), the schema and
 * the API server's rules, each fault once; computed once per document text and schema.
 */
import type { SchemaModel } from '../schema/model';
import type { AnalysedPart } from './documents';
import type { Problem } from './problems';
import { combine } from './combine';
import { checkPodRules } from './ruleCheck';
import { asDecodedByServer, checkAgainstSchema } from './schemaCheck';

export function problemsOf(part: AnalysedPart, model: SchemaModel): Problem[] {
  const cached = part.problems.get(model);
  if (cached) return cached;
  const problems: Problem[] = [];
  if (part.class.kind !== 'other') {
    for (const s of part.parsed.syntax) problems.push({ code: s.code as Problem['code'], severity: 'error', message: s.message, span: s.span });
    problems.push(...part.class.header);
    const decoded = part.parsed.decoded;
    if (part.class.kind === 'pod' && decoded) {
      // On a line with a syntax error the parser's reading is a guess: the syntax error says it all.
      const lines = part.parsed.lines;
      const broken = new Set(part.parsed.syntax.filter((s) => s.code !== 'duplicate-key').map((s) => lines.positionAt(s.span.start).line));
      const value = asDecodedByServer(decoded.value, model);
      const found = combine(checkAgainstSchema(value, decoded.index, model), checkPodRules(value, decoded.index, model.version));
      for (const p of found) {
        if (!broken.has(lines.positionAt(p.span.start).line)) problems.push(p);
      }
    }
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  part.problems.set(model, problems);
  return problems;
}

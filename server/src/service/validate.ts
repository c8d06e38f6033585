/**
 * Diagnostics of a file: for each Pod document, its YAML syntax problems, header problems and
 * schema problems, computed once per document text and Kubernetes version.
 */
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import type { SchemaModel } from '../schema/model';
import type { Span } from '../yaml/decode';
import type { AnalysedFile, AnalysedPart } from './documents';
import type { Problem, Severity } from './problems';
import { combine } from './combine';
import { checkPodRules } from './ruleCheck';
import { checkAgainstSchema } from './schemaCheck';

export const SOURCE = 'pod-manifests';

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
      const found = combine(checkAgainstSchema(decoded.value, decoded.index, model), checkPodRules(decoded.value, decoded.index, model.version));
      for (const p of found) {
        if (!broken.has(lines.positionAt(p.span.start).line)) problems.push(p);
      }
    }
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  part.problems.set(model, problems);
  return problems;
}

export function spanToRange(part: AnalysedPart, span: Span): Range {
  span = visible(span, part.text);
  const start = part.parsed.lines.positionAt(beforeCr(span.start, part.text));
  const end = part.parsed.lines.positionAt(beforeCr(span.end, part.text));
  return {
    start: { line: start.line + part.line, character: start.character },
    end: { line: end.line + part.line, character: end.character },
  };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export interface DiagnosticData {
  replacement?: string;
  path?: string;
}

export function validateFile(file: AnalysedFile, model: SchemaModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const part of file.parts) {
    for (const p of problemsOf(part, model)) {
      const data: DiagnosticData = {};
      if (p.replacement !== undefined) data.replacement = p.replacement;
      if (p.path !== undefined) data.path = p.path;
      out.push({ range: spanToRange(part, p.span), severity: SEVERITY[p.severity], code: p.code, source: SOURCE, message: p.message, data });
    }
  }
  return out;
}

/** An offset between the \r and \n of a CRLF line break is past the line's end for the editor: move it before the \r. */
const beforeCr = (offset: number, text: string) => (offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset);

/**
 * An empty value has an empty span (`- ` with nothing after it): widen it to the `-` or `:` that
 * introduces it, so the editor has something to underline.
 */
function visible(span: Span, text: string): Span {
  if (span.end > span.start) return span;
  let i = span.start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && (text[i] === '-' || text[i] === ':')) return { start: i, end: span.start };
  return span.start < text.length && text[span.start] !== '\n' ? { start: span.start, end: span.start + 1 } : span;
}

/**
 * One document of a YAML file, parsed once and kept: its syntax errors (worded as Kubernetes'
 * YAML decoder words them), the decoded value with its path index, and the line map.
 */
import { Document, isScalar, parseDocument, visit, YAMLError } from 'yaml';
import { DecodeLimitError, decodeDocument, Decoded, Span } from './decode';
import { LineMap } from './lines';

export interface SyntaxProblem {
  span: Span;
  message: string;
  /** `yaml-syntax`, `duplicate-key`, `too-complex`. */
  code: string;
}

export interface ParsedDocument {
  text: string;
  lines: LineMap;
  ast: Document;
  syntax: SyntaxProblem[];
  /** Undefined when the document could not be decoded safely (see `syntax`). */
  decoded?: Decoded;
}

export function parseYamlDocument(text: string): ParsedDocument {
  const lines = new LineMap(text);
  // Scalars are resolved by our own go-yaml table (scalars.ts), so the parser needs no schema of its own:
  // 'failsafe' skips the YAML 1.1 tag tests on every scalar, which cost half the parse.
  const ast = parseDocument(text, { version: '1.1', schema: 'failsafe', merge: false, prettyErrors: false, uniqueKeys: true });
  const syntax: SyntaxProblem[] = [];
  for (const error of ast.errors) {
    const problem = syntaxProblem(error, text, lines, ast);
    if (problem) syntax.push(problem);
  }
  let decoded: Decoded | undefined;
  try {
    decoded = decodeDocument(ast);
  } catch (e) {
    if (!(e instanceof DecodeLimitError)) throw e;
    syntax.push({ span: e.span, message: e.message, code: 'too-complex' });
  }
  return { text, lines, ast, syntax, decoded };
}

/** go-yaml's words where they help the user find the same error in kubectl's output. */
function syntaxProblem(error: YAMLError, text: string, lines: LineMap, ast: Document): SyntaxProblem | undefined {
  let [start, end] = error.pos;
  if (end <= start) end = Math.min(start + 1, text.length);
  const line = lines.positionAt(start).line + 1;
  const first = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (error.code) {
    case 'BAD_DQ_ESCAPE':
      // go-yaml accepts \' inside double quotes (kubectl does too); YAML 1.2 parsers do not.
      if (text.slice(start, start + 2) === "\\'") return undefined;
      break;
    case 'DUPLICATE_KEY': {
      const dup = findDuplicate(ast, start);
      const key = dup?.name ?? text.slice(start, end);
      if (dup) end = Math.max(end, dup.end);
      return {
        span: { start, end },
        message: dup?.first !== undefined ? `mapping key "${key}" already defined at line ${lines.positionAt(dup.first).line + 1}` : `mapping key "${key}" already defined`,
        code: 'duplicate-key',
      };
    }
    case 'BAD_SCALAR_START':
      return { span: { start, end }, message: `yaml: line ${line}: found character that cannot start any token`, code: 'yaml-syntax' };
    case 'TAB_AS_INDENT':
      return { span: { start, end }, message: `yaml: line ${line}: found character that cannot start any token (a tab cannot indent YAML)`, code: 'yaml-syntax' };
  }
  return { span: { start, end }, message: `yaml: line ${line}: ${lowerFirst(first)}`, code: 'yaml-syntax' };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The repeated key that starts at `dupAt`: its name, end, and where it first stands in its mapping. */
function findDuplicate(ast: Document, dupAt: number): { name: string; end: number; first?: number } | undefined {
  let found: { name: string; end: number; first?: number } | undefined;
  visit(ast, {
    Map(_, map) {
      const dup = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === dupAt);
      if (!dup || !isScalar(dup.key)) return undefined;
      const name = String(dup.key.source ?? dup.key.value);
      const first = map.items.find((p) => isScalar(p.key) && String(p.key.source ?? p.key.value) === name);
      found = { name, end: dup.key.range?.[1] ?? dupAt + name.length, first: isScalar(first?.key) ? first.key.range?.[0] : undefined };
      return visit.BREAK;
    },
  });
  return found;
}

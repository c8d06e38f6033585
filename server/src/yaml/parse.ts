/**
 * One document of a YAML file, parsed once and kept: its syntax errors (worded as Kubernetes'
 * YAML decoder words them), the decoded value with its path index, and the line map.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLError } from 'yaml';
import { DecodeLimitError, decodeDocument, Decoded, Span } from './decode';
import { LineMap } from './lines';
import { DuplicateKey, duplicateKeys } from './duplicateKeys';

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
  /** Repeated keys, as found (`syntax` has them worded). */
  duplicates: DuplicateKey[];
  /** Undefined when the document could not be decoded safely (see `syntax`). */
  decoded?: Decoded;
  /** The AST's ranges in document order, once a partial re-parse has needed them (reparseParts.ts). */
  ranges?: [number, number, number][];
}

/** The parser's options, the same for a whole document and for a part of one (reparse.ts). */
export function parseYaml(text: string): Document {
  // Scalars are resolved by our own go-yaml table (scalars.ts), so the parser needs no schema of its own:
  // 'failsafe' skips the YAML 1.1 tag tests on every scalar, which cost half the parse.
  const doc = parseDocument(text, { version: '1.1', schema: 'failsafe', merge: false, prettyErrors: false, uniqueKeys: false });
  const halfTyped = doc.errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => e.pos[0]);
  if (halfTyped.length > 0) nameByLastLine(doc, text, new Set(halfTyped));
  return doc;
}

/**
 * A key being typed on a line of its own reads on into the next line's key: `ho` above `volumes:`
 * parses as one key `ho volumes` (with the syntax error "implicit keys need to be on a single
 * line"). Read as that, the document would lose its `volumes` for as long as the key is half
 * typed, and every mount in 200 containers would be reported for it. The key is named by its
 * last line, the one that holds the `:`, so the analysis sees what was there before the user
 * began typing; the syntax error stays on the half-typed line.
 */
function nameByLastLine(doc: Document, text: string, starts: Set<number>): void {
  // An explicit stack, not recursion: documents may nest thousands of levels deep.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0 && starts.size > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.type === Scalar.PLAIN && key.range && starts.delete(key.range[0])) {
          const end = key.range[1];
          const own = text.slice(text.lastIndexOf('\n', end - 1) + 1, end).trim();
          key.source = own;
          key.value = own;
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
}

export function parseYamlDocument(text: string): ParsedDocument {
  const lines = new LineMap(text);
  const ast = parseYaml(text);
  // Repeated keys in one pass (the parser's own check, uniqueKeys, is quadratic in a mapping's size).
  const duplicates = duplicateKeys(ast);
  const syntax = syntaxProblems(ast.errors, duplicates, text, lines);
  let decoded: Decoded | undefined;
  try {
    decoded = decodeDocument(ast);
  } catch (e) {
    if (!(e instanceof DecodeLimitError)) throw e;
    syntax.push({ span: e.span, message: e.message, code: 'too-complex' });
  }
  return { text, lines, ast, syntax, duplicates, decoded };
}

export function syntaxProblems(errors: readonly YAMLError[], duplicates: readonly DuplicateKey[], text: string, lines: LineMap): SyntaxProblem[] {
  const syntax: SyntaxProblem[] = [];
  for (const error of errors) {
    const problem = syntaxProblem(error, text, lines);
    if (problem) syntax.push(problem);
  }
  for (const dup of duplicates) {
    const where = dup.first !== undefined ? ` at line ${lines.positionAt(dup.first).line + 1}` : '';
    syntax.push({
      span: { start: dup.start, end: Math.max(dup.end, dup.start + 1) },
      message: `mapping key "${dup.name}" already defined${where}`,
      code: 'duplicate-key',
    });
  }
  return syntax;
}

/** go-yaml's words where they help the user find the same error in kubectl's output. */
function syntaxProblem(error: YAMLError, text: string, lines: LineMap): SyntaxProblem | undefined {
  const start = error.pos[0];
  let end = error.pos[1];
  if (end <= start) end = Math.min(start + 1, text.length);
  const line = lines.positionAt(start).line + 1;
  const first = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (error.code) {
    case 'BAD_DQ_ESCAPE':
      // go-yaml accepts \' inside double quotes (kubectl does too); YAML 1.2 parsers do not.
      if (text.slice(start, start + 2) === "\\'") return undefined;
      break;
    case 'BAD_SCALAR_START':
      return { span: { start, end }, message: `yaml: line ${line}: found character that cannot start any token`, code: 'yaml-syntax' };
    case 'TAB_AS_INDENT':
      return {
        span: { start, end },
        message: `yaml: line ${line}: found character that cannot start any token (a tab cannot indent YAML)`,
        code: 'yaml-syntax',
      };
  }
  return { span: { start, end }, message: `yaml: line ${line}: ${lowerFirst(first)}`, code: 'yaml-syntax' };
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

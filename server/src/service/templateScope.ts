/**
 * What a Helm template leaves unknown (yaml/template.ts masks its actions): which problems of a
 * document could be changed by rendering, and so are not reported.
 * - A problem on a value an action stands for: the value is unknown.
 * - A line of only actions may add keys or items where it stands (an `include`, a `toYaml`) or
 *   choose between literal ones (`if` / `else`): the collection it stands in is *open*. Nothing
 *   there is certainly missing or repeated, a field path that reaches into it may be filled by
 *   it, and a name looked up in the document (a volume, a port) may be defined by it.
 * Everything else, literal keys and values, is reported as in any manifest.
 */
import type { TemplateMask } from '../yaml/template';
import type { AnalysedPart } from './documents';
import type { Problem } from './problems';
import { pointerOfProblem } from './where';

/** The collections that lines of only actions stand in: pointer → those lines (0-based, in the file). */
export function openPointers(part: AnalysedPart, template: TemplateMask): Map<string, number[]> {
  const open = new Map<string, number[]>();
  const first = part.line;
  const lines = part.parsed.lines;
  const controls = template.control.filter((c) => c.line >= first && c.line < first + lines.lineCount);
  if (controls.length === 0) return open;
  const index = part.parsed.decoded?.index;
  if (!index) return open;
  // Each key (or list item, at its dash) by line: [column, pointer].
  const anchors = new Map<number, [number, string][]>();
  index.forEach((entry, pointer) => {
    if (pointer === '') return;
    let offset = entry.keyStart;
    if (offset < 0) {
      // A list item: where its dash is.
      offset = entry.valueStart;
      while (offset > 0 && part.text[offset - 1] === ' ') offset--;
      if (part.text[offset - 1] === '-') offset--;
    }
    const { line, character } = lines.positionAt(offset);
    const list = anchors.get(line) ?? [];
    list.push([character, pointer]);
    anchors.set(line, list);
  });
  for (const { line, column } of controls) {
    // The nearest key or item above at this column or left of it: one further left holds the
    // line; one at the same column is a sibling of what the line writes, so its parent does.
    let owner = '';
    // (From the line itself: a key whose value an action writes is on it.)
    for (let l = line - first; l >= 0; l--) {
      const inner = (anchors.get(l) ?? []).filter(([c]) => c <= column).sort((a, b) => b[0] - a[0])[0];
      if (inner) {
        owner = inner[0] === column ? parentOf(inner[1]) : inner[1];
        break;
      }
    }
    open.set(owner, [...(open.get(owner) ?? []), line]);
  }
  return open;
}

const under = (pointer: string, ancestor: string) => pointer === ancestor || pointer.startsWith(`${ancestor}/`);
const parentOf = (pointer: string) => pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));

/**
 * Whether the kind of a document is chosen when it is rendered (`kind: {{ .Values.kind }}`, or
 * `kind:` twice in an `if` and its `else`): then nothing of it can be checked.
 */
export function kindUnknown(part: AnalysedPart, template: TemplateMask): boolean {
  const index = part.parsed.decoded?.index;
  // (A templated apiVersion, `{{ include "common.capabilities.deployment.apiVersion" . }}`, leaves the kind: it is checked as that kind.)
  for (const key of ['/kind']) {
    const entry = index?.get(key);
    if (!entry) continue;
    const [s, e] = [part.offset + entry.valueStart, part.offset + entry.valueEnd];
    if (template.values.some(([vs, ve]) => vs < e && s < ve)) return true;
  }
  return part.parsed.duplicates.some((d) => d.name === 'kind' && (d.start === 0 || part.text[d.start - 1] === '\n'));
}

/** Whether rendering could change the problem: it is about an unknown value, or an open collection could answer it. */
export function templated(problem: Problem, part: AnalysedPart, template: TemplateMask, open: Map<string, number[]>): boolean {
  const start = part.offset + problem.span.start;
  const end = part.offset + Math.max(problem.span.end, problem.span.start + 1);
  if (template.values.some(([s, e]) => s < end && start < e)) return true;
  if (problem.code === 'duplicate-key') {
    // Twice in one mapping with a line of actions between: an `if` and its `else` (or a `with`) choose one.
    const dup = part.parsed.duplicates.find((d) => d.start === problem.span.start);
    if (dup?.first === undefined) return false;
    const lineAt = (offset: number) => part.line + part.parsed.lines.positionAt(offset).line;
    const [from, to] = [lineAt(dup.first), lineAt(dup.start)];
    return template.control.some((c) => c.line > from && c.line < to);
  }
  if (problem.code === 'yaml-syntax') {
    // A syntax error next to a line of actions is the template's doing, not the YAML's.
    const line = part.line + part.parsed.lines.positionAt(problem.span.start).line;
    return template.control.some((c) => Math.abs(c.line - line) <= 1);
  }
  const decoded = part.parsed.decoded;
  const pointer = pointerOfProblem(problem, decoded);
  if (pointer === undefined || !decoded) return false;
  // About a node that holds an unknown value (a port item whose containerPort is templated).
  const node = decoded.index.get(pointer);
  if (node && problem.code !== 'unknown-field') {
    const [ns, ne] = [part.offset + node.valueStart, part.offset + node.valueEnd];
    if (template.values.some(([s, e]) => s < ne && ns < e)) return true;
  }
  if (open.size === 0) return false;
  const openAt = [...open.keys()];
  // The field is written in an `if`, `with` or `range` of its own mapping's: another branch may write its siblings.
  const line = part.line + part.parsed.lines.positionAt(problem.span.start).line;
  const inBranch = (o: string) => {
    const lines = open.get(o) ?? [];
    return template.branches.some(([from, to]) => from < line && line < to && lines.includes(from));
  };
  switch (problem.code) {
    case 'required':
      // Missing here, or inside something an action may fill.
      return openAt.some((o) => o === parentOf(pointer) || under(o, pointer));
    case 'not-found':
    case 'duplicate-value':
      // A name looked up elsewhere in the document: an action anywhere may define it (or repeat it).
      return true;
    case 'invalid-value':
    case 'forbidden':
    case 'too-many':
    case 'too-long':
    case 'warning':
      // About a value an action may add to (a selector, a list of labels), or about a field in a
      // branch whose siblings another branch chooses (`value` in an `if`, `valueFrom` in its `else`).
      return openAt.some((o) => under(o, pointer) || (o === parentOf(pointer) && inBranch(o)) || (o === parentOf(parentOf(pointer)) && inBranch(o)));
    default:
      return false;
  }
}

/** Outline: each Pod or workload by name and kind, with the containers, init containers and ephemeral containers of its Pod (template). */
import { DocumentSymbol, Range, SymbolKind } from 'vscode-languageserver-types';
import type { JsonValue, Span } from '../yaml/decode';
import { KIND_INFO } from '../schema/kinds';
import { pointerOf } from '../path/segments';
import type { AnalysedFile, AnalysedPart } from './documents';
import { contains, partRange, spanToRange } from './ranges';

const CONTAINER_LISTS = [
  ['containers', 'container'],
  ['initContainers', 'init container'],
  ['ephemeralContainers', 'ephemeral container'],
] as const;

export function symbols(file: AnalysedFile): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const part of file.parts) {
    const decoded = part.parsed.decoded;
    if (part.class.kind !== 'object' || !decoded || !isObject(decoded.value)) continue;
    const kind = part.class.type;
    const template = KIND_INFO[kind].template;
    const pod = decoded.value;
    const meta = isObject(pod.metadata) ? pod.metadata : {};
    const name =
      typeof meta.name === 'string' && meta.name
        ? meta.name
        : typeof meta.generateName === 'string' && meta.generateName
          ? `${meta.generateName}…`
          : `(unnamed ${kind})`;
    const podRange = partRange(part);
    // In a Helm template, a name an action writes is shown as written (`{{ include "app.fullname" . }}`), not masked.
    const written = (pointer: string, shown: string) => {
      const entry = file.template && decoded.index.get(pointer);
      return entry ? file.source.slice(part.offset + entry.valueStart, part.offset + entry.valueEnd) : shown;
    };
    const nameEntry = decoded.index.get('/metadata/name') ?? decoded.index.get('/kind');
    const children: DocumentSymbol[] = [];
    let podLike: JsonValue | undefined = pod;
    for (const key of template) podLike = isObject(podLike) ? podLike[key] : undefined;
    const specValue = isObject(podLike) ? podLike.spec : undefined;
    const spec = isObject(specValue) ? specValue : {};
    const specPointer = pointerOf([...template, 'spec']);
    for (const [list, label] of CONTAINER_LISTS) {
      const items = spec[list];
      if (!Array.isArray(items)) continue;
      items.forEach((c, i) => {
        const entry = decoded.index.get(`${specPointer}/${list}/${i}`);
        if (!entry || !isObject(c)) return;
        const cname = typeof c.name === 'string' && c.name ? c.name : `(${label} ${i})`;
        const sel = decoded.index.get(`${specPointer}/${list}/${i}/name`)?.value ?? entry.value;
        const range = within(part, entry.value, podRange);
        const at = `${specPointer}/${list}/${i}`;
        children.push({
          name: written(`${at}/name`, cname),
          detail: `${label}${typeof c.image === 'string' ? ` · ${written(`${at}/image`, c.image)}` : ''}`,
          kind: SymbolKind.Field,
          range,
          selectionRange: within(part, sel, range),
        });
      });
    }
    out.push({
      name: written('/metadata/name', name),
      detail: kind,
      kind: SymbolKind.Class,
      range: podRange,
      selectionRange: nameEntry ? within(part, nameEntry.value, podRange) : podRange,
      children,
    });
  }
  return out;
}

/**
 * LSP requires a selection range inside its range; aliases can point elsewhere, and an empty
 * value's span is widened by spanToRange, so the check is on the ranges as sent.
 */
function within(part: AnalysedPart, span: Span, outer: Range): Range {
  const inner = spanToRange(part, span);
  return contains(outer, inner) ? inner : outer;
}

function isObject(v: JsonValue | undefined): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Splits a multi-document YAML text at its `---` markers, so that each document is parsed,
 * decoded and validated on its own and an edit in one Pod of a 500-Pod file costs that Pod.
 *
 * A line that starts with `---` or `...` followed by a space or the line's end is a document
 * marker wherever it stands (YAML forbids such lines inside scalars), so a line scan is exact.
 */
export interface DocumentPart {
  /** The text of this document, starting with its `---` line when it has one. */
  text: string;
  /** Offset of `text` in the whole file (UTF-16 code units). */
  offset: number;
  /** Zero-based line of `text`'s first character in the whole file. */
  line: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/;

export function splitDocuments(text: string): DocumentPart[] {
  const parts: DocumentPart[] = [];
  let partStart = 0;
  let partLine = 0;
  let line = 0;
  let pos = 0;
  // Directives (`%YAML 1.1`) and comments before the first `---` belong to the document it opens.
  let onlyPreamble = true;
  while (pos <= text.length) {
    const eol = text.indexOf('\n', pos);
    const lineEnd = eol < 0 ? text.length : eol;
    // Only a line starting with `-` or `.` can be a marker (this runs on every keystroke: no slice for the others).
    const first = text.charCodeAt(pos);
    const lineText = onlyPreamble || first === 45 || first === 46 ? text.slice(pos, lineEnd) : '';
    if (pos > partStart && lineText.startsWith('---') && MARKER.test(lineText) && !onlyPreamble) {
      parts.push({ text: text.slice(partStart, pos), offset: partStart, line: partLine });
      partStart = pos;
      partLine = line;
      onlyPreamble = false;
    } else if (lineText.startsWith('...') && MARKER.test(lineText)) {
      // `...` ends a document; what follows it (until `---`) is the next part's preamble.
      const next = eol < 0 ? text.length : eol + 1;
      parts.push({ text: text.slice(partStart, next), offset: partStart, line: partLine });
      partStart = next;
      partLine = line + 1;
      onlyPreamble = true;
    } else if (onlyPreamble && !isPreambleLine(lineText)) {
      onlyPreamble = false;
    }
    if (eol < 0) break;
    pos = eol + 1;
    line++;
  }
  if (partStart < text.length || parts.length === 0) {
    parts.push({ text: text.slice(partStart), offset: partStart, line: partLine });
  }
  return parts;
}

function isPreambleLine(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#') || t.startsWith('%');
}

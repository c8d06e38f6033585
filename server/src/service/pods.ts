/** The Pods of a file, or the one at a position, as the cluster commands need them. */
import type { Position } from 'vscode-languageserver-types';
import type { PodDocument } from '../../../protocol/messages';
import type { SchemaModel } from '../schema/model';
import type { AnalysedFile } from './documents';
import { partAt } from './parts';
import { problemsOf } from './check';
import { partRange } from './ranges';

export function pods(file: AnalysedFile, model: SchemaModel, position?: Position): PodDocument[] {
  const chosen = position ? [partAt(file, position)] : file.parts;
  const out: PodDocument[] = [];
  for (const part of chosen) {
    if (!part || part.class.kind !== 'pod') continue;
    const value = part.parsed.decoded?.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const meta = (typeof value.metadata === 'object' && value.metadata !== null && !Array.isArray(value.metadata) ? value.metadata : {}) as Record<
      string,
      unknown
    >;
    out.push({
      index: file.parts.indexOf(part),
      name: typeof meta.name === 'string' ? meta.name : '',
      ...(typeof meta.namespace === 'string' && meta.namespace ? { namespace: meta.namespace } : {}),
      manifest: value as Record<string, unknown>,
      range: partRange(part),
      errors: problemsOf(part, model).filter((p) => p.severity === 'error').length,
    });
  }
  return out;
}

/**
 * A validator module ahead of time (ajv standalone): the build's dist/validators and the tests'
 * cache both make them here. One module per set of types, exporting one check per root type that
 * set serves (the Pod; or every workload kind, which share the Pod's types and so their code).
 */
import standaloneCode from 'ajv/dist/standalone';
import { createAjv, jsonSchemaOf, SCHEMA_ID } from './ajv';
import type { SchemaModel } from './model';

export function standaloneValidators(model: SchemaModel): string {
  const ajv = createAjv({ standalone: true });
  ajv.addSchema(jsonSchemaOf(model));
  const roots = model.schema.roots ?? [model.schema.root];
  return standaloneCode(ajv, Object.fromEntries(roots.map((r) => [r, `${SCHEMA_ID}#/definitions/${r}`])));
}

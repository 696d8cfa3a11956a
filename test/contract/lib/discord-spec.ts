/**
 * Discord's v10 OpenAPI spec (discord/discord-api-spec specs/openapi.json, kept in ../specs) as a
 * validator: finds the operation for a method and path, and checks request bodies, query parameters and
 * responses against its schemas, maxLength/maxItems limits included.
 *
 * The spec avoids over-specifying (its README) and never says `additionalProperties: false`; so that an
 * invented field fails, every object schema here is made closed (`unevaluatedProperties: false`), and the
 * spec's `oneOf` unions are read as `anyOf` (README: "they all mean that only one type from the list can be
 * used"; a lenient branch matching twice is not an error).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { Problem } from './problem.js';

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  template: string;
  operationId: string;
  query: Set<string>;
  requestSchema?: Json;
  responses: Record<string, Json | undefined>;
}

const SPEC_PATH = new URL('../specs/discord-openapi.json', import.meta.url);
const SOURCE = 'discord-api-spec specs/openapi.json';
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
  paths: Record<string, Record<string, Json>>;
  components: Json;
};

/** `$ref`s that are extended through allOf by a sibling with properties (ErrorResponse = Error + errors). */
function extendedRefs(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) extendedRefs(item, out);
  else if (node && typeof node === 'object') {
    const all = (node as Json).allOf;
    if (Array.isArray(all) && all.some((b) => (b as Json).properties))
      for (const b of all) if (typeof (b as Json).$ref === 'string') out.add((b as Json).$ref as string);
    for (const value of Object.values(node)) extendedRefs(value, out);
  }
  return out;
}

const schemas = spec.components.schemas as Record<string, Json>;

/** The `type` values a component schema admits (its discriminator), when it names them. */
function discriminator(branch: unknown): unknown[] | undefined {
  const ref = (branch as Json | undefined)?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/components/schemas/')) return undefined;
  const type = (schemas[ref.slice('#/components/schemas/'.length)]?.properties as Json | undefined)?.type;
  const values = (type as Json | undefined)?.enum;
  return Array.isArray(values) ? values : undefined;
}

/**
 * Unions rewritten so that only the branch that applies reports errors: a nullable value validates
 * against its non-null branch (if null then ok else …); components and callbacks, told apart by their
 * `type`, validate against the branch with that type (if type ∈ … then $ref).
 */
function narrowUnion(branches: unknown[]): Json {
  const nonNull = branches.filter((b) => (b as Json).type !== 'null');
  if (nonNull.length < branches.length) {
    const rest = nonNull.length === 1 ? (nonNull[0] as Json) : narrowUnion(nonNull);
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords
    return { if: { type: 'null' }, then: true, else: rest };
  }
  const types = branches.map(discriminator);
  if (types.some((t) => t === undefined)) return { anyOf: branches };
  return {
    type: 'object',
    required: ['type'],
    properties: { type: { enum: types.flatMap((t) => t ?? []) } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keywords
    allOf: branches.map((b, i) => ({ if: { properties: { type: { enum: types[i] } } }, then: b })),
  };
}

function closeSchemas(node: unknown, open: Set<string>, name = ''): unknown {
  // allOf members stay open: the properties of one are evaluated beside the others'.
  if (Array.isArray(node))
    return node.map((item) => closeSchemas(item, open, name === 'allOf' ? 'allOf' : ''));
  if (!node || typeof node !== 'object') return node;
  let out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || (key === 'schemas' && name === 'components')) {
      const prefix = key === 'schemas' ? '#/components/schemas/' : '';
      out[key] = Object.fromEntries(
        Object.entries(value as Json).map(([k, v]) => [k, closeSchemas(v, open, prefix && `${prefix}${k}`)]),
      );
    } else out[key] = closeSchemas(value, open, key);
  }
  const union = out.oneOf ?? out.anyOf;
  if (Array.isArray(union)) {
    const { oneOf: _one, anyOf: _any, ...rest } = out;
    out = { ...rest, ...narrowUnion(union) };
  }
  // README "Spec conventions": fields the docs type as strings may be ints in the spec, and the API
  // accepts int-parseable strings for them (permissions, e.g. default_member_permissions "32").
  if (
    out.type === 'integer' ||
    (Array.isArray(out.type) && out.type.includes('integer') && !out.type.includes('string'))
  ) {
    out.type = [...(Array.isArray(out.type) ? out.type : [out.type]), 'string'];
    out.pattern = '^-?[0-9]+$';
  }
  const isObject = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'));
  if (
    isObject &&
    out.properties &&
    !('additionalProperties' in out) &&
    !out.allOf &&
    name !== 'allOf' &&
    !open.has(name)
  )
    out.unevaluatedProperties = false;
  return out;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS with `exports.default`: under NodeNext the default import is the module object.
const addFormats = (formatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;
addFormats(ajv);
// Formats of the spec's own: snowflakes are decimal strings (the pattern is in SnowflakeType as well);
// a nonce is any string of ≤ 25 characters (maxLength beside it).
ajv.addFormat('snowflake', /^(0|[1-9][0-9]*)$/);
ajv.addFormat('nonce', () => true);
ajv.addSchema(
  { $id: 'discord', components: closeSchemas(spec.components, extendedRefs(spec.components), 'components') },
  'discord',
);

const rewriteRefs = (node: unknown): unknown =>
  JSON.parse(JSON.stringify(node).replaceAll('"#/components/', '"discord#/components/'));
const compiled = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: Json): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(closeSchemas(schema, new Set())) as Json);
    compiled.set(key, validate);
  }
  return validate;
}

const resolve = (node: Json | undefined): Json | undefined => {
  const ref = node?.$ref;
  if (typeof ref !== 'string') return node;
  const name = ref.replace('#/components/', '').split('/');
  return resolve((spec.components[name[0] ?? ''] as Json | undefined)?.[name[1] ?? ''] as Json | undefined);
};

const operations: Operation[] = Object.entries(spec.paths).flatMap(([template, item]) => {
  const shared = (item.parameters as Json[] | undefined) ?? [];
  return Object.entries(item)
    .filter(([method]) => method !== 'parameters')
    .map(([method, op]) => {
      const params = [...shared, ...((op.parameters as Json[] | undefined) ?? [])];
      const content = (resolve(op.requestBody as Json)?.content as Json | undefined) ?? {};
      const json = (content['application/json'] as Json | undefined)?.schema as Json | undefined;
      const responses = Object.fromEntries(
        Object.entries((op.responses as Json) ?? {}).map(([status, r]) => {
          const body = (resolve(r as Json)?.content as Json | undefined)?.['application/json'] as Json;
          return [status, body?.schema as Json | undefined];
        }),
      );
      return {
        method: method.toUpperCase(),
        template,
        operationId: String(op.operationId),
        query: new Set(params.filter((p) => p.in === 'query').map((p) => String(p.name))),
        ...(json ? { requestSchema: json } : {}),
        responses,
      };
    });
});

const literalCount = (template: string) => template.split('/').filter((s) => !s.startsWith('{')).length;

/** The spec's operation for a call (most literal segments first: `@original` before `{message_id}`). */
export function findOperation(method: string, path: string): Operation | undefined {
  const segments = path.split('/');
  return operations
    .filter((op) => op.method === method.toUpperCase())
    .filter((op) => {
      const parts = op.template.split('/');
      return (
        parts.length === segments.length &&
        parts.every((part, i) => (part.startsWith('{') ? (segments[i] ?? '') !== '' : part === segments[i]))
      );
    })
    .sort((a, b) => literalCount(b.template) - literalCount(a.template))[0];
}

const describe = (errors: ErrorObject[] | null | undefined, where: string): Problem[] =>
  (errors ?? [])
    // if/anyOf report their branch's failure and then their own: keep the leaves, they name the field.
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'if')
    .map((e) => ({
      where: `${where}${e.instancePath || '/'}`,
      message:
        e.keyword === 'unevaluatedProperties'
          ? `has "${String(e.params.unevaluatedProperty)}", which the spec does not define`
          : (e.message ?? e.keyword),
      source: `${SOURCE} ${e.schemaPath.replace(/^discord#/, '#')}`,
    }));

export interface SpecCall {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  status?: number;
  response?: unknown;
}

/** What the bot sent: the route exists, its query parameters are documented, its body fits the schema. */
export function checkRequest(call: SpecCall): Problem[] {
  const where = `${call.method} ${call.path}`;
  const op = findOperation(call.method, call.path);
  if (!op) return [{ where, message: 'no such route in the spec', source: `${SOURCE} paths` }];
  const source = `${SOURCE} paths["${op.template}"].${op.method.toLowerCase()}`;
  const problems: Problem[] = Object.keys(call.query ?? {})
    .filter((name) => !op.query.has(name))
    .map((name) => ({ where, message: `query parameter "${name}" is not documented`, source }));
  if (call.body === undefined) return problems;
  if (!op.requestSchema)
    return [...problems, { where, message: 'sends a body the route does not take', source }];
  const validate = validatorFor(`${op.operationId} request`, op.requestSchema);
  if (!validate(call.body)) problems.push(...describe(validate.errors, `${where} body`));
  return problems;
}

/** What the emulator answered: the documented status's schema (2XX, or 4XX for errors). */
export function checkResponse(call: SpecCall): Problem[] {
  const where = `${call.method} ${call.path} → ${call.status}`;
  const op = findOperation(call.method, call.path);
  if (!op || call.status === undefined) return [];
  const source = `${SOURCE} paths["${op.template}"].${op.method.toLowerCase()}.responses`;
  const key = [String(call.status), `${String(call.status)[0]}XX`].find((k) => k in op.responses);
  if (!key) return [{ where, message: `status ${call.status} is not documented for the route`, source }];
  const schema = op.responses[key];
  if (!schema) {
    return call.response === undefined
      ? []
      : [{ where, message: 'answers with a body where the spec documents none', source }];
  }
  if (call.response === undefined) return [{ where, message: 'answers without the documented body', source }];
  const validate = validatorFor(`${op.operationId} ${key}`, schema);
  return validate(call.response) ? [] : describe(validate.errors, `${where} response`);
}

/** Operations of the spec, for the coverage list (`METHOD template`). */
export const specRoute = (method: string, path: string): string | undefined => {
  const op = findOperation(method, path);
  return op && `${op.method} ${op.template}`;
};

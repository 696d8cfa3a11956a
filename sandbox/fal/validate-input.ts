/**
 * Input checks against an endpoint's schema, answered the way fal's FastAPI/pydantic endpoints answer 422:
 * `{ detail: [{ loc: ['body', field], msg, type }] }` (fal-js libs/client/src/response.ts: a 422 becomes a
 * ValidationError whose `fieldErrors` are `body.detail`; ValidationErrorInfo = { msg, loc, type }).
 * Fields the schema does not declare are ignored, as pydantic models do by default; they are reported so
 * tests can assert the bot never sends one.
 */
import {
  type EndpointAction,
  type EndpointSchema,
  type FieldSpec,
  SIZE_PRESETS,
} from './endpoint-schemas.js';

export interface FieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export interface ImageInput {
  prompt: string;
  /** The size asked for; for endpoints sized by their source, the source's (set once it is loaded). */
  width: number;
  height: number;
  seed: number | undefined;
  numImages: number;
  action: EndpointAction;
  /** Image URLs the endpoint downloads, each with where it was given (for a 422's loc). */
  imageUrls: { loc: (string | number)[]; url: string }[];
  /** No size field was given and the endpoint answers at its source image's size. */
  sizeFromSource: boolean;
  /** Upscalers: the factor asked for, or the endpoint's default. */
  upscaleFactor: number | undefined;
  /** Image-to-image: how far the result may move from the source (the endpoint's default when absent). */
  strength: number | undefined;
}

export type Checked = { input: ImageInput; ignored: string[] } | { errors: FieldError[]; ignored: string[] };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const quoted = (values: readonly string[]) =>
  values.length === 1
    ? `'${values[0]}'`
    : `${values
        .slice(0, -1)
        .map((v) => `'${v}'`)
        .join(', ')} or '${values.at(-1)}'`;

function checkRange(spec: { min?: number; max?: number }, v: number, loc: string[]): FieldError[] {
  if (spec.min !== undefined && v < spec.min)
    return [{ loc, msg: `Input should be greater than or equal to ${spec.min}`, type: 'greater_than_equal' }];
  if (spec.max !== undefined && v > spec.max)
    return [{ loc, msg: `Input should be less than or equal to ${spec.max}`, type: 'less_than_equal' }];
  return [];
}

function checkImageSize(v: unknown, loc: string[]): FieldError[] {
  if (typeof v === 'string') {
    if (v in SIZE_PRESETS) return [];
    return [{ loc, msg: `Input should be ${quoted(Object.keys(SIZE_PRESETS))}`, type: 'enum' }];
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return [
      { loc, msg: 'Input should be a valid dictionary or object to extract fields from', type: 'model_type' },
    ];
  const size = v as Record<string, unknown>;
  return (['width', 'height'] as const).flatMap((side) => {
    const value = size[side];
    if (value === undefined) return [];
    if (!isInt(value))
      return [{ loc: [...loc, side], msg: 'Input should be a valid integer', type: 'int_type' }];
    return checkRange({ min: 1, max: 14142 }, value, [...loc, side]);
  });
}

function checkField(spec: FieldSpec, v: unknown, loc: string[]): FieldError[] {
  switch (spec.type) {
    case 'string':
      if (typeof v !== 'string') return [{ loc, msg: 'Input should be a valid string', type: 'string_type' }];
      if (spec.maxLength !== undefined && v.length > spec.maxLength)
        return [
          { loc, msg: `String should have at most ${spec.maxLength} characters`, type: 'string_too_long' },
        ];
      return [];
    case 'integer':
      return isInt(v)
        ? checkRange(spec, v, loc)
        : [{ loc, msg: 'Input should be a valid integer', type: 'int_type' }];
    case 'number':
      return typeof v === 'number' && Number.isFinite(v)
        ? checkRange(spec, v, loc)
        : [{ loc, msg: 'Input should be a valid number', type: 'float_type' }];
    case 'boolean':
      return typeof v === 'boolean'
        ? []
        : [{ loc, msg: 'Input should be a valid boolean', type: 'bool_type' }];
    case 'enum':
      return typeof v === 'string' && spec.values.includes(v)
        ? []
        : [{ loc, msg: `Input should be ${quoted(spec.values)}`, type: 'literal_error' }];
    case 'aspect_ratio':
      if (typeof v === 'string' && (spec.values.includes(v) || (spec.open && /^\d+:\d+$/.test(v)))) return [];
      return [{ loc, msg: `Input should be ${quoted(spec.values)}`, type: 'literal_error' }];
    case 'image_size':
      return checkImageSize(v, loc);
    case 'list':
      return Array.isArray(v) ? [] : [{ loc, msg: 'Input should be a valid list', type: 'list_type' }];
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v)
        ? []
        : [{ loc, msg: 'Input should be a valid dictionary', type: 'dict_type' }];
  }
}

/** A size about one megapixel for an aspect ratio, in multiples of 32 (the model picks its own pixels). */
function sizeForRatio(ratio: string): [number, number] {
  const [w = 1, h = 1] = ratio.split(':').map(Number);
  const width = Math.sqrt((1024 * 1024 * w) / h);
  return [Math.round(width / 32) * 32, Math.round((width * h) / w / 32) * 32];
}

function renderSize(b: Record<string, unknown>, schema: EndpointSchema): [number, number] | undefined {
  const size = b.image_size;
  if (typeof size === 'string') return SIZE_PRESETS[size] ?? [1024, 1024];
  if (typeof size === 'object' && size !== null && 'image_size' in schema.fields) {
    const { width, height } = size as { width?: number; height?: number };
    return [width ?? 512, height ?? 512];
  }
  if (typeof b.aspect_ratio === 'string' && 'aspect_ratio' in schema.fields)
    return sizeForRatio(b.aspect_ratio);
  const fallback = schema.defaultSize;
  if ('source' in fallback) return undefined;
  return 'preset' in fallback
    ? (SIZE_PRESETS[fallback.preset] ?? [1024, 1024])
    : sizeForRatio(fallback.ratio);
}

export function validateImageInput(body: unknown, schema: EndpointSchema): Checked {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      errors: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }],
      ignored: [],
    };
  }
  const b = body as Record<string, unknown>;
  const ignored = Object.keys(b).filter((k) => !(k in schema.fields));
  const errors: FieldError[] = [];
  for (const name of schema.required)
    if (b[name] === undefined) errors.push({ loc: ['body', name], msg: 'Field required', type: 'missing' });
  for (const [name, spec] of Object.entries(schema.fields)) {
    if (b[name] === undefined) continue;
    errors.push(...checkField(spec, b[name], ['body', name]));
  }
  if (schema.required.includes('prompt') && typeof b.prompt === 'string' && b.prompt.trim() === '')
    errors.push({
      loc: ['body', 'prompt'],
      msg: 'String should have at least 1 character',
      type: 'string_too_short',
    });
  if (errors.length > 0) return { errors, ignored };
  // An ignored field is never read: a `seed` sent to Recraft leaves the render's seed random.
  const size = renderSize(b, schema);
  const upscale = schema.upscale;
  return {
    input: {
      prompt: typeof b.prompt === 'string' ? b.prompt : (schema.defaultPrompt ?? ''),
      width: size?.[0] ?? 0,
      height: size?.[1] ?? 0,
      seed: 'seed' in schema.fields ? (b.seed as number | undefined) : undefined,
      numImages: 'num_images' in schema.fields ? ((b.num_images as number | undefined) ?? 1) : 1,
      action: schema.action ?? 'generate',
      imageUrls: imageUrlsOf(b, schema.imageFields ?? []),
      sizeFromSource: size === undefined,
      upscaleFactor: upscale ? ((b[upscale.field] as number | undefined) ?? upscale.default) : undefined,
      strength: 'strength' in schema.fields ? (b.strength as number | undefined) : undefined,
    },
    ignored,
  };
}

/** The image URLs in the declared image fields: a string field, or each entry of a list (image_urls). */
function imageUrlsOf(b: Record<string, unknown>, fields: readonly string[]): ImageInput['imageUrls'] {
  return fields.flatMap((name) => {
    const value = b[name];
    if (value === undefined) return [];
    if (Array.isArray(value)) return value.map((url, i) => ({ loc: ['body', name, i], url: String(url) }));
    return [{ loc: ['body', name], url: String(value) }];
  });
}

export const CONTENT_POLICY_ERROR: FieldError = {
  loc: ['body', 'prompt'],
  msg: 'The content could not be processed because it contained material flagged by a content checker.',
  type: 'content_policy_violation',
};

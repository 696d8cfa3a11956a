/** Input checks in the shape fal's (FastAPI/pydantic) endpoints answer 422 with. */

export interface FieldError {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export interface ImageInput {
  prompt: string;
  width: number;
  height: number;
  seed: number | undefined;
  numImages: number;
  label: string | undefined;
}

const PRESETS: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function readSize(value: unknown, errors: FieldError[]): [number, number] {
  if (value === undefined) return PRESETS.landscape_4_3 as [number, number];
  if (typeof value === 'string') {
    const preset = PRESETS[value];
    if (preset) return preset;
    errors.push({
      loc: ['body', 'image_size'],
      msg: `Input should be ${Object.keys(PRESETS).join(', ')} or an object with width and height`,
      type: 'enum',
    });
    return [0, 0];
  }
  const size = (value ?? {}) as { width?: unknown; height?: unknown };
  for (const side of ['width', 'height'] as const) {
    if (!isInt(size[side], 1, 14142)) {
      errors.push({
        loc: ['body', 'image_size', side],
        msg: 'Input should be an integer between 1 and 14142',
        type: 'int_range',
      });
    }
  }
  return [Number(size.width), Number(size.height)];
}

export function validateImageInput(body: unknown): { input: ImageInput } | { errors: FieldError[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { errors: [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }] };
  }
  const b = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  if (b.prompt === undefined)
    errors.push({ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' });
  else if (typeof b.prompt !== 'string')
    errors.push({ loc: ['body', 'prompt'], msg: 'Input should be a valid string', type: 'string_type' });
  else if (b.prompt.trim() === '')
    errors.push({
      loc: ['body', 'prompt'],
      msg: 'String should have at least 1 character',
      type: 'string_too_short',
    });
  const [width, height] = readSize(b.image_size, errors);
  if (b.seed !== undefined && !isInt(b.seed, 0, 2 ** 53))
    errors.push({ loc: ['body', 'seed'], msg: 'Input should be a valid integer', type: 'int_type' });
  if (b.num_images !== undefined && !isInt(b.num_images, 1, 4))
    errors.push({ loc: ['body', 'num_images'], msg: 'Input should be between 1 and 4', type: 'int_range' });
  if (errors.length > 0) return { errors };
  return {
    input: {
      prompt: b.prompt as string,
      width,
      height,
      seed: b.seed as number | undefined,
      numImages: (b.num_images as number | undefined) ?? 1,
      label: typeof b.label === 'string' ? b.label : undefined,
    },
  };
}

export const CONTENT_POLICY_ERROR: FieldError = {
  loc: ['body', 'prompt'],
  msg: 'The content could not be processed because it contained material flagged by a content checker.',
  type: 'content_policy_violation',
};

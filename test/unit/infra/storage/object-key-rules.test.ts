import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../../src/core/errors.js';
import {
  assertValidKey,
  InvalidObjectError,
  joinPublicUrl,
} from '../../../../src/infra/storage/object-key-rules.js';

const accepts = (key: string) => {
  try {
    assertValidKey(key);
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidObjectError);
    // Not retryable: callers retry StorageErrors.
    expect(error).not.toBeInstanceOf(StorageError);
    return false;
  }
};

describe('object key rules', () => {
  it('accepts the keys the app generates', () => {
    expect(accepts('images/2026/11/0b8e5a0e-5d1f-4b7e-9a51-0c7f3f7d7c11.png')).toBe(true);
    expect(accepts('thumbs/2026/11/x y.webp')).toBe(true);
  });

  it('no accepted key resolves outside the storage folder', () => {
    const root = resolve('/srv/media');
    const segment = fc.constantFrom(
      '..',
      '.',
      '',
      'a',
      'b.png',
      '\\',
      '..\\x',
      'C:',
      '\u0000',
      '.hidden',
      '~',
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean(), (parts, leadingSlash) => {
        const key = (leadingSlash ? '/' : '') + parts.join('/');
        if (accepts(key)) {
          expect(join(root, ...key.split('/')).startsWith(root + sep)).toBe(true);
          expect(key.split('/')).not.toContain('..');
        }
      }),
    );
  });

  it('joins public URLs without doubled slashes and with encoded segments', () => {
    expect(joinPublicUrl('https://cdn.example.com//', 'a/b c/ü.png')).toBe(
      'https://cdn.example.com/a/b%20c/%C3%BC.png',
    );
    expect(() => joinPublicUrl('https://cdn.example.com', '../x')).toThrow(InvalidObjectError);
  });
});

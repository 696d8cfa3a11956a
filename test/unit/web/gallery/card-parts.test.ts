import { describe, expect, it } from 'vitest';
import type { Generation } from '../../../../src/core/types.js';
import { imageOrigins, thumbImage, thumbSize } from '../../../../src/web/gallery/card-parts.js';
import { httpOrigin } from '../../../../src/web/gallery/layout.js';

const record = (fields: Partial<Generation>) => ({ width: 1024, height: 1024, ...fields }) as Generation;

describe('thumbnail parts', () => {
  it('sizes thumbnails like the 384 px WebP the store makes, keeping the aspect ratio', () => {
    expect(thumbSize({ width: 768, height: 1344 })).toEqual({ width: 219, height: 384 });
    expect(thumbSize({ width: 1536, height: 1024 })).toEqual({ width: 384, height: 256 });
    expect(thumbSize({ width: null, height: null })).toEqual({ width: 384, height: 384 });
  });

  it('only ever uses http(s) URLs for images and the CSP', () => {
    expect(httpOrigin('https://media.example.com/a/b.png')).toBe('https://media.example.com');
    expect(httpOrigin('javascript:alert(1)')).toBeUndefined();
    expect(httpOrigin('data:image/png;base64,AAAA')).toBeUndefined();
    expect(thumbImage(record({ thumbUrl: 'javascript:alert(1)', imageUrl: null }), 'x')).toBeUndefined();
    const fallback = thumbImage(record({ thumbUrl: null, imageUrl: 'https://m.example.com/i.png' }), 'a"b');
    expect(fallback?.value).toBe(
      '<img src="https://m.example.com/i.png" alt="a&quot;b" width="384" height="384" loading="lazy" decoding="async">',
    );
    expect(imageOrigins([record({ thumbUrl: 'https://t.example.com/x', imageUrl: 'javascript:x' })])).toEqual(
      ['https://t.example.com'],
    );
  });
});

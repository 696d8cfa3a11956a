import { ApiError, ValidationError } from '@fal-ai/client';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../../src/core/errors.js';
import { classifyFalError, USER_MESSAGES } from '../../../../src/infra/fal/classify-error.js';
import { FalHttpError, FalTransportError } from '../../../../src/infra/fal/fal-fetch.js';

const http = (status: number, body?: unknown) => new FalHttpError(status, body, 'req-1');

describe('classifyFalError', () => {
  it('turns 422 into a user error with a safe message and the offending fields', () => {
    const error = classifyFalError(
      http(422, { detail: [{ loc: ['body', 'image_size', 'width'], msg: 'too big', type: 'int_range' }] }),
    );
    expect(error).toMatchObject({
      errorClass: 'user',
      message: USER_MESSAGES.invalid,
      info: { code: 'invalid_input' },
    });
    expect((error.info.cause as { fields: string[] }).fields).toEqual(['image_size.width']);
  });

  it('recognises content-policy rejections', () => {
    const error = classifyFalError(
      http(422, { detail: [{ loc: ['body', 'prompt'], type: 'content_policy_violation' }] }),
    );
    expect(error).toMatchObject({
      errorClass: 'user',
      message: USER_MESSAGES.contentPolicy,
      info: { code: 'content_policy' },
    });
  });

  it('handles the fal client own errors the same way', () => {
    const validation = new ValidationError({
      message: 'bad',
      status: 422,
      body: { detail: 'prompt is required' },
    });
    expect(classifyFalError(validation).errorClass).toBe('user');
    expect(classifyFalError(new ApiError({ message: 'x', status: 503, body: {} })).errorClass).toBe(
      'retryable',
    );
  });

  it.each([
    [401, 'fatal', 'unauthorized'],
    [403, 'fatal', 'unauthorized'],
    [429, 'retryable', 'rate_limited'],
    [500, 'retryable', 'server_error'],
    [502, 'retryable', 'server_error'],
    [504, 'retryable', 'timeout'],
    [404, 'fatal', 'not_found'],
    [400, 'fatal', 'bad_request'],
  ])('HTTP %i → %s (%s)', (status, errorClass, code) => {
    expect(classifyFalError(http(status))).toMatchObject({ errorClass, info: { status, code } });
  });

  it('treats network failures, timeouts and open circuits as retryable', () => {
    const network = new FalTransportError('down', new Error('ECONNREFUSED'), 'ECONNREFUSED');
    expect(classifyFalError(network).info.code).toBe('network');
    expect(classifyFalError(new DOMException('t', 'TimeoutError')).info.code).toBe('timeout');
    expect(classifyFalError(Object.assign(new Error('open'), { code: 'EOPENBREAKER' })).info.code).toBe(
      'circuit_open',
    );
    for (const e of [network, new DOMException('t', 'TimeoutError')]) {
      expect(classifyFalError(e).errorClass).toBe('retryable');
    }
  });

  it('passes ProviderErrors through and calls anything else fatal', () => {
    const existing = new ProviderError('user', 'kept');
    expect(classifyFalError(existing)).toBe(existing);
    expect(classifyFalError(new TypeError('bug'))).toMatchObject({
      errorClass: 'fatal',
      info: { code: 'unexpected' },
    });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DashScopeError, errorFromBody, isRetryable, parseJson, parseRetryAfter, registerSecret } from '../../src/dashscope/errors';

const endpoint = 'POST /x';

describe('errorFromBody', () => {
  it('reads the native shape', () => {
    const error = errorFromBody(401, '{"request_id":"r1","code":"InvalidApiKey","message":"Invalid API-key provided."}', endpoint);
    assert.deepEqual([error.status, error.code, error.message, error.requestId, error.retryable], [401, 'InvalidApiKey', 'Invalid API-key provided.', 'r1', false]);
  });

  it('reads the compatible-mode shape', () => {
    const error = errorFromBody(429, '{"error":{"message":"You have exceeded your current request limit.","type":"limit_requests","param":null,"code":"limit_requests"},"request_id":"r2"}', endpoint, undefined, 2);
    assert.deepEqual([error.code, error.requestId, error.retryable, error.retryAfterSeconds], ['limit_requests', 'r2', true, 2]);
  });

  it('explains HTML and empty bodies', () => {
    const html = errorFromBody(502, '<html><body>Bad Gateway</body></html>', endpoint, 'hdr');
    assert.equal(html.code, 'HTTP502');
    assert.match(html.message, /HTML page/);
    assert.equal(html.requestId, 'hdr');
    assert.equal(html.retryable, true);
    const empty = errorFromBody(500, '', endpoint);
    assert.match(empty.message, /empty body/);
    assert.equal(empty.retryable, true);
  });

  it('falls back to the type when a compatible error has no code', () => {
    assert.equal(errorFromBody(400, '{"error":{"message":"m","type":"data_inspection_failed"}}', endpoint).code, 'data_inspection_failed');
  });
});

describe('isRetryable', () => {
  it('retries throttling and server errors only', () => {
    assert.equal(isRetryable(429, 'Throttling.RateQuota', 'Requests rate limit exceeded'), true);
    assert.equal(isRetryable(503, 'ServiceUnavailable', ''), true);
    assert.equal(isRetryable(500, 'InternalError', ''), true);
    assert.equal(isRetryable(408, 'RequestTimeOut', ''), true);
    assert.equal(isRetryable(400, 'InvalidParameter', ''), false);
    assert.equal(isRetryable(400, 'DataInspectionFailed', ''), false);
    assert.equal(isRetryable(400, 'Arrearage', ''), false);
    assert.equal(isRetryable(401, 'InvalidApiKey', ''), false);
    assert.equal(isRetryable(403, 'AccessDenied', ''), false);
    assert.equal(isRetryable(500, 'InvalidParameter', ''), false);
  });

  it('tells a used-up free quota from a throttled window by the message', () => {
    assert.equal(isRetryable(429, 'Throttling.AllocationQuota', 'Allocated quota exceeded, please increase your quota limit.'), true);
    assert.equal(isRetryable(429, 'Throttling.AllocationQuota', 'Free allocated quota exceeded.'), false);
    assert.equal(isRetryable(429, 'PrepaidBillOverdue', ''), false);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('3'), 3);
    assert.equal(parseRetryAfter(['1.5']), 1.5);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4_000), 6);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});

describe('redaction of what a server sends', () => {
  const key = 'sk-unit-echoed-0123456789abcdef';
  registerSecret(key);
  const fields = (error: DashScopeError) => [error.message, error.code, error.requestId ?? '', error.endpoint].join('\n');

  it('removes a key in use from the code, the request id, the message and the endpoint, in any letter case', () => {
    const body = JSON.stringify({ request_id: `Bearer ${key}`, code: `Auth:${key.toUpperCase()}`, message: `bad header Authorization: Bearer ${key}` });
    const error = errorFromBody(401, body, `GET /api/v1/tasks/${key}`, key);
    assert.doesNotMatch(fields(error), /0123456789abcdef/i);
    assert.match(error.code, /^Auth:/);
    const nested = errorFromBody(400, JSON.stringify({ error: { code: key, type: 't', message: key } }), endpoint);
    assert.doesNotMatch(fields(nested), /0123456789abcdef/i);
  });

  it('removes any bearer token, even one this process does not know', () => {
    const error = new DashScopeError({ code: 'Bearer sk-another-process-key-999', message: 'x', endpoint, requestId: 'authorization: bearer sk-another-process-key-999' });
    assert.doesNotMatch(fields(error), /another-process-key/);
  });

  it('redacts the error for a body that is not JSON (parseJson) as well', () => {
    assert.throws(() => parseJson(`<html>${key}</html>`, `GET /x/${key}`, 502, key), (error: unknown) =>
      error instanceof DashScopeError && !/0123456789abcdef/i.test(fields(error)));
  });
});

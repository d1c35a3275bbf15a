import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkKey, type ModelLister } from '../../src/extension/keys/keyValidation';

const unauthorized = () => Object.assign(new Error('Invalid API-key provided.'), { status: 401 });
/** A lister where only `owner` accepts the key. */
const ownedBy = (owner: string): ModelLister => async (_key, region) => {
  if (region === owner) return 42;
  throw unauthorized();
};

describe('checkKey', () => {
  const signal = new AbortController().signal;

  it('accepts a key of the selected region', async () => {
    assert.deepEqual(await checkKey('k', 'cn', ['intl', 'us'], ownedBy('cn'), signal), { kind: 'valid', modelCount: 42 });
  });

  it('finds the region a key belongs to after a 401', async () => {
    assert.deepEqual(await checkKey('k', 'cn', ['intl', 'us', 'hk'], ownedBy('us'), signal), { kind: 'otherRegion', region: 'us', modelCount: 42 });
  });

  it('rejects a key no region accepts', async () => {
    assert.deepEqual(await checkKey('k', 'cn', ['intl'], ownedBy('nowhere'), signal), { kind: 'rejected' });
  });

  it('does not probe other regions when the service cannot be reached', async () => {
    const tried: string[] = [];
    const result = await checkKey('k', 'cn', ['intl'], async (_k, region) => {
      tried.push(region);
      throw new Error('connect ECONNREFUSED');
    }, signal);
    assert.equal(result.kind, 'unreachable');
    assert.deepEqual(tried, ['cn']);
  });
});

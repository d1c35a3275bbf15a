import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyTarget } from '../../src/extension/keys/keyStore';
import { checkKey, keyCandidates, type KeyProbe } from '../../src/extension/keys/keyValidation';

const unauthorized = () => Object.assign(new Error('Invalid API-key provided.'), { status: 401 });
const at = (plan: KeyTarget['plan'], region: KeyTarget['region']): KeyTarget => ({ plan, region });
/** A probe where only `owner` accepts the key; plans without a model list answer undefined. */
const ownedBy = (owner: KeyTarget): KeyProbe => async (_key, target) => {
  if (target.plan === owner.plan && target.region === owner.region) return target.plan === 'coding' ? undefined : 42;
  throw unauthorized();
};

describe('checkKey', () => {
  const signal = new AbortController().signal;

  it('accepts a key of the selected region', async () => {
    assert.deepEqual(await checkKey('k', at('payg', 'cn'), [at('payg', 'intl')], ownedBy(at('payg', 'cn')), signal), { kind: 'valid', modelCount: 42 });
  });

  it('finds the region a key belongs to after a 401', async () => {
    const candidates = keyCandidates('sk-k', at('payg', 'cn'));
    assert.deepEqual(await checkKey('sk-k', at('payg', 'cn'), candidates, ownedBy(at('payg', 'us')), signal), { kind: 'elsewhere', target: at('payg', 'us'), modelCount: 42 });
  });

  it('finds the plan a subscription key belongs to: a Token Plan key tried on Coding Plan', async () => {
    const target = at('coding', 'cn');
    const candidates = keyCandidates('sk-sp-k', target);
    assert.deepEqual(candidates, [at('coding', 'intl'), at('token', 'cn'), at('token', 'intl')]);
    assert.deepEqual(await checkKey('sk-sp-k', target, candidates, ownedBy(at('token', 'cn')), signal), { kind: 'elsewhere', target: at('token', 'cn'), modelCount: 42 });
  });

  it('accepts a Coding Plan key without a model count (its host has no model list)', async () => {
    assert.deepEqual(await checkKey('sk-sp-k', at('coding', 'intl'), [], ownedBy(at('coding', 'intl')), signal), { kind: 'valid', modelCount: undefined });
  });

  it('tries pay-as-you-go regions for a pay-as-you-go key on a subscription or workspace host, and nothing else for a custom endpoint', () => {
    assert.deepEqual(keyCandidates('sk-k', at('coding', 'cn')).map((t) => `${t.plan}/${t.region}`), ['payg/cn', 'payg/intl', 'payg/us', 'payg/hk']);
    assert.deepEqual(keyCandidates('sk-k', at('workspace', 'intl')).map((t) => `${t.plan}/${t.region}`), ['payg/cn', 'payg/intl', 'payg/us', 'payg/hk']);
    assert.deepEqual(keyCandidates('sk-k', at('payg', 'custom')), []);
  });

  it('rejects a key no region accepts', async () => {
    assert.deepEqual(await checkKey('k', at('payg', 'cn'), [at('payg', 'intl')], ownedBy(at('payg', 'hk')), signal), { kind: 'rejected' });
  });

  it('does not probe other regions when the service cannot be reached', async () => {
    const tried: string[] = [];
    const result = await checkKey('k', at('payg', 'cn'), [at('payg', 'intl')], async (_k, target) => {
      tried.push(target.region);
      throw new Error('connect ECONNREFUSED');
    }, signal);
    assert.equal(result.kind, 'unreachable');
    assert.deepEqual(tried, ['cn']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskKey, SecretRedactor } from '../../src/extension/secretRedactor';

describe('SecretRedactor', () => {
  it('removes registered keys and bearer tokens from text', () => {
    const redactor = new SecretRedactor();
    const key = 'sk-sim-cn-redactme-0123456789';
    redactor.add(key);
    const text = redactor.redact(`failed with ${key}; header Authorization: Bearer abcdefgh12345678`);
    assert.ok(!text.includes(key));
    assert.ok(!text.includes('abcdefgh12345678'));
    assert.match(text, /sk-…6789/);
  });

  it('masks short keys completely', () => {
    assert.equal(maskKey('sk-short'), 'sk-…');
    assert.equal(maskKey('sk-sim-cn-demo-key-1234'), 'sk-…1234');
  });
});

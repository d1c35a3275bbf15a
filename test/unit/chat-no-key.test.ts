import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noKeyError } from '../../src/extension/chat/replyErrors';
import { missingKeyMessage } from '../../src/extension/connection';
import { targetTitle } from '../../src/extension/endpoint';

describe('the chat reply when no key is set', () => {
  it('names the plan and region as the user knows them, never a raw setting value', () => {
    assert.equal(noKeyError(targetTitle('payg', 'custom')).message, 'No API key is set for Custom endpoint.');
    assert.equal(noKeyError(targetTitle('payg', 'cn')).message, 'No API key is set for Beijing (cn).');
    assert.match(noKeyError(targetTitle('coding', 'intl')).message, /^No API key is set for Coding Plan · Singapore \(intl\)\.$/);
  });
});

describe('work that needs a key when none is set', () => {
  it('says which plan and region to set a key for', () => {
    assert.equal(missingKeyMessage('payg', 'intl'), 'Set an API key for Singapore (intl) first.');
    assert.equal(missingKeyMessage('token', 'cn'), 'Set an API key for Token Plan · Beijing (cn) first.');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { noKeyError } from '../../src/extension/chat/replyErrors';
import { targetTitle } from '../../src/extension/endpoint';

describe('the chat reply when no key is set', () => {
  it('names the plan and region as the user knows them, never a raw setting value', () => {
    assert.equal(noKeyError(targetTitle('payg', 'custom')).message, 'No API key is set for Custom endpoint.');
    assert.equal(noKeyError(targetTitle('payg', 'cn')).message, 'No API key is set for Beijing (cn).');
    assert.match(noKeyError(targetTitle('coding', 'intl')).message, /^No API key is set for Coding Plan · Singapore \(intl\)\.$/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costText } from '../../src/extension/usage/usagePresentation';

describe('usage cost text', () => {
  it('says a cost under half a cent is under a cent instead of rounding it to nothing', () => {
    assert.equal(costText({ USD: 0.00035 }, 0), '< USD 0.01');
    assert.equal(costText({ USD: 0.006 }, 0), 'USD 0.01');
    assert.equal(costText({ CNY: 3 }, 0), 'CNY 3.00');
    assert.equal(costText({ CNY: 0 }, 0), 'CNY 0.00');
    assert.equal(costText({}, 2), 'no price');
  });
});

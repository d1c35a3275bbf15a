import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatListTime, formatServiceTime, parseServiceTime } from '../../src/dashscope/time';

describe('service times', () => {
  it('parses UTC+8 strings with and without milliseconds', () => {
    assert.equal(parseServiceTime('2026-04-17 13:12:08.928'), Date.UTC(2026, 3, 17, 5, 12, 8, 928));
    assert.equal(parseServiceTime('2024-03-01 17:38:24'), Date.UTC(2024, 2, 1, 9, 38, 24));
    assert.equal(parseServiceTime('2024-03-01 17:38:24.8'), Date.UTC(2024, 2, 1, 9, 38, 24, 800));
  });

  it('accepts ISO strings with a zone and rejects nonsense', () => {
    assert.equal(parseServiceTime('2024-01-01T00:00:00Z'), Date.UTC(2024, 0, 1));
    assert.equal(parseServiceTime('yesterday'), undefined);
    assert.equal(parseServiceTime(undefined), undefined);
    assert.equal(parseServiceTime(null), undefined);
  });

  it('round-trips and formats the list filter', () => {
    const t = Date.UTC(2023, 3, 19, 16, 0, 0, 5);
    assert.equal(formatServiceTime(t), '2023-04-20 00:00:00.005');
    assert.equal(parseServiceTime(formatServiceTime(t)), t);
    assert.equal(formatListTime(t), '20230420000000');
  });
});

import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { Milestones } from '../../src/extension/walkthrough/milestones';

const test = vscode as unknown as typeof double;

describe('walkthrough milestones', () => {
  afterEach(() => test.resetVscode());

  it('sets the context key a step waits for and remembers it for the next window', async () => {
    const state = new test.FakeMemento();
    const first = new Milestones(state as unknown as vscode.Memento);
    await first.reach('chatted');
    assert.equal(test.commands.contextKeys.get('dashscope.walkthrough.chatted'), true);
    assert.equal(test.commands.contextKeys.get('dashscope.walkthrough.generatedImage'), undefined);

    test.resetVscode();
    const next = new Milestones(state as unknown as vscode.Memento);
    await next.publish();
    assert.equal(next.has('chatted'), true);
    assert.equal(test.commands.contextKeys.get('dashscope.walkthrough.chatted'), true);
  });

  it('ignores what it does not know in saved state', async () => {
    const state = new test.FakeMemento();
    await state.update('dashscope.walkthrough.milestones', ['chatted', 'bogus', 42]);
    const milestones = new Milestones(state as unknown as vscode.Memento);
    assert.equal(milestones.has('chatted'), true);
    await milestones.publish();
    assert.deepEqual([...test.commands.contextKeys.keys()].filter((key) => key.startsWith('dashscope.walkthrough.')), ['dashscope.walkthrough.chatted']);
  });
});

describe('walkthrough milestones reached by what happens', () => {
  afterEach(() => test.resetVscode());

  it('reaches a milestone when an event shows it happened, and only then', async () => {
    const emitter = new test.EventEmitter<{ status: string }>();
    const milestones = new Milestones(new test.FakeMemento() as unknown as vscode.Memento);
    const subscription = milestones.reachWhen(emitter.event as unknown as vscode.Event<{ status: string }>, (value) => value?.status === 'done', 'chatted');
    emitter.fire({ status: 'error' });
    assert.equal(milestones.has('chatted'), false);
    emitter.fire({ status: 'done' });
    assert.equal(milestones.has('chatted'), true);
    subscription.dispose();
  });

  it('reaches it at once when it already happened (an image generated before this version)', () => {
    const emitter = new test.EventEmitter<void>();
    const milestones = new Milestones(new test.FakeMemento() as unknown as vscode.Memento);
    milestones.reachWhen(emitter.event as unknown as vscode.Event<void>, () => true, 'generatedImage').dispose();
    assert.equal(milestones.has('generatedImage'), true);
  });
});

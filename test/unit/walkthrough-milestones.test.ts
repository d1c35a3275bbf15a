import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as vscode from 'vscode';
import type * as double from '../vscode';
import { readFileSync } from 'node:fs';
import { Log } from '../../src/extension/log';
import { SecretRedactor } from '../../src/extension/secretRedactor';
import { MILESTONES, milestoneStep, Milestones } from '../../src/extension/walkthrough/milestones';

const test = vscode as unknown as typeof double;
const log = () => new Log(new SecretRedactor());
const milestonesIn = (state: double.FakeMemento) => new Milestones(state as unknown as vscode.Memento, log());
const ticked = () => test.commands.executed.filter((call) => call.command === 'welcome.markStepComplete').map((call) => call.args[0]);

describe('walkthrough steps of milestones', () => {
  it('names each step as VS Code does (<publisher>.<name>#<walkthrough>#<step>), one milestone for every step of package.json', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { publisher: string; name: string; contributes: { walkthroughs: { id: string; steps: { id: string }[] }[] } };
    const [walkthrough] = manifest.contributes.walkthroughs;
    const steps = walkthrough!.steps.map((step) => `${manifest.publisher}.${manifest.name}#${walkthrough!.id}#${step.id}`);
    assert.deepEqual(MILESTONES.map(milestoneStep), steps);
  });
});

describe('walkthrough steps ticked where VS Code saw nothing', () => {
  afterEach(() => test.resetVscode());

  it('ticks the step of a milestone with welcome.markStepComplete when it is reached (whether or not the Welcome page is open), once per profile', async () => {
    const state = new test.FakeMemento();
    await milestonesIn(state).reach('chatted');
    assert.deepEqual(ticked(), ['dashscope-studio.dashscope-studio#getStarted#chat']);

    test.resetVscode();
    await milestonesIn(state).publish();
    assert.deepEqual(ticked(), [], 'a later window does not tick it again');
    assert.equal(test.commands.contextKeys.get('dashscope.walkthrough.chatted'), true);
  });

  it('ticks at the next activation a milestone reached before steps were ticked (a version that only set context keys)', async () => {
    const state = new test.FakeMemento();
    await state.update('dashscope.walkthrough.milestones', ['chatted', 'generatedImage']);
    await milestonesIn(state).publish();
    assert.deepEqual(ticked().sort(), ['dashscope-studio.dashscope-studio#getStarted#chat', 'dashscope-studio.dashscope-studio#getStarted#image']);
  });

  it('ticks a step again at the next activation when VS Code could not confirm it (its walkthrough not registered yet)', async () => {
    const state = new test.FakeMemento();
    const refusal = vscode.commands.registerCommand('welcome.markStepComplete', () => {
      throw new Error('Attempting to access step which does not exist in registry');
    });
    await milestonesIn(state).reach('addedKey');
    refusal.dispose();

    test.resetVscode();
    await milestonesIn(state).publish();
    assert.deepEqual(ticked(), ['dashscope-studio.dashscope-studio#getStarted#key']);
  });
});

describe('walkthrough milestones', () => {
  afterEach(() => test.resetVscode());

  it('sets the context key a step waits for and remembers it for the next window', async () => {
    const state = new test.FakeMemento();
    const first = milestonesIn(state);
    await first.reach('chatted');
    assert.equal(test.commands.contextKeys.get('dashscope.walkthrough.chatted'), true);
    assert.equal(test.commands.contextKeys.get('dashscope.walkthrough.generatedImage'), undefined);

    test.resetVscode();
    const next = milestonesIn(state);
    await next.publish();
    assert.equal(next.has('chatted'), true);
    assert.equal(test.commands.contextKeys.get('dashscope.walkthrough.chatted'), true);
  });

  it('ignores what it does not know in saved state', async () => {
    const state = new test.FakeMemento();
    await state.update('dashscope.walkthrough.milestones', ['chatted', 'bogus', 42]);
    const milestones = milestonesIn(state);
    assert.equal(milestones.has('chatted'), true);
    await milestones.publish();
    assert.deepEqual([...test.commands.contextKeys.keys()].filter((key) => key.startsWith('dashscope.walkthrough.')), ['dashscope.walkthrough.chatted']);
  });
});

describe('walkthrough milestones reached by what happens', () => {
  afterEach(() => test.resetVscode());

  it('reaches a milestone when an event shows it happened, and only then', async () => {
    const emitter = new test.EventEmitter<{ status: string }>();
    const milestones = milestonesIn(new test.FakeMemento());
    const subscription = milestones.reachWhen(emitter.event as unknown as vscode.Event<{ status: string }>, (value) => value?.status === 'done', 'chatted');
    emitter.fire({ status: 'error' });
    assert.equal(milestones.has('chatted'), false);
    emitter.fire({ status: 'done' });
    assert.equal(milestones.has('chatted'), true);
    subscription.dispose();
  });

  it('reaches it at once when it already happened (an image generated before this version)', () => {
    const emitter = new test.EventEmitter<void>();
    const milestones = milestonesIn(new test.FakeMemento());
    milestones.reachWhen(emitter.event as unknown as vscode.Event<void>, () => true, 'generatedImage').dispose();
    assert.equal(milestones.has('generatedImage'), true);
  });
});

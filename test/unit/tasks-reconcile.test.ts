import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientErrorCode, DashScopeError, type DashScopeClient, type TaskListQuery, type TaskSummary } from '../../src/dashscope';
import { isOutcomeUnknown, reconcileSubmit } from '../../src/extension/tasks/submitReconciler';

const summary = (taskId: string, model = 'wan2.6-t2v'): TaskSummary => ({ taskId, status: 'PENDING', model, region: 'cn', createdAt: 1000, startTime: undefined, endTime: undefined });

function client(pages: (readonly TaskSummary[] | Error)[]) {
  const queries: TaskListQuery[] = [];
  const fake = {
    tasks: {
      list: async (query: TaskListQuery) => {
        queries.push(query);
        const page = pages.shift() ?? [];
        if (page instanceof Error) throw page;
        return { total: page.length, totalPages: 1, pageNo: 1, pageSize: 20, tasks: page };
      },
    },
  } as unknown as DashScopeClient;
  return { fake, queries };
}

const options = { model: 'wan2.6-t2v', sentAt: 100_000, now: () => 105_000, sleep: async () => undefined, known: (id: string) => id === 'tracked', choose: async () => undefined };

describe('reconciling a submit whose answer was lost', () => {
  it('recognises the error of a submit cut after its body was sent', () => {
    assert.equal(isOutcomeUnknown(new DashScopeError({ message: 'lost', code: ClientErrorCode.SubmitOutcomeUnknown, endpoint: 'POST /x' })), true);
    assert.equal(isOutcomeUnknown(new DashScopeError({ message: 'lost', code: ClientErrorCode.Network, endpoint: 'POST /x' })), false);
  });

  it('tracks the one new task of that model in the time window', async () => {
    const { fake, queries } = client([[summary('tracked'), summary('new-one'), summary('other-model', 'wan2.2-t2v-plus')]]);
    assert.equal((await reconcileSubmit(fake, options)).taskId, 'new-one');
    assert.deepEqual([queries[0]!.modelName, queries[0]!.startTime, queries[0]!.endTime], ['wan2.6-t2v', 40_000, 165_000]);
  });

  it('looks again when the task is not listed yet, and offers the candidates when there are several', async () => {
    const offered: string[][] = [];
    const { fake } = client([[], [summary('a'), summary('b')]]);
    const chosen = await reconcileSubmit(fake, { ...options, choose: async (candidates) => (offered.push(candidates.map((task) => task.taskId)), candidates[1]) });
    assert.deepEqual([chosen.taskId, offered], ['b', [['a', 'b']]]);
  });

  it('says the task was most likely not created when none appears, never that it was refused', async () => {
    const { fake, queries } = client([[], [], []]);
    await assert.rejects(reconcileSubmit(fake, options), (error: Error) => /most likely not created/.test(error.message) && !/refused/i.test(error.message));
    assert.equal(queries.length, 3);
  });

  it('says the outcome is unknown when the task list cannot be read either', async () => {
    const { fake } = client([new DashScopeError({ message: 'other side closed', code: ClientErrorCode.Network, endpoint: 'GET /tasks' })]);
    await assert.rejects(reconcileSubmit(fake, options), (error: Error) => /unknown/.test(error.message) && /Import Recent Tasks/.test(error.message) && !/other side closed/.test(error.message));
  });
});

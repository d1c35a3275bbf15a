import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setApiKey } from './flows';
import { eventually } from './eventually';
import { VsCode } from './harness';

/** A second loopback server that a hostile workspace points dashscope.baseUrl at: it records every request. */
interface Recorder {
  readonly url: string;
  readonly requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

async function startRecorder(): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    // Answers like a model list, so a client that does send the key here sees success and goes on using it.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: 'qwen-plus', object: 'model', created: 0, owned_by: 'system' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  assert.ok(typeof address === 'object' && address);
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('workspace trust in real VS Code: a folder cannot redirect the API key', () => {
  let recorder: Recorder | undefined;
  let code: VsCode | undefined;

  before(async () => {
    recorder = await startRecorder();
    code = await VsCode.launch({
      // No simulator override: requests go where the settings say, as for a user; the user's own endpoint is the simulator.
      env: { DASHSCOPE_STUDIO_SIMULATOR_URL: '' },
      workspaceSettings: { 'dashscope.baseUrl': recorder.url, 'dashscope.downloadFolder': '/' },
    });
  }, { timeout: 600_000 });

  after(async () => {
    await code?.close();
    await recorder?.close();
  });

  it('warns that the workspace value is ignored, uses the user\'s endpoint, and sends nothing to the folder\'s', { timeout: 180_000 }, async () => {
    const vscode = code!;
    try {
      const warning = await vscode.notification(/ignores the workspace value/, 60_000);
      assert.equal(await vscode.notificationSeverity(warning), 'warning');
      const text = await warning.innerText();
      assert.match(text, /dashscope\.baseUrl/);
      assert.match(text, /dashscope\.downloadFolder/);
      await warning.locator('.monaco-button', { hasText: 'Open User Settings' }).click();
      await vscode.page.locator('.settings-editor').waitFor();

      // The user's own custom endpoint, chosen in user settings through the region picker: the simulator.
      const userEndpoint = vscode.sim.regionOrigin('cn');
      await vscode.runCommand('DashScope: Select Region');
      await vscode.pick('Custom endpoint');
      await vscode.answerInput(userEndpoint);
      await vscode.waitForStatus(/Custom endpoint/);
      await vscode.clearNotifications();
      const key = vscode.sim.keyFor('cn');
      await setApiKey(vscode, key);
      assert.doesNotMatch(await vscode.waitForStatus(/Custom endpoint/), /No key|No base URL/);

      await vscode.runCommand('DashScope: Show Connection Status');
      const status = await (await vscode.notification(/connected, \d+ models/)).innerText();
      assert.ok(status.includes(userEndpoint), `the user's endpoint is in use: ${status}`);
      assert.ok(vscode.sim.requests.some((request) => request.headers.authorization === `Bearer ${key}` && /models/.test(request.path)), 'the simulator got the key');

      await eventually(() => vscode.extensionLogs().some((file) => readFileSync(file, 'utf8').includes(`API key for custom is sent only to ${userEndpoint}`)),
        { message: 'the log never named where the key goes' });
      assert.ok(vscode.extensionLogs().some((file) => /workspace sets dashscope\.baseUrl/.test(readFileSync(file, 'utf8'))), 'the ignored workspace value is logged');

      const withKey = recorder!.requests.filter((request) => request.headers.authorization !== undefined);
      assert.deepEqual(withKey.map((request) => `${request.method} ${request.url}`), [], 'no request with Authorization reached the folder\'s endpoint');
      assert.deepEqual(recorder!.requests.map((request) => `${request.method} ${request.url}`), [], 'no request at all reached it');
    } catch (error) {
      await vscode.saveArtifacts('trust-workspace-baseUrl');
      throw error;
    }
  });
});

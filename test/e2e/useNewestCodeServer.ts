// Imported first by the suites that need VS Code ≥ 1.104 (language model provider, chat participant):
// codeServer.ts reads the choice when the harness imports it.
process.env.DASHSCOPE_E2E_CODE_SERVER = '4.139.1';

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REGION_IDS } from '../../src/dashscope/regions';
import { startSimulator, type Simulator } from '../simulator';
import { ensureCodeServer, installExtension } from './codeServer';
import { freePort, startCodeServer, writeUserSettings } from './codeServerProcess';
import { packageExtension } from './launch';

const PROFILE = path.join(__dirname, '..', '..', '.e2e', 'start-profile');

/**
 * `npm start`: the extension in a real VS Code (code-server). Without DASHSCOPE_API_KEY it runs against
 * the local simulator and offers the simulator's demo key for import; with it, against DashScope.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(portArg) || portArg <= 0 || portArg >= 65535) throw new Error('--port (or PORT) must be a port number');
  ensureCodeServer();
  console.log('Building and packaging the extension…');
  const vsix = packageExtension();
  const dirs = { userData: path.join(PROFILE, 'user-data'), extensions: path.join(PROFILE, 'extensions'), workspace: path.join(PROFILE, 'workspace') };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  writeUserSettings(dirs.userData);
  installExtension(vsix, dirs.extensions, dirs.userData);

  const realKey = process.env.DASHSCOPE_API_KEY?.trim();
  const port = await portNear(portArg);
  let sim: Simulator | undefined;
  const env: NodeJS.ProcessEnv = {};
  if (!realKey) {
    sim = await startSimulator({ port: await portNear(port + 1) });
    env.DASHSCOPE_STUDIO_SIMULATOR_URL = sim.origin;
    env.DASHSCOPE_API_KEY = sim.keyFor('cn');
  }
  const server = await startCodeServer({ userDataDir: dirs.userData, extensionsDir: dirs.extensions, folder: dirs.workspace, env, port });
  console.log(`\nDashScope Studio is running in VS Code: ${server.url}/?folder=${encodeURIComponent(dirs.workspace)}`);
  if (sim) {
    console.log(`Talking to the LOCAL DashScope SIMULATOR at ${sim.origin} (no Alibaba Cloud account needed).`);
    console.log('Run "DashScope: Import API Key" to use its demo key. Demo keys per region:');
    for (const region of REGION_IDS) console.log(`  ${region.padEnd(5)} ${sim.keyFor(region)}`);
  } else {
    console.log('Talking to DashScope with the key from DASHSCOPE_API_KEY (offered by "DashScope: Import API Key").');
  }
  console.log('Ctrl+C stops.');
  const stop = async () => {
    console.log('\nStopping code-server and the simulator…');
    await server.stop();
    await sim?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  server.process.once('exit', (code) => {
    console.error(`code-server exited (${code}).`);
    void sim?.close().then(() => process.exit(1));
  });
}

/** The wanted port when it is free, else any free one. */
async function portNear(wanted: number): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => void freePort().then(resolve));
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(wanted)));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

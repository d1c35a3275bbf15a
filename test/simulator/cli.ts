import { REGION_IDS } from '../../src/dashscope/regions';
import { FAULT_NAMES } from './faults';
import { startSimulator } from './index';

/** `npm run simulator -- --port N [--clock manual] [--no-rate-limits] [--verbose]` */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index === -1 ? undefined : args[index + 1];
  };
  const sim = await startSimulator({
    port: Number(option('--port') ?? process.env.PORT ?? 0),
    clock: option('--clock') === 'manual' ? 'manual' : 'real',
    rateLimits: !args.includes('--no-rate-limits'),
    log: args.includes('--verbose') ? (line) => console.log(line) : undefined,
  });
  console.log(`DashScope simulator listening on ${sim.origin}`);
  for (const region of REGION_IDS) console.log(`  ${region.padEnd(5)} ${sim.regionOrigin(region)}  key: ${sim.keyFor(region)}`);
  console.log(`Faults (header "x-sim-fault: NAME", "[[sim:NAME]]" in a prompt, or POST /__sim/faults): ${FAULT_NAMES.join(', ')}`);
  console.log('Outages: POST /__sim/offline {"ms": 30000, "mode": "refuse"|"reset"}; slow result downloads: POST /__sim/downloads {"bytesPerSecond": 20000} (null: full speed).');
  console.log('Ctrl+C stops.');
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

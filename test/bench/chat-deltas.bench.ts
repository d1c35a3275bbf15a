import { DashScopeClient } from '../../src/dashscope';
import type { ConversationEvent } from '../../src/extension/chat/chatService';
import { DeltaBatcher } from '../../src/extension/chat/deltaBatcher';
import { runReply } from '../../src/extension/chat/replyStreamer';
import { startSimulator } from '../simulator';

const TOKENS = 1_000_000;

/**
 * How many messages a chat page gets for the simulator's fastest reply (a million tokens, as the stop e2e
 * test streams): one per network read without the batcher, about one per frame with it.
 */
export async function run(): Promise<void> {
  const sim = await startSimulator({ rateLimits: false });
  try {
    const client = new DashScopeClient({ apiKey: sim.keyFor('cn'), baseUrl: sim.regionOrigin('cn') });
    const sent: ConversationEvent[] = [];
    const batcher = new DeltaBatcher((event) => sent.push(event));
    let deltas = 0;
    const started = performance.now();
    const controller = new AbortController();
    await runReply({
      messageId: 'bench',
      events: client.chat.stream({ model: 'qwen-plus', messages: [{ role: 'user', content: `[[sim:long=${TOKENS}]]` }], stream: true }, { signal: controller.signal }),
      signal: controller.signal,
      now: () => performance.now(),
      startedAt: started,
      emit: (event) => {
        if (event.type === 'textAppended') deltas++;
        batcher.push({ conversationId: 'bench', event });
      },
    });
    batcher.flush();
    const seconds = (performance.now() - started) / 1000;
    console.log(`chat deltas: ${TOKENS} tokens in ${seconds.toFixed(1)} s; ${deltas} deltas (one per network read) → ${sent.length} page messages (${(deltas / sent.length).toFixed(1)}× fewer, ${(sent.length / seconds).toFixed(0)}/s)`);
  } finally {
    await sim.close();
  }
}

import type { ChatStreamEvent } from '../../dashscope';
import type { MediaSender } from '../media/mediaKinds';
import { estimateCost } from './usageCost';
import type { UsageKind } from './usageEntry';
import { usageFigures } from './usageFigures';
import type { UsageLedger } from './usageLedger';

/** One finished call as a feature knows it; `usage` is the response's object as received. */
export interface UsageCall {
  readonly model: string;
  readonly kind: UsageKind;
  readonly usage: unknown;
  readonly id?: string;
  readonly time?: number;
}

/** Turns calls into ledger entries (figures and cost estimate, never the prompt) without ever failing the call. */
export class UsageRecorder {
  constructor(readonly ledger: UsageLedger, private readonly now: () => number = Date.now) {}

  record(call: UsageCall): Promise<void> {
    const usage = usageFigures(call.usage);
    const cost = estimateCost(call.model, usage, call.usage);
    return this.ledger.record({
      ...(call.id !== undefined && call.id.length > 0 ? { id: call.id.slice(0, 200) } : {}),
      time: Math.trunc(call.time ?? this.now()),
      model: call.model.slice(0, 200) || '?',
      kind: call.kind,
      usage,
      ...(cost ? { cost } : {}),
    });
  }

  /** Passes a reply stream through and records its last usage once it ends (done, stopped or failed). */
  async *tap(events: AsyncIterable<ChatStreamEvent>, model: string, kind: UsageKind): AsyncGenerator<ChatStreamEvent> {
    let usage: unknown;
    try {
      for await (const event of events) {
        if (event.type === 'usage') usage = event.usage;
        yield event;
      }
    } finally {
      if (usage !== undefined) void this.record({ model, kind, usage });
    }
  }

  /** A media sender that records the usage of synchronous image results. */
  imageSender(sender: MediaSender, model: string): MediaSender {
    return {
      submitImage: async (request) => {
        const outcome = await sender.submitImage(request);
        if (!('taskId' in outcome)) void this.record({ model, kind: 'image', usage: outcome.usage, ...(outcome.requestId ? { id: outcome.requestId } : {}) });
        return outcome;
      },
      submitVideo: (request) => sender.submitVideo(request),
      saveImages: (result) => sender.saveImages(result),
    };
  }
}

import { z } from 'zod';
import type { CallOptions, Transport } from './http';

/** OpenAI-compatible text completion (Qwen coder models' fill in the middle, China (Beijing) region). */
export interface CompletionRequest {
  readonly model: string;
  readonly prompt: string;
  readonly max_tokens?: number;
  readonly temperature?: number;
  readonly stop?: readonly string[];
}

const completionSchema = z.looseObject({
  id: z.string().optional(),
  choices: z.array(z.looseObject({ text: z.string().nullish(), finish_reason: z.string().nullish() })),
  usage: z.looseObject({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
});

export interface CompletionResult {
  readonly text: string;
  readonly finishReason: string | undefined;
  readonly usage: z.output<typeof completionSchema>['usage'];
}

export class CompletionsApi {
  constructor(private readonly transport: Transport) {}

  async create(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> {
    const completion = await this.transport.json({ method: 'POST', path: '/compatible-mode/v1/completions', body: request }, completionSchema, options);
    const choice = completion.choices[0];
    return { text: choice?.text ?? '', finishReason: choice?.finish_reason ?? undefined, usage: completion.usage };
  }
}

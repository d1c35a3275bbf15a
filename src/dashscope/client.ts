import { AppsApi } from './apps';
import { ChatApi, ModelsApi } from './chat';
import { CompletionsApi } from './completions';
import { GenerationApi } from './generation';
import { Transport, type ClientOptions } from './http';
import { ImagesApi } from './images';
import { MemoryApi } from './memory';
import { SpeechApi } from './speech';
import { TasksApi } from './tasks';
import { UploadsApi } from './uploads';
import { VideoApi } from './video';

/** The DashScope client: one instance per key, region and base URL. */
export class DashScopeClient {
  readonly chat: ChatApi;
  readonly models: ModelsApi;
  readonly completions: CompletionsApi;
  readonly generation: GenerationApi;
  readonly images: ImagesApi;
  readonly video: VideoApi;
  readonly tasks: TasksApi;
  readonly uploads: UploadsApi;
  readonly speech: SpeechApi;
  /** Bailian applications (agents, workflows). */
  readonly apps: AppsApi;
  /** Long-term memory of an application's users. */
  readonly memory: MemoryApi;
  /** Where requests go: the region's host or the configured base URL. */
  readonly baseUrl: string;

  constructor(options: ClientOptions) {
    const transport = new Transport(options);
    this.baseUrl = transport.baseUrl;
    this.chat = new ChatApi(transport);
    this.models = new ModelsApi(transport);
    this.completions = new CompletionsApi(transport);
    this.generation = new GenerationApi(transport);
    this.images = new ImagesApi(transport);
    this.video = new VideoApi(transport);
    this.tasks = new TasksApi(transport);
    this.uploads = new UploadsApi(transport);
    this.speech = new SpeechApi(transport);
    this.apps = new AppsApi(transport);
    this.memory = new MemoryApi(transport);
  }
}

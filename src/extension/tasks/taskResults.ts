import type { TaskInfo } from '../../dashscope';

/** More results than any task makes: a hostile answer listing millions is cut here. */
const MAX_RESULTS = 100;

/** Result URLs of a finished task, whatever its kind: a video, images (choices or results), transcriptions, audio. Only valid URLs. */
export function resultUrls(task: TaskInfo): string[] {
  return candidateUrls(task).filter((url) => url.length <= 8192 && URL.canParse(url)).slice(0, MAX_RESULTS);
}

function candidateUrls(task: TaskInfo): string[] {
  if (task.videoUrl) return [task.videoUrl];
  const urls: string[] = [];
  const output = task.output as {
    choices?: { message?: { content?: unknown } }[];
    results?: { url?: unknown; transcription_url?: unknown }[] | { video_url?: unknown };
    audio?: { url?: unknown };
  };
  for (const choice of output.choices ?? []) {
    const content = choice.message?.content;
    if (Array.isArray(content)) for (const part of content) if (typeof part?.image === 'string') urls.push(part.image);
  }
  if (Array.isArray(output.results)) {
    for (const result of output.results) {
      if (typeof result.url === 'string') urls.push(result.url);
      if (typeof result.transcription_url === 'string') urls.push(result.transcription_url);
    }
  } else if (typeof output.results?.video_url === 'string') {
    urls.push(output.results.video_url);
  }
  if (typeof output.audio?.url === 'string') urls.push(output.audio.url);
  return urls;
}

/** Signed result URLs carry their expiry (`Expires`, epoch seconds); otherwise assume the documented 24 h. */
export function resultExpiry(urls: readonly string[], endTime: number | undefined): number | undefined {
  for (const url of urls) {
    if (!URL.canParse(url)) continue;
    const expires = Number(new URL(url).searchParams.get('Expires'));
    if (Number.isFinite(expires) && expires > 0) return expires * 1000;
  }
  return endTime === undefined ? undefined : endTime + 24 * 3600_000;
}

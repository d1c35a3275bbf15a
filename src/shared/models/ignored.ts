/**
 * Model ids the account's model list has that no panel uses, and why: they stay out of the chat picker.
 * Checked before the chat families, so `qwen3-omni-flash-realtime` is speech, not chat.
 */
const IGNORED: readonly { readonly reason: string; readonly pattern: RegExp }[] = [
  { reason: 'speech synthesis (TTS)', pattern: /tts|cosyvoice|sambert/ },
  { reason: 'speech recognition (ASR)', pattern: /asr|paraformer|sensevoice/ },
  { reason: 'realtime (WebSocket) model', pattern: /realtime|livetranslate/ },
  { reason: 'translation model', pattern: /^qwen-mt|-mt-|-mt$/ },
  { reason: 'embedding or rerank model', pattern: /embedding|rerank/ },
  { reason: 'OCR model (fixed task prompt)', pattern: /ocr/ },
  { reason: 'research agent (its own protocol)', pattern: /deep-research/ },
  { reason: 'image or video tool without a panel', pattern: /style-repaint|background-generation|out-painting|sketch-to-image|emoji|liveportrait|virtualmodel|^wanx-(poster|ast)|^image-/ },
];

export function ignoredReason(id: string): string | undefined {
  return IGNORED.find((entry) => entry.pattern.test(id))?.reason;
}

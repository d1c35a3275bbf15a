import * as l10n from '@vscode/l10n';
import { PASTED_IMAGE_MAX_BYTES } from '../../shared/protocol/chat';
import type { Field } from '../components/toolkit';

export interface ContextInputActions {
  /** `#` was typed: ask the host which file to attach. */
  pickFile(): void;
  attachImage(name: string, base64: string): void;
  /** Backspace in an empty input: drop the last chip. */
  removeLastChip(): void;
  warn(message: string): void;
}

/**
 * Context typed, pasted or dropped into the chat input: `#` at the start of a word opens the file picker,
 * images pasted or dropped become chips (the host checks them again), Backspace in an empty input removes a chip.
 */
export function wireContextInput(prompt: Field<string>, dropTarget: HTMLElement, actions: ContextInputActions): void {
  prompt.element.addEventListener('keydown', (event: KeyboardEvent) => {
    if (event.isComposing) return;
    if (event.key === '#' && (prompt.value === '' || /\s$/.test(prompt.value))) {
      event.preventDefault();
      actions.pickFile();
    } else if (event.key === 'Backspace' && prompt.value === '') {
      actions.removeLastChip();
    }
  });
  prompt.element.addEventListener('paste', (event: ClipboardEvent) => {
    const images = imagesIn(event.clipboardData);
    if (images.length === 0) return;
    event.preventDefault();
    images.forEach((file) => send(file, actions));
  });
  dropTarget.addEventListener('dragover', (event: DragEvent) => {
    if ([...(event.dataTransfer?.items ?? [])].some((item) => item.kind === 'file')) event.preventDefault();
  });
  dropTarget.addEventListener('drop', (event: DragEvent) => {
    const images = imagesIn(event.dataTransfer);
    if (images.length === 0) return;
    event.preventDefault();
    images.forEach((file) => send(file, actions));
  });
}

function imagesIn(data: DataTransfer | null): File[] {
  return [...(data?.files ?? [])].filter((file) => file.type.startsWith('image/'));
}

function send(file: File, actions: ContextInputActions): void {
  read(file, actions).catch(() => actions.warn(l10n.t('{0} could not be read.', file.name)));
}

async function read(file: File, actions: ContextInputActions): Promise<void> {
  const name = (file.name || l10n.t('pasted image')).slice(0, 200);
  if (file.size > PASTED_IMAGE_MAX_BYTES) {
    actions.warn(l10n.t('{0} is larger than {1} MB.', name, PASTED_IMAGE_MAX_BYTES / 1024 / 1024));
    return;
  }
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
  actions.attachImage(name, url.slice(url.indexOf(',') + 1));
}

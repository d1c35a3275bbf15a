import { Uri } from './uri';
import { UIKind } from './types';

let clipboardText = '';

export const env = {
  language: 'en',
  appName: 'Visual Studio Code (test double)',
  uiKind: UIKind.Desktop,
  machineId: 'test-machine',
  opened: [] as Uri[],
  clipboard: {
    readText: async () => clipboardText,
    writeText: async (text: string) => void (clipboardText = text),
  },
  async openExternal(uri: Uri): Promise<boolean> {
    env.opened.push(uri);
    return true;
  },
  async asExternalUri(uri: Uri): Promise<Uri> {
    return uri;
  },
  reset(): void {
    clipboardText = '';
    env.opened = [];
  },
};

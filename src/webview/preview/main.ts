import * as l10n from '@vscode/l10n';
import { button, h, registerComponents } from '../components/toolkit';
import { previewProtocol, type PreviewState } from '../../shared/protocol/preview';
import { HostConnection } from '../shared/hostConnection';
import { configureLocalization } from '../shared/l10n';

configureLocalization();
registerComponents();

const app = document.getElementById('app')!;
const host = new HostConnection(previewProtocol, { show: render });

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

function media(state: PreviewState): HTMLElement {
  switch (state.kind) {
    case 'image':
      return h('img', { src: state.source, alt: state.fileName, class: 'media' });
    case 'video':
      return h('video', { src: state.source, controls: true, loop: true, class: 'media', 'aria-label': state.fileName });
    case 'audio':
      return h('audio', { src: state.source, controls: true, 'aria-label': state.fileName });
  }
}

function render(state: PreviewState): void {
  const actions = h('div', { class: 'actions' }, [
    button(l10n.t('Save As…'), { appearance: 'primary', onClick: () => host.command('saveAs', {}) }),
    state.hasPrompt ? button(l10n.t('Copy Prompt'), { appearance: 'secondary', onClick: () => host.command('copyPrompt', {}) }) : null,
    state.canRegenerate ? button(l10n.t('Regenerate'), { appearance: 'secondary', onClick: () => host.command('regenerate', {}) }) : null,
    button(l10n.t('Reveal in File Explorer'), { appearance: 'secondary', onClick: () => host.command('reveal', {}) }),
  ]);
  const notice = state.aacAudio
    ? h('div', { class: 'notice', role: 'status' }, [
      h('span', {}, [l10n.t('This video has AAC sound, which VS Code cannot play: it plays silent here.')]),
      button(l10n.t('Open in System Player'), { appearance: 'secondary', onClick: () => host.command('openExternally', {}) }),
    ])
    : null;
  const details = h('table', { class: 'metadata' }, [
    h('tbody', {}, [
      ...state.metadata.map(([name, value]) => h('tr', {}, [h('th', {}, [name]), h('td', {}, [value])])),
      h('tr', {}, [h('th', {}, [l10n.t('File')]), h('td', {}, [`${state.fileName} · ${formatSize(state.sizeBytes)}`])]),
    ]),
  ]);
  app.replaceChildren(...[h('div', { class: 'stage' }, [media(state)]), notice, actions, details].filter((node) => node !== null));
}

host.start();

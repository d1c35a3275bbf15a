import * as l10n from '@vscode/l10n';

/** Configures @vscode/l10n from the bundle the host embedded in the page (see webviewHtml). */
export function configureLocalization(): void {
  const bundle = document.getElementById('l10n-bundle')?.textContent;
  if (!bundle) return;
  const contents = JSON.parse(bundle) as Record<string, string>;
  if (Object.keys(contents).length > 0) l10n.config({ contents });
}

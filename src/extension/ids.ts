/**
 * Every id the extension shares with package.json's `contributes` and with VS Code: commands, views, webview
 * view types and context keys. Host code names them from here, never as string literals; test/unit/ids.test.ts
 * keeps this file and package.json equal.
 */

export const Commands = {
  setApiKey: 'dashscope.setApiKey',
  importApiKey: 'dashscope.importApiKey',
  clearApiKey: 'dashscope.clearApiKey',
  selectRegion: 'dashscope.selectRegion',
  showConnectionStatus: 'dashscope.showConnectionStatus',
  statusActions: 'dashscope.statusActions',
  openApiKeyPage: 'dashscope.openApiKeyPage',
  showLog: 'dashscope.showLog',
  openImage: 'dashscope.image.open',
  openVideo: 'dashscope.video.open',
  generateVideo: 'dashscope.generateVideo',
  refreshTasks: 'dashscope.tasks.refresh',
  cancelTask: 'dashscope.tasks.cancel',
  openTaskResult: 'dashscope.tasks.openResult',
  saveTaskResultAs: 'dashscope.tasks.saveAs',
  copyTaskId: 'dashscope.tasks.copyId',
  copyTaskUrl: 'dashscope.tasks.copyUrl',
  resubmitTask: 'dashscope.tasks.resubmit',
  removeTask: 'dashscope.tasks.remove',
  clearFinishedTasks: 'dashscope.tasks.clearFinished',
  trackTaskById: 'dashscope.tasks.trackById',
  importRecentTasks: 'dashscope.tasks.importRecent',
  copyTaskAsCurl: 'dashscope.tasks.copyAsCurl',
  copyTaskAsTypeScript: 'dashscope.tasks.copyAsTypeScript',
  openChat: 'dashscope.chat.open',
  newChat: 'dashscope.chat.newConversation',
  askAboutSelection: 'dashscope.chat.askAboutSelection',
  sidebarNewChat: 'dashscope.chatView.newConversation',
  sidebarChatHistory: 'dashscope.chatView.history',
  sidebarRenameChat: 'dashscope.chatView.rename',
  sidebarDeleteChat: 'dashscope.chatView.delete',
  insertSnippet: 'dashscope.insertSnippet',
  toggleInlineCompletions: 'dashscope.inlineCompletions.toggle',
  toggleInlineCompletionsForLanguage: 'dashscope.inlineCompletions.toggleLanguage',
  useInVsCodeChat: 'dashscope.useInVsCodeChat',
  refreshUsage: 'dashscope.usage.refresh',
  exportUsageCsv: 'dashscope.usage.exportCsv',
  openBilling: 'dashscope.usage.openBilling',
  openSpeech: 'dashscope.speech.open',
  addApp: 'dashscope.apps.add',
  forgetApp: 'dashscope.apps.forget',
  setAppVariables: 'dashscope.apps.setVariables',
  attachKnowledge: 'dashscope.knowledge.attach',
  setKnowledgeAccessKey: 'dashscope.knowledge.setAccessKey',
  forgetKnowledgeAccessKey: 'dashscope.knowledge.forgetAccessKey',
  viewMemory: 'dashscope.memory.view',
} as const;

/** Views of the DashScope activity bar container. */
export const Views = {
  tasks: 'dashscope.tasks',
  chat: 'dashscope.chatView',
  usage: 'dashscope.usage',
} as const;

/** Webview panel and custom editor view types (each panel has an `onWebviewPanel:` activation event). */
export const ViewTypes = {
  chatPanel: 'dashscope.chat',
  imagePanel: 'dashscope.image',
  videoPanel: 'dashscope.video',
  speechPanel: 'dashscope.speech',
  mediaPreview: 'dashscope.mediaPreview',
} as const;

/** Context keys the extension sets, read by package.json's `when` clauses and walkthrough completion events. */
export const ContextKeys = {
  hasKey: 'dashscope.hasKey',
  foundKey: 'dashscope.foundKey',
  /** The selected plan serves speech (a Coding or Token Plan does not): the speech tool is offered. */
  planHasSpeech: 'dashscope.planHasSpeech',
  walkthroughChatted: 'dashscope.walkthrough.chatted',
  walkthroughGeneratedImage: 'dashscope.walkthrough.generatedImage',
} as const;

/**
 * The Get Started walkthrough's steps as VS Code names them (`<publisher>.<name>#<walkthrough id>#<step id>`):
 * what `welcome.markStepComplete` takes.
 */
export const WalkthroughSteps = {
  key: 'dashscope-studio.dashscope-studio#getStarted#key',
  chat: 'dashscope-studio.dashscope-studio#getStarted#chat',
  image: 'dashscope-studio.dashscope-studio#getStarted#image',
  tasks: 'dashscope-studio.dashscope-studio#getStarted#tasks',
  snippet: 'dashscope-studio.dashscope-studio#getStarted#snippet',
} as const;

type View = (typeof Views)[keyof typeof Views];

/** The command VS Code registers for every view, revealing it. */
export function focusCommand(view: View): string {
  return `${view}.focus`;
}

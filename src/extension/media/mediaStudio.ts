import path from 'node:path';
import * as vscode from 'vscode';
import type { MediaPanelKind } from '../../shared/protocol/media';
import type { ImageForm, ImageParameters, VideoForm, VideoParameters } from '../../shared/protocol/mediaRules';
import { Disposable } from '../disposable';
import type { Services } from '../services';
import type { TaskTracker } from '../tasks/taskTracker';
import { MediaForm, type MediaFormContext } from './mediaForm';
import { MediaHistory, type HistoryEntry } from './mediaHistory';
import { IMAGE_KIND, inputIdsOf, VIDEO_KIND } from './mediaKinds';
import { MediaSubmitter } from './mediaSubmit';
import { PickedFiles } from './pickedFiles';
import { ResultActions } from './resultActions';

/**
 * The long-running side of the image and video panels: their forms (with submitting), the files the user
 * picked, the history of results and what their buttons do. Panels only show what it reports.
 */
export class MediaStudio extends Disposable {
  readonly history: MediaHistory;
  readonly picked: PickedFiles;
  readonly image: MediaForm<ImageForm, ImageParameters>;
  readonly video: MediaForm<VideoForm, VideoParameters>;
  readonly results: ResultActions;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<MediaPanelKind>());
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly services: Services, private readonly tracker: TaskTracker) {
    super();
    const storage = services.context.globalState;
    this.history = this._register(new MediaHistory(storage, tracker.store));
    this.picked = new PickedFiles(storage, path.join(services.context.globalStorageUri.fsPath, 'picked'), services.log);
    const submitter = new MediaSubmitter(services, this.history, this.picked, tracker);
    const context = (kind: MediaPanelKind): MediaFormContext => ({
      storage,
      picked: this.picked,
      submitter,
      log: services.log,
      settings: () => services.connection.settings,
      changed: () => this.changeEmitter.fire(kind),
      formChanged: () => this.forgetUnusedFiles(),
    });
    this.image = new MediaForm(IMAGE_KIND, context('image'));
    this.video = new MediaForm(VIDEO_KIND, context('video'));
    this.results = new ResultActions(services, this.history, this.picked, (entry) => this.prefill(entry));
    this._register(this.history.onDidChange(() => {
      this.forgetUnusedFiles();
      this.fireAll();
    }));
    this._register(services.connection.onDidChange(() => this.fireAll()));
  }

  form(kind: MediaPanelKind): MediaForm<ImageForm, ImageParameters> | MediaForm<VideoForm, VideoParameters> {
    return kind === 'image' ? this.image : this.video;
  }

  resultsFolder(): string {
    return this.tracker.resultsFolder();
  }

  get hasKey(): boolean {
    return this.services.connection.hasKey;
  }

  entries(kind: MediaPanelKind): readonly HistoryEntry[] {
    return this.history.list(kind);
  }

  /** Fills a panel with an earlier request (Reuse, Regenerate). */
  prefill(entry: HistoryEntry): void {
    this.form(entry.kind).prefill(entry);
  }

  private fireAll(): void {
    this.changeEmitter.fire('image');
    this.changeEmitter.fire('video');
  }

  /** Picked files stay known while a form or an earlier request (to reuse or copy it) refers to them. */
  private forgetUnusedFiles(): void {
    const forms = [this.image.current.form, this.video.current.form, ...(['image', 'video'] as const).flatMap((kind) => this.history.list(kind).map((entry) => entry.form))];
    this.picked.retain(new Set(forms.flatMap(inputIdsOf)));
  }
}

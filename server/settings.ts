// Editor settings per document (docs/design/conventions.md C6): pulled with workspace/configuration for each document's scope, never shared across folders.
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, type EditorSettings } from './protocol';
import { isRecord } from '../core/plain-data';

export const SETTINGS_SECTION = 'promptbound';

export class SettingsStore {
  private readonly byUri = new Map<string, Promise<EditorSettings>>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: EditorSettings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  /** Settings for the document `uri` (memoised until the next configuration change). */
  for(uri: string): Promise<EditorSettings> {
    if (!this.canPull()) return Promise.resolve(this.pushed);
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (value: unknown) => normalizeSettings(value),
        () => DEFAULT_SETTINGS,
      );
      this.byUri.set(uri, settings);
    }
    return settings;
  }

  /** didChangeConfiguration: drop every memoised value (a pull client's payload is ignored, as LSP advises). */
  changed(payload: unknown): void {
    this.byUri.clear();
    if (!this.canPull() && typeof payload === 'object' && payload !== null) {
      this.pushed = normalizeSettings((payload as Record<string, unknown>)[SETTINGS_SECTION]);
    }
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}

/** Whatever the client sent, as a complete EditorSettings; wrong types fall back to the defaults, key by key. */
export function normalizeSettings(value: unknown): EditorSettings {
  const raw = isRecord(value) ? value : {};
  const debounce =
    typeof raw.debounce === 'number' && Number.isFinite(raw.debounce)
      ? Math.min(Math.max(0, raw.debounce), 10_000)
      : DEFAULT_SETTINGS.debounce;
  const sectionCounts =
    raw.sectionCounts === 'codelens' || raw.sectionCounts === 'inlayHints' || raw.sectionCounts === 'off'
      ? raw.sectionCounts
      : DEFAULT_SETTINGS.sectionCounts;
  return {
    defaultModel:
      typeof raw.defaultModel === 'string' && raw.defaultModel.trim() !== ''
        ? raw.defaultModel.trim()
        : DEFAULT_SETTINGS.defaultModel,
    files: Array.isArray(raw.files) ? raw.files.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
    models: Array.isArray(raw.models) ? raw.models.filter(isModelSetting) : [],
    rules: isRecord(raw.rules)
      ? Object.fromEntries(Object.entries(raw.rules).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {},
    debounce,
    sectionCounts,
  };
}

function isModelSetting(value: unknown): value is EditorSettings['models'][number] {
  return (
    isRecord(value) && typeof value.id === 'string' && typeof value.encoding === 'string' && typeof value.context === 'number'
  );
}

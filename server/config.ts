// `.promptbound.yaml|yml|json` for a document, found through the FileAccess (Node fs or the client's workspace), merged over the editor settings.
//
// Precedence: editor settings are the user's defaults; a repository's config is the project's decision, so it wins.
// The settings act as the outermost config of the chain (below the filesystem root's), then configs from the root
// down to the document's folder, nearest last (as `promptbound check` merges them), then the model picked in the
// status bar. So `defaultModel`, `rules` and `models` from settings apply only where no config says otherwise, and
// the same file lints the same in the editor and in CI.
import type { Diagnostic } from '../core/diagnostic';
import type { FileAccess } from '../core/files';
import type { PromptboundConfig, ResolvedConfig } from '../core/config/types';
import { CONFIG_FILE_NAMES, CONFIG_SCHEMA_RULE, parseConfigText, resolveConfig } from '../core/config/load';
import { RULE_IDS } from '../core/rules/registry';
import type { EditorSettings } from './protocol';
import { URI } from 'vscode-uri';
import { baseName, canonicalUri, isFileUri, joinUri, parentUri, relativeTo } from './uris';

export interface FolderConfig {
  /** The config file's uri. */
  uri: string;
  /** Its folder: `files` globs are relative to it. */
  folder: string;
  config: PromptboundConfig;
  /** config/syntax and config/schema problems, located in the config file. */
  problems: Diagnostic[];
  text: string;
}

export interface DocumentConfig {
  config: ResolvedConfig;
  /** Config files that apply, outermost first. */
  chain: FolderConfig[];
}

/** Folders above the document checked for a config; bounds the walk on deep or odd uris. */
const MAX_DEPTH = 64;

export class ConfigLookup {
  private readonly folders = new Map<string, Promise<FolderConfig | undefined>>();

  constructor(
    private readonly files: FileAccess,
    /** Workspace folder uris: non-file uris are searched only up to the folder that holds them. */
    private readonly roots: () => readonly string[],
    /** False in an untrusted workspace: a config's `allowOutsideRoot` is then ignored, and said so in the config file. */
    private readonly trusted: () => boolean = () => true,
  ) {}

  async configFor(documentUri: string, settings: EditorSettings, modelOverride: string | undefined): Promise<DocumentConfig> {
    const chain: FolderConfig[] = [];
    for (const folder of this.foldersAbove(documentUri)) {
      const own = await this.configIn(folder);
      if (own) chain.unshift(own);
    }
    const config = resolveConfig([settingsConfig(settings), ...chain.map((c) => c.config)], { modelOverride });
    config.root = this.rootOf(documentUri);
    return { config, chain };
  }

  /** Where schemas, `$ref`s and samples may be read from (docs/security.md): the workspace folder, else the document's folder. */
  private rootOf(documentUri: string): string | undefined {
    const start = parentUri(canonicalUri(documentUri));
    if (start === undefined) return undefined;
    return this.roots().find((r) => r === start || relativeTo(r, start) !== undefined) ?? start;
  }

  /** True when `uri` is a config file name (its change invalidates its folder). */
  static isConfigFile(uri: string): boolean {
    return CONFIG_FILE_NAMES.includes(baseName(uri));
  }

  /** A config file was created, changed or deleted. */
  invalidate(configUri: string): void {
    const folder = parentUri(canonicalUri(configUri));
    if (folder !== undefined) this.folders.delete(folder);
  }

  clear(): void {
    this.folders.clear();
  }

  private foldersAbove(documentUri: string): string[] {
    const start = parentUri(canonicalUri(documentUri));
    if (start === undefined) return [];
    const root = this.roots().find((r) => r === start || relativeTo(r, start) !== undefined);
    const folders: string[] = [];
    for (let folder: string | undefined = start; folder !== undefined && folders.length < MAX_DEPTH; folder = parentUri(folder)) {
      folders.push(folder);
      // The web has no file system above the workspace; a file outside every folder gets its own folder only.
      if (!isFileUri(folder) && (root === undefined || folder === root)) break;
    }
    return folders;
  }

  private configIn(folder: string): Promise<FolderConfig | undefined> {
    let own = this.folders.get(folder);
    if (!own) {
      own = this.findConfigIn(folder);
      this.folders.set(folder, own);
      own.catch(() => this.folders.delete(folder));
    }
    return own;
  }

  /** The first of CONFIG_FILE_NAMES present (as the CLI picks it). */
  private async findConfigIn(folder: string): Promise<FolderConfig | undefined> {
    for (const name of CONFIG_FILE_NAMES) {
      const uri = joinUri(folder, name);
      const raw = await this.files.readText(uri);
      if (raw === undefined) continue;
      const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      const parsed = parseConfigText(uri, text, RULE_IDS);
      const config = parsed.config ?? {};
      const problems = [...parsed.problems];
      if (config.allowOutsideRoot !== undefined && !this.trusted()) {
        // A hostile repository could otherwise allow itself to read ~/.ssh and show key names in diagnostics.
        delete config.allowOutsideRoot;
        problems.push(untrustedOutsideRoot(uri, text));
      }
      return { uri, folder, config: withFolderUris(config, folder), problems, text };
    }
    return undefined;
  }
}

/** The warning at `allowOutsideRoot` in a config of an untrusted workspace. */
function untrustedOutsideRoot(uri: string, text: string): Diagnostic {
  const key = /^[ \t]*["']?allowOutsideRoot["']?[ \t]*:/m.exec(text);
  const offset = key ? key.index + key[0].indexOf('allowOutsideRoot') : 0;
  return {
    ruleId: CONFIG_SCHEMA_RULE,
    severity: 'warning',
    message:
      'allowOutsideRoot is ignored: this workspace is not trusted, so nothing outside it is read. Trust the workspace to use it.',
    uri,
    offset,
    length: key ? 'allowOutsideRoot'.length : 0,
  };
}

/** `allowOutsideRoot` folders are relative to the config's folder; core compares uris. */
function withFolderUris(config: PromptboundConfig, folder: string): PromptboundConfig {
  if (!Array.isArray(config.allowOutsideRoot)) return config;
  const uriOf = (entry: string) =>
    /^([a-z]:)?[\\/]/i.test(entry) ? URI.file(entry).toString() : canonicalUri(joinUri(folder, entry));
  return { ...config, allowOutsideRoot: config.allowOutsideRoot.map(uriOf) };
}

/**
 * The editor settings as a config, validated by the same schema as `.promptbound.yaml`: a key with a wrong value
 * (a misspelt severity, a model without an encoding) is dropped, the others still apply.
 */
export function settingsConfig(settings: EditorSettings): PromptboundConfig {
  const asConfig: PromptboundConfig = { model: settings.defaultModel };
  if (Object.keys(settings.rules).length > 0) asConfig.rules = settings.rules as PromptboundConfig['rules'];
  if (settings.models.length > 0) asConfig.models = settings.models as PromptboundConfig['models'];
  // Validated once per distinct settings, not on every keystroke's lint (`resolveConfig` copies what it reads).
  const json = JSON.stringify(asConfig);
  if (lastSettings?.json !== json) lastSettings = { json, config: parseConfigText('settings.json', json, RULE_IDS).config ?? {} };
  return lastSettings.config;
}

let lastSettings: { json: string; config: PromptboundConfig } | undefined;

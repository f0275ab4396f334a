// A small stand-in for the `vscode` module, enough for the client's status bar, commands, panel and file requests:
// importing this file first makes `require('vscode')` return it. Tests drive its events and read what was shown.
import Module from 'node:module';

type Listener<T> = (value: T) => unknown;

export class Emitter<T> {
  private listeners: Array<Listener<T>> = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
  ) {}
  static parse(text: string): Uri {
    const match = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(.*)$/i.exec(text);
    if (!match) throw new Error(`not a uri: ${text}`);
    return new Uri(match[1]!, match[2]!, decodeURIComponent(match[3]!));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    if (base.path === '') throw new Error('[UriError]: cannot call joinPath on URI without path');
    const path = [base.path.replace(/\/$/, ''), ...parts].join('/');
    return new Uri(base.scheme, base.authority, path);
  }
  with(change: { path?: string }): Uri {
    return new Uri(this.scheme, this.authority, change.path ?? this.path);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path.split('/').map(encodeURIComponent).join('/')}`;
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}
export class MarkdownString {
  constructor(
    readonly value: string,
    readonly supportThemeIcons = false,
  ) {}
}
export class RelativePattern {
  constructor(
    readonly base: unknown,
    readonly pattern: string,
  ) {}
}
export class Selection {
  constructor(readonly text: string) {}
  get isEmpty(): boolean {
    return this.text === '';
  }
}

export interface FakeStatusBarItem {
  id: string;
  name?: string;
  text: string;
  tooltip?: MarkdownString;
  backgroundColor?: ThemeColor;
  command?: { command: string; arguments?: unknown[] };
  accessibilityInformation?: { label: string };
  visible: boolean;
}

export interface FakeEditor {
  document: { uri: Uri; getText(selection?: Selection): string };
  selection: Selection;
  selections: Selection[];
}

export function editor(uri: string, text = 'the whole text', selected = ''): FakeEditor {
  const selection = new Selection(selected);
  return {
    document: { uri: Uri.parse(uri), getText: (s?: Selection) => (s ? s.text : text) },
    selection,
    selections: [selection],
  };
}

/** Everything the client showed, and the knobs a test turns. */
export const fake = {
  activeTextEditor: undefined as FakeEditor | undefined,
  activeEditorChanged: new Emitter<FakeEditor | undefined>(),
  selectionChanged: new Emitter<{ textEditor: FakeEditor }>(),
  documentClosed: new Emitter<{ uri: Uri }>(),
  configurationChanged: new Emitter<{ affectsConfiguration(section: string): boolean }>(),
  foldersChanged: new Emitter<unknown>(),
  trustGranted: new Emitter<void>(),
  /** `vscode.workspace.isTrusted`. */
  trusted: true,
  statusBarItems: [] as FakeStatusBarItem[],
  messages: [] as Array<{ severity: 'info' | 'warning' | 'error'; text: string; actions: string[] }>,
  /** The action button a test "clicks" on the next message. */
  messageAnswer: undefined as string | undefined,
  /** Which quick pick item a test accepts (by label), or undefined to dismiss. */
  quickPickAnswer: undefined as string | undefined,
  quickPicks: [] as Array<{
    title?: string;
    placeholder?: string;
    items: Array<{ label: string; model?: string }>;
    activeItems: Array<{ label: string }>;
  }>,
  panels: [] as Array<{ viewType: string; title: string; html: string; options: unknown; disposed: boolean }>,
  output: [] as string[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as string[],
  clipboard: '',
  configuration: {} as Record<string, unknown>,
  workspaceFolders: [] as Array<{ uri: Uri; name: string; index: number }>,
  foundFiles: [] as Uri[],
  files: new Map<string, Uint8Array | 'directory'>(),
  reset(): void {
    this.activeTextEditor = undefined;
    this.activeEditorChanged = new Emitter();
    this.selectionChanged = new Emitter();
    this.documentClosed = new Emitter();
    this.configurationChanged = new Emitter();
    this.foldersChanged = new Emitter();
    this.trustGranted = new Emitter();
    this.trusted = true;
    this.statusBarItems = [];
    this.messages = [];
    this.messageAnswer = undefined;
    this.quickPickAnswer = undefined;
    this.quickPicks = [];
    this.panels = [];
    this.output = [];
    this.commands = new Map();
    this.executed = [];
    this.clipboard = '';
    this.configuration = {};
    this.workspaceFolders = [];
    this.foundFiles = [];
    this.files = new Map();
  },
};

function message(severity: 'info' | 'warning' | 'error') {
  return async (text: string, ...actions: string[]) => {
    fake.messages.push({ severity, text, actions });
    return fake.messageAnswer;
  };
}

const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };

const vscode = {
  Uri,
  ThemeColor,
  MarkdownString,
  RelativePattern,
  StatusBarAlignment: { Left: 1, Right: 2 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  FileType,
  window: {
    get activeTextEditor() {
      return fake.activeTextEditor;
    },
    onDidChangeActiveTextEditor: (listener: Listener<FakeEditor | undefined>) => fake.activeEditorChanged.event(listener),
    onDidChangeTextEditorSelection: (listener: Listener<{ textEditor: FakeEditor }>) => fake.selectionChanged.event(listener),
    createStatusBarItem(id: string) {
      const item: FakeStatusBarItem & { show(): void; hide(): void; dispose(): void } = {
        id,
        text: '',
        visible: false,
        show: () => void (item.visible = true),
        hide: () => void (item.visible = false),
        dispose: () => void (item.visible = false),
      };
      fake.statusBarItems.push(item);
      return item;
    },
    showInformationMessage: message('info'),
    showWarningMessage: message('warning'),
    showErrorMessage: message('error'),
    createQuickPick() {
      const accept = new Emitter<void>();
      const hide = new Emitter<void>();
      const picker = {
        title: undefined as string | undefined,
        placeholder: undefined as string | undefined,
        matchOnDescription: false,
        items: [] as Array<{ label: string; model?: string }>,
        activeItems: [] as Array<{ label: string }>,
        selectedItems: [] as Array<{ label: string }>,
        onDidAccept: accept.event,
        onDidHide: hide.event,
        show() {
          fake.quickPicks.push(picker);
          setImmediate(() => {
            const chosen = picker.items.find((item) => item.label === fake.quickPickAnswer);
            if (chosen) {
              picker.selectedItems = [chosen];
              accept.fire();
            } else hide.fire();
          });
        },
        dispose() {},
      };
      return picker;
    },
    createWebviewPanel(viewType: string, title: string, _column: unknown, options: unknown) {
      const disposed = new Emitter<void>();
      const record = { viewType, title, html: '', options, disposed: false };
      fake.panels.push(record);
      return {
        get title() {
          return record.title;
        },
        set title(value: string) {
          record.title = value;
        },
        webview: {
          cspSource: 'vscode-webview://fake',
          get html() {
            return record.html;
          },
          set html(value: string) {
            record.html = value;
          },
        },
        reveal() {},
        onDidDispose: disposed.event,
        dispose() {
          record.disposed = true;
          disposed.fire();
        },
      };
    },
    createOutputChannel(name: string) {
      const append = (line: string) => void fake.output.push(`${name}: ${line}`);
      return { name, appendLine: append, error: append, info: append, show() {}, dispose() {} };
    },
    withProgress: async (_options: unknown, task: () => Promise<unknown>) => task(),
  },
  workspace: {
    onDidCloseTextDocument: (listener: Listener<{ uri: Uri }>) => fake.documentClosed.event(listener),
    onDidChangeConfiguration: (listener: Listener<{ affectsConfiguration(section: string): boolean }>) =>
      fake.configurationChanged.event(listener),
    onDidChangeWorkspaceFolders: (listener: Listener<unknown>) => fake.foldersChanged.event(listener),
    onDidGrantWorkspaceTrust: (listener: Listener<void>) => fake.trustGranted.event(listener),
    get isTrusted() {
      return fake.trusted;
    },
    asRelativePath: (uri: Uri) => uri.path.replace(/^\//, ''),
    getConfiguration: () => ({ get: (key: string, fallback: unknown) => fake.configuration[key] ?? fallback }),
    get workspaceFolders() {
      return fake.workspaceFolders;
    },
    findFiles: async () => fake.foundFiles,
    fs: {
      async readFile(uri: Uri) {
        const entry = fake.files.get(uri.toString());
        if (!entry || entry === 'directory') throw new Error(`ENOENT ${uri.toString()}`);
        return entry;
      },
      async readDirectory(uri: Uri) {
        const prefix = `${uri.toString().replace(/\/$/, '')}/`;
        const children = new Map<string, number>();
        for (const [key, entry] of fake.files) {
          if (!key.startsWith(prefix)) continue;
          const rest = key.slice(prefix.length);
          const name = rest.split('/')[0]!;
          children.set(
            decodeURIComponent(name),
            rest.includes('/') || entry === 'directory' ? FileType.Directory : FileType.File,
          );
        }
        return [...children];
      },
    },
  },
  commands: {
    registerCommand(id: string, run: (...args: unknown[]) => unknown) {
      fake.commands.set(id, run);
      return { dispose: () => fake.commands.delete(id) };
    },
    async executeCommand(id: string) {
      fake.executed.push(id);
    },
  },
  env: {
    clipboard: { readText: async () => fake.clipboard },
  },
};

const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = moduleWithLoad._load;
moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

/** A language client that records what the extension sends and answers requests from a table of handlers. */
/** A message as the protocol declares it (server/protocol.ts) or a bare method name (LSP's own requests). */
type Message = string | { method: string };
const methodOf = (message: Message) => (typeof message === 'string' ? message : message.method);

/** Handlers keyed by method name (`DocumentStatsRequest.method`). */
export function fakeClient(handlers: Record<string, (params: any) => unknown> = {}) {
  const sent: Array<{ method: string; params: unknown }> = [];
  const notified: Array<{ method: string; params: unknown }> = [];
  const requestHandlers = new Map<string, (params: any) => unknown>();
  const notificationHandlers = new Map<string, (params: any) => unknown>();
  const lifecycle: string[] = [];
  return {
    sent,
    notificationHandlers,
    lifecycle,
    async start() {
      lifecycle.push('start');
    },
    async stop() {
      lifecycle.push('stop');
    },
    async dispose() {
      lifecycle.push('dispose');
    },
    onNotification(message: Message, handler: (params: any) => unknown) {
      const method = methodOf(message);
      notificationHandlers.set(method, handler);
      return { dispose: () => notificationHandlers.delete(method) };
    },
    notified,
    requestHandlers,
    handlers,
    isRunning: () => true,
    async sendRequest(message: Message, params?: unknown) {
      const method = methodOf(message);
      sent.push({ method, params });
      const handler = handlers[method];
      if (!handler) throw new Error(`no handler for ${method}`);
      return handler(params);
    },
    sendNotification(message: Message, params?: unknown) {
      notified.push({ method: methodOf(message), params });
      return Promise.resolve();
    },
    onRequest(message: Message, handler: (params: any) => unknown) {
      const method = methodOf(message);
      requestHandlers.set(method, handler);
      return { dispose: () => requestHandlers.delete(method) };
    },
  };
}

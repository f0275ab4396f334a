// An esbuild plugin for the CLI bundle: heavy modules that only some commands use are built into their own
// files (dist/lazy/<name>.js) and replaced in the bundle by a stub whose exports load the real module on
// first access. `promptbound count` then neither parses nor initialises the language detector's data, the regex
// engine or the language server (docs/tokenizers.md, "Start-up").
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

/**
 * The modules built into dist/lazy: what only some commands or calls need. test/cli/startup.test.ts reads this list to
 * tell lazy imports from eager ones.
 * @param {string} root the repository
 */
export function lazyModuleList(root) {
  return [
    // The language detector's n-gram profiles (1.9 MB of source), only for `language` constraints.
    {
      name: 'langdetect-data',
      filter: /^\.\/data$/,
      importer: /langdetect[\\/]detector\.ts$/,
      entry: join(root, 'core', 'constraints', 'langdetect', 'data.ts'),
    },
    // The English sentence/word rules and word lists of the NLP-based constraint keys (IFBench's types).
    {
      name: 'nlp',
      filter: /^\.\.\/nlp$/,
      importer: /constraints[\\/]keys[\\/][\w-]+\.ts$/,
      entry: join(root, 'core', 'constraints', 'nlp', 'index.ts'),
    },
    { name: 're2js', filter: /^re2js$/, entry: 're2js' },
    { name: 'node-server', filter: /\/server\/node-server$/, entry: join(root, 'server', 'node-server.ts') },
    // The compiled validators of the frontmatter schema (only `check` and the library's lint need it; 40% of the CLI
    // bundle) and of the config schema (only runs with a config file).
    ...['frontmatter-validator', 'config-validator'].map((name) => ({
      name,
      filter: new RegExp(`generated[\\\\/]${name}$`),
      entry: join(root, 'core', 'generated', `${name}.js`),
    })),
    // JSON Schema compilation (only prompts that declare a schema): ajv and its plug-ins, in one file.
    ...['ajv', 'ajv/dist/2019', 'ajv/dist/2020', 'ajv-draft-04', 'ajv-formats'].map((name) => ({
      name,
      filter: new RegExp(`^${name.replace(/\//g, '\\/')}$`),
      entry: name,
      group: 'ajv',
    })),
  ];
}

/**
 * @param {string} outdir the bundle's directory (the stubs require ./lazy/<name>.js relative to it)
 * @param {Array<{name: string, filter: RegExp, importer?: RegExp, entry: string, group?: string}>} modules  `filter` is
 *   matched against the import path and `importer` (when given) against the importing file; modules with the same
 *   `group` share one lazy file (so packages that check each other's classes, like ajv's, stay one copy)
 * @param {object} options esbuild options shared with the bundle (platform, format, mainFields, ...)
 * @param {string} bundleDir the folder of the bundle the stubs go into: `outdir`, or `outdir/lazy` for a lazy module
 *   that itself loads others on demand (the CLI's language server does not load the language detector's data either)
 * @param {Map<string, Promise<unknown>>} built the lazy files built or being built, shared with the nested builds
 */
export function lazyModules(outdir, modules, options, bundleDir = outdir, built = new Map()) {
  const fileOf = (module) => module.group ?? module.name;
  async function build(module) {
    const file = fileOf(module);
    if (!built.has(file)) {
      built.set(
        file,
        (async () => {
          const outfile = join(outdir, 'lazy', `${file}.js`);
          const members = modules.filter((m) => fileOf(m) === file);
          const entry =
            module.group === undefined
              ? { entryPoints: [module.entry] }
              : {
                  stdin: {
                    contents: `module.exports = {${members.map((m) => `${JSON.stringify(m.name)}: require(${JSON.stringify(m.entry)})`).join(', ')}};`,
                    resolveDir: process.cwd(),
                    loader: 'js',
                  },
                };
          // Its own imports of the other lazy modules stay lazy too (stubs requiring ./<name>.js beside it).
          const nested = lazyModules(
            outdir,
            modules.filter((m) => fileOf(m) !== file),
            options,
            dirname(outfile),
            built,
          );
          const plugins = [nested, ...(options.plugins ?? [])];
          await esbuild.build({ ...options, ...entry, outfile, plugins, bundle: true, format: 'cjs', logLevel: 'warning' });
          // Load it once here to learn its export names (these modules have no side effects on load).
          const require = createRequire(outfile);
          delete require.cache[outfile];
          return require(outfile);
        })(),
      );
    }
    const loaded = await built.get(file);
    const real = module.group === undefined ? loaded : loaded[module.name];
    return { keys: Object.keys(real).filter((k) => k !== '__esModule'), esModule: real.__esModule === true };
  }
  return {
    name: 'lazy-modules',
    setup(plugin) {
      for (const module of modules) {
        plugin.onResolve({ filter: module.filter }, (args) =>
          module.importer === undefined || module.importer.test(args.importer)
            ? { path: module.name, namespace: 'lazy-stub' }
            : undefined,
        );
      }
      plugin.onResolve({ filter: /.*/, namespace: 'lazy-stub' }, (args) => ({ path: args.path, external: true }));
      plugin.onLoad({ filter: /.*/, namespace: 'lazy-stub' }, async (args) => {
        const module = modules.find((m) => m.name === args.path);
        const { keys, esModule } = await build(module);
        const lines = [
          `let real;`,
          `const load = () => real ??= require(${JSON.stringify(stubPath(bundleDir, join(outdir, 'lazy', `${fileOf(module)}.js`)))})${module.group === undefined ? '' : `[${JSON.stringify(module.name)}]`};`,
          esModule ? `Object.defineProperty(exports, '__esModule', { value: true });` : '',
          ...keys.map(
            (key) =>
              `Object.defineProperty(exports, ${JSON.stringify(key)}, { enumerable: true, get: () => load()[${JSON.stringify(key)}] });`,
          ),
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: outdir };
      });
    },
  };
}

/** The `require` path of `file` from a bundle in `dir`: `./lazy/<name>.js` from dist, `./<name>.js` beside it. */
function stubPath(dir, file) {
  return `./${relative(dir, file).split('\\').join('/')}`;
}

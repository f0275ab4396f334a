// Resolves Dotprompt partials (`{{> style}}`) from files, as Genkit's prompt folder does: `_style.prompt`.
// Their text is counted where the tag stands, and the names they use count as used. See docs/formats.md.
import type { FileAccess } from '../files';
import { folderOf } from '../files';
import type { Message, PartialReference, PromptDocument, SentPiece } from './types';

/** Folders above the prompt searched for a partial (Genkit loads partials from anywhere in its prompt folder). */
const MAX_ANCESTORS = 4;
/** Partials including partials: deeper nesting is not followed (and cycles end here). */
const MAX_DEPTH = 8;

type Parse = (uri: string, text: string) => PromptDocument;

/**
 * Looks each partial up beside the prompt, in the folders above it, then anywhere below the prompt's folder;
 * sets `resolved` on every reference and adds the partial's text to the message that renders it.
 */
export async function resolvePartials(document: PromptDocument, files: FileAccess, parse: Parse): Promise<void> {
  if (document.format !== 'dotprompt' || document.partials.length === 0) return;
  const cache = new Map<string, Promise<{ uri: string; text: string } | null>>();
  const find = (name: string) => {
    let hit = cache.get(name);
    if (!hit) cache.set(name, (hit = findPartial(document.uri, name, files)));
    return hit;
  };
  for (const reference of document.partials) {
    reference.resolved = await find(reference.name);
    if (!reference.resolved) continue;
    const expanded = await expand(reference.resolved, find, parse, new Set([reference.name]), 1);
    insertPiece(document, reference, expanded.text);
    if (!reference.withContext && !reference.inBlock) {
      for (const name of expanded.names) {
        document.variables.push({ name, span: reference.span, nameSpan: reference.nameSpan, partial: reference.name });
      }
    }
  }
}

/** The partial's body with its own partials expanded, and the input names it reads at its top level. */
async function expand(
  file: { uri: string; text: string },
  find: (name: string) => Promise<{ uri: string; text: string } | null>,
  parse: Parse,
  visiting: Set<string>,
  depth: number,
): Promise<{ text: string; names: Set<string> }> {
  const partial = parse(file.uri, file.text);
  const names = new Set(partial.variables.map((v) => v.name));
  let text = partial.messages.map((m) => m.pieces.map((p) => p.text).join('')).join('');
  if (depth >= MAX_DEPTH) return { text, names };
  for (const inner of partial.partials) {
    if (visiting.has(inner.name)) continue;
    const found = await find(inner.name);
    if (!found) continue;
    const nested = await expand(found, find, parse, new Set([...visiting, inner.name]), depth + 1);
    text += nested.text;
    if (!inner.withContext && !inner.inBlock) nested.names.forEach((n) => names.add(n));
  }
  return { text, names };
}

/** `_name.prompt` (a `dir/name` partial: `dir/_name.prompt`) beside the prompt, in the folders above, then below. */
async function findPartial(promptUri: string, name: string, files: FileAccess): Promise<{ uri: string; text: string } | null> {
  if (!/^[\w@.-]+(?:\/[\w@.-]+)*$/.test(name) || name.split('/').some((part) => part === '..' || part === '.')) return null;
  const slash = name.lastIndexOf('/');
  const fileName = `${name.slice(0, slash + 1)}_${name.slice(slash + 1)}.prompt`;
  let folder = folderOf(promptUri);
  for (let level = 0; level <= MAX_ANCESTORS; level++) {
    const uri = `${folder}/${fileName}`;
    const text = await files.readText(uri);
    if (text !== undefined) return { uri, text };
    const parent = folderOf(folder);
    if (parent === folder || parent === '.' || parent === '' || /^[a-z][a-z0-9+.-]*:\/*$/i.test(parent)) break;
    folder = parent;
  }
  const below = await files.glob(folderOf(promptUri), [`**/${fileName}`]);
  if (below.length === 0) return null;
  const text = await files.readText(below[0]);
  return text === undefined ? null : { uri: below[0], text };
}

/** Splits the verbatim piece holding the tag after it and puts the partial's text there (not verbatim: it is another file's). */
function insertPiece(document: PromptDocument, reference: PartialReference, text: string): void {
  if (!text) return;
  const at = reference.span.offset + reference.span.length;
  const message = document.messages.find(
    (m) => m.span.offset <= reference.span.offset && reference.span.offset < m.span.offset + m.span.length,
  );
  if (!message) return;
  const added: SentPiece = { text, span: reference.span, verbatim: false, partial: reference.name };
  const index = message.pieces.findIndex((p) => p.span.offset < at && at <= p.span.offset + p.span.length);
  if (index === -1) {
    insertSorted(message, added);
    return;
  }
  const piece = message.pieces[index];
  if (!piece.verbatim) {
    message.pieces.splice(index + 1, 0, added);
    return;
  }
  const cut = at - piece.span.offset;
  const before: SentPiece = { text: piece.text.slice(0, cut), span: { offset: piece.span.offset, length: cut }, verbatim: true };
  const after: SentPiece = { text: piece.text.slice(cut), span: { offset: at, length: piece.span.length - cut }, verbatim: true };
  message.pieces.splice(index, 1, ...[before, added, ...(after.text ? [after] : [])]);
}

function insertSorted(message: Message, piece: SentPiece): void {
  const index = message.pieces.findIndex((p) => p.span.offset > piece.span.offset);
  if (index === -1) message.pieces.push(piece);
  else message.pieces.splice(index, 0, piece);
}

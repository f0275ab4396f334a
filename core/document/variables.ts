// Collects a body's variable uses and template-declared names in the template language of its format.
import type { TemplateLanguage, TemplateTag } from './template';
import type { VariableScan } from './handlebars';
import { handlebarsVariables } from './handlebars';
import { jinjaVariables } from './jinja';

/** Dotprompt is Handlebars proper (scoped `each`/`with`); Markdown and plain text are Mustache-style. */
export function templateVariables(text: string, tags: readonly TemplateTag[], language: TemplateLanguage): VariableScan {
  return language === 'jinja' ? jinjaVariables(text, tags) : handlebarsVariables(text, tags, language === 'handlebars');
}

/** A Copilot input name: what VS Code accepts between `${input:` and `}` or `:placeholder}`. */
const INPUT_NAME = /^[\w.-]+$/;

/** Copilot `${input:name}` / `${input:name:placeholder}`: a use that declares itself (VS Code prompts for it). */
export function copilotInputs(text: string, tags: readonly TemplateTag[]): VariableScan {
  const scan: VariableScan = { uses: [], declared: [] };
  for (const tag of tags) {
    if (tag.kind !== 'input') continue;
    const inner = text.slice(tag.inner.offset, tag.inner.offset + tag.inner.length);
    const colon = inner.indexOf(':');
    const name = colon === -1 ? inner : inner.slice(0, colon);
    if (!INPUT_NAME.test(name)) continue;
    const nameSpan = { offset: tag.inner.offset, length: name.length };
    scan.uses.push({ name, span: tag.span, nameSpan });
    scan.declared.push({ name, source: 'template', span: nameSpan });
  }
  return scan;
}

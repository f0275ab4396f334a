// A backtracking matcher for the JavaScript regexes RE2 refuses (look-around, back-references), with a step budget: it
// gives up instead of hanging on `^(?=a)(a+)+$`. Single-character atoms (classes, escapes, `.`) are run by a sticky
// JavaScript RegExp, which takes constant time for one character; the backtracking itself is ours and counted. See docs/security.md.

/** Steps left for matching; shared by every test of one completion so the whole check stays bounded. */
export interface StepBudget {
  steps: number;
}

/** Thrown when a match runs out of steps; callers report the pattern as not checked. */
export class BudgetExceeded extends Error {
  constructor() {
    super('regex step budget exhausted');
    this.name = 'BudgetExceeded';
  }
}

/** Patterns longer than this, or compiling to more instructions, are not run. */
const MAX_SOURCE = 10_000;
const MAX_PROGRAM = 50_000;

type Atom = { exec(text: string, at: number): number };
type Node =
  | { t: 'atom'; atom: Atom }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'group'; index?: number; body: Node }
  | { t: 'repeat'; body: Node; min: number; max: number; greedy: boolean }
  | { t: 'assert'; kind: '^' | '$' | 'b' | 'B' }
  | { t: 'look'; behind: boolean; negate: boolean; body: Node }
  | { t: 'backref'; index: number };

const enum Op {
  Char,
  Split,
  Jmp,
  Save,
  Assert,
  Backref,
  Look,
  Mark,
  Check,
  Match,
}
type Ins =
  | { op: Op.Char; atom: Atom }
  | { op: Op.Split; x: number; y: number }
  | { op: Op.Jmp; x: number }
  | { op: Op.Save; slot: number }
  | { op: Op.Assert; kind: '^' | '$' | 'b' | 'B' }
  | { op: Op.Backref; index: number }
  | { op: Op.Look; behind: boolean; negate: boolean; prog: Ins[]; minWidth: number; maxWidth: number }
  | { op: Op.Mark; slot: number }
  | { op: Op.Check; slot: number }
  | { op: Op.Match };

export interface Match {
  start: number;
  end: number;
}

/** A compiled pattern; every method throws BudgetExceeded when the budget runs out. */
export class BacktrackingRegex {
  constructor(
    private readonly prog: Ins[],
    private readonly slots: number,
    private readonly flags: { multiline: boolean; ignoreCase: boolean; anchored: boolean },
  ) {}

  /** The leftmost match (leftmost-first among alternatives, as JavaScript), or undefined. */
  find(text: string, budget: StepBudget): Match | undefined {
    const last = this.flags.anchored ? 0 : text.length;
    for (let start = 0; start <= last; start++) {
      const end = this.matchAt(text, start, -1, budget);
      if (end >= 0) return { start, end };
    }
    return undefined;
  }

  /** Every non-overlapping match, left to right; after an empty match the search moves on one character. */
  findAll(text: string, budget: StepBudget): Match[] {
    const out: Match[] = [];
    const last = this.flags.anchored ? 0 : text.length;
    let start = 0;
    while (start <= last) {
      const end = this.matchAt(text, start, -1, budget);
      if (end < 0) {
        start++;
        continue;
      }
      out.push({ start, end });
      start = end > start ? end : start + 1;
    }
    return out;
  }

  /** Whether the pattern matches the whole text. */
  matchesAll(text: string, budget: StepBudget): boolean {
    return this.matchAt(text, 0, text.length, budget) >= 0;
  }

  /** The end of a match starting at 0, or -1. */
  prefix(text: string, budget: StepBudget): number {
    return this.matchAt(text, 0, -1, budget);
  }

  private matchAt(text: string, start: number, endAt: number, budget: StepBudget): number {
    const caps = new Array<number>(this.slots).fill(-1);
    return run(this.prog, text, start, endAt, caps, budget, this.flags);
  }
}

export type CompiledBacktracking = { ok: true; regex: BacktrackingRegex } | { ok: false; message: string };

/** Compiles a regex JavaScript accepts (`flags` among i, m, s, u); one it rejects, or one too large, is a message. */
export function compileBacktracking(source: string, flags: string): CompiledBacktracking {
  if (source.length > MAX_SOURCE)
    return { ok: false, message: `pattern longer than ${MAX_SOURCE.toLocaleString('en')} characters` };
  try {
    new RegExp(source, flags);
  } catch (error) {
    return {
      ok: false,
      message: error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error),
    };
  }
  try {
    const parser = new Parser(source, flags);
    const node = parser.parse();
    const counter = { slots: parser.groupCount * 2 + 2 };
    const prog = emitProgram(node, counter);
    const anchored = !flags.includes('m') && startsAnchored(node);
    return {
      ok: true,
      regex: new BacktrackingRegex(prog, counter.slots, {
        multiline: flags.includes('m'),
        ignoreCase: flags.includes('i'),
        anchored,
      }),
    };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function startsAnchored(node: Node): boolean {
  if (node.t === 'assert') return node.kind === '^';
  if (node.t === 'seq') return node.items.length > 0 && startsAnchored(node.items[0]);
  if (node.t === 'group') return startsAnchored(node.body);
  if (node.t === 'alt') return node.options.every(startsAnchored);
  return false;
}

// ---- parsing ------------------------------------------------------------------------------------------------------

class Parser {
  private i = 0;
  readonly groupCount: number;
  private nextGroup = 1;
  private readonly names = new Map<string, number>();
  private readonly unicode: boolean;
  private readonly atomFlags: string;
  private depth = 0;

  constructor(
    private readonly src: string,
    flags: string,
  ) {
    this.unicode = flags.includes('u');
    this.atomFlags = `${flags.includes('i') ? 'i' : ''}${flags.includes('s') ? 's' : ''}${this.unicode ? 'u' : ''}y`;
    this.groupCount = this.scanGroups();
  }

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected "${this.src[this.i]}" at ${this.i}`);
    return node;
  }

  /** Capture groups in order, and their names, so `\2` and `\k<name>` may refer forward. */
  private scanGroups(): number {
    let count = 0;
    for (let i = 0; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\') i++;
      else if (c === '[') i = this.classEnd(i) - 1;
      else if (c === '(') {
        if (this.src[i + 1] !== '?') count++;
        else if (this.src[i + 2] === '<' && this.src[i + 3] !== '=' && this.src[i + 3] !== '!') {
          count++;
          const close = this.src.indexOf('>', i);
          this.names.set(this.src.slice(i + 3, close), count);
        }
      }
    }
    return count;
  }

  private alternation(): Node {
    if (++this.depth > 200) throw new Error('pattern nested too deeply');
    const options = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.sequence());
    }
    this.depth--;
    return options.length === 1 ? options[0] : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      items.push(this.quantified(this.term()));
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  private quantified(node: Node): Node {
    for (;;) {
      const c = this.src[this.i];
      let min: number;
      let max: number;
      if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '?') [min, max] = [0, 1];
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
        if (!m) return node;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        this.i += m[0].length - 1;
      } else return node;
      this.i++;
      const greedy = this.src[this.i] !== '?';
      if (!greedy) this.i++;
      node = { t: 'repeat', body: node, min, max, greedy };
    }
  }

  private term(): Node {
    const c = this.src[this.i];
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'assert', kind: c };
    }
    if (c === '(') return this.group();
    if (c === '\\') return this.escape();
    if (c === '[') {
      const end = this.classEnd(this.i);
      return this.atom(this.src.slice(this.i, (this.i = end)));
    }
    const width =
      this.unicode && isHighSurrogate(this.src.charCodeAt(this.i)) && isLowSurrogate(this.src.charCodeAt(this.i + 1)) ? 2 : 1;
    const text = this.src.slice(this.i, (this.i += width));
    // `{` that is no quantifier, `}` and `]` are literals outside unicode mode (JavaScript accepted the pattern).
    return this.atom(text === '.' ? '.' : escapeLiteral(text));
  }

  private group(): Node {
    const rest = this.src.slice(this.i, this.i + 4);
    let node: Node;
    if (rest.startsWith('(?:')) {
      this.i += 3;
      node = { t: 'group', body: this.alternation() };
    } else if (rest.startsWith('(?=') || rest.startsWith('(?!')) {
      this.i += 3;
      node = { t: 'look', behind: false, negate: rest[2] === '!', body: this.alternation() };
    } else if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
      this.i += 4;
      node = { t: 'look', behind: true, negate: rest[3] === '!', body: this.alternation() };
    } else if (rest.startsWith('(?<')) {
      this.i = this.src.indexOf('>', this.i) + 1;
      node = { t: 'group', index: this.nextGroup++, body: this.alternation() };
    } else if (rest.startsWith('(?')) {
      throw new Error(`group syntax "${rest}" is not supported by the bounded matcher`);
    } else {
      this.i++;
      node = { t: 'group', index: this.nextGroup++, body: this.alternation() };
    }
    if (this.src[this.i] !== ')') throw new Error('unclosed group');
    this.i++;
    return node;
  }

  private escape(): Node {
    const next = this.src[this.i + 1];
    if (next === 'b' || next === 'B') {
      this.i += 2;
      return { t: 'assert', kind: next };
    }
    const digits = /^[1-9]\d*/.exec(this.src.slice(this.i + 1))?.[0];
    if (digits && Number(digits) <= this.groupCount) {
      this.i += 1 + digits.length;
      return { t: 'backref', index: Number(digits) };
    }
    if (next === 'k' && this.names.size > 0) {
      const close = this.src.indexOf('>', this.i);
      const index = this.names.get(this.src.slice(this.i + 3, close));
      if (index === undefined) throw new Error('unknown group name');
      this.i = close + 1;
      return { t: 'backref', index };
    }
    const start = this.i;
    this.i += 2;
    const tail = this.src.slice(this.i);
    const extra =
      next === 'u'
        ? /^\{[0-9a-fA-F]+\}|^[0-9a-fA-F]{4}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?/.exec(tail)?.[0]
        : next === 'x'
          ? /^[0-9a-fA-F]{2}/.exec(tail)?.[0]
          : next === 'c'
            ? /^[A-Za-z]/.exec(tail)?.[0]
            : next === 'p' || next === 'P'
              ? /^\{[^}]*\}/.exec(tail)?.[0]
              : next === '0' || (digits !== undefined && !this.unicode)
                ? /^[0-7]{0,2}/.exec(tail)?.[0]
                : next !== undefined && isHighSurrogate(next.charCodeAt(0))
                  ? tail[0]
                  : undefined;
    this.i += extra?.length ?? 0;
    return this.atom(this.src.slice(start, this.i));
  }

  /** The index after the `]` closing the class that opens at `start`. */
  private classEnd(start: number): number {
    let i = start + 1;
    if (this.src[i] === '^') i++;
    for (; i < this.src.length; i++) {
      if (this.src[i] === '\\') i++;
      else if (this.src[i] === ']') return i + 1;
    }
    return this.src.length;
  }

  private atom(source: string): Node {
    const literal = source.length === 1 && !this.atomFlags.includes('i') && source !== '.' ? source.charCodeAt(0) : undefined;
    if (literal !== undefined) return { t: 'atom', atom: { exec: (text, at) => (text.charCodeAt(at) === literal ? 1 : -1) } };
    const re = new RegExp(source, this.atomFlags);
    return {
      t: 'atom',
      atom: {
        exec(text, at) {
          re.lastIndex = at;
          const m = re.exec(text);
          return m ? m[0].length : -1;
        },
      },
    };
  }
}

function escapeLiteral(text: string): string {
  return /^[\\^$.*+?()[\]{}|/]$/.test(text) ? `\\${text}` : text;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// ---- compiling to a program ---------------------------------------------------------------------------------------

function emitProgram(node: Node, counter: { slots: number }): Ins[] {
  const prog: Ins[] = [];
  emit(node, prog, counter);
  prog.push({ op: Op.Match });
  return prog;
}

function emit(node: Node, prog: Ins[], counter: { slots: number }): void {
  if (prog.length > MAX_PROGRAM) throw new Error('pattern too large for the bounded matcher');
  switch (node.t) {
    case 'atom':
      prog.push({ op: Op.Char, atom: node.atom });
      return;
    case 'seq':
      for (const item of node.items) emit(item, prog, counter);
      return;
    case 'alt': {
      const jumps: Array<{ op: Op.Jmp; x: number }> = [];
      node.options.forEach((option, k) => {
        if (k < node.options.length - 1) {
          const split: { op: Op.Split; x: number; y: number } = { op: Op.Split, x: prog.length + 1, y: 0 };
          prog.push(split);
          emit(option, prog, counter);
          const jump: { op: Op.Jmp; x: number } = { op: Op.Jmp, x: 0 };
          jumps.push(jump);
          prog.push(jump);
          split.y = prog.length;
        } else emit(option, prog, counter);
      });
      for (const jump of jumps) jump.x = prog.length;
      return;
    }
    case 'group':
      if (node.index !== undefined) prog.push({ op: Op.Save, slot: node.index * 2 });
      emit(node.body, prog, counter);
      if (node.index !== undefined) prog.push({ op: Op.Save, slot: node.index * 2 + 1 });
      return;
    case 'assert':
      prog.push({ op: Op.Assert, kind: node.kind });
      return;
    case 'backref':
      prog.push({ op: Op.Backref, index: node.index });
      return;
    case 'look': {
      const [minWidth, maxWidth] = widths(node.body);
      prog.push({
        op: Op.Look,
        behind: node.behind,
        negate: node.negate,
        prog: emitProgram(node.body, counter),
        minWidth,
        maxWidth,
      });
      return;
    }
    case 'repeat':
      emitRepeat(node, prog, counter);
      return;
  }
}

/** `x{n,m}`: n copies, then m−n optional ones (or a loop); a loop iteration that consumes nothing fails, as in JavaScript. */
function emitRepeat(node: Extract<Node, { t: 'repeat' }>, prog: Ins[], counter: { slots: number }): void {
  const copies = Math.min(node.min, 1001);
  if (node.min > 1000 || (node.max !== Infinity && node.max > 1000))
    throw new Error('repetition count above 1000 is not supported by the bounded matcher');
  for (let k = 0; k < copies; k++) emit(node.body, prog, counter);
  if (node.max === Infinity) {
    const slot = counter.slots++;
    const split: { op: Op.Split; x: number; y: number } = { op: Op.Split, x: 0, y: 0 };
    const loop = prog.length;
    prog.push(split);
    const body = prog.length;
    prog.push({ op: Op.Mark, slot });
    emit(node.body, prog, counter);
    prog.push({ op: Op.Check, slot }, { op: Op.Jmp, x: loop });
    const exit = prog.length;
    [split.x, split.y] = node.greedy ? [body, exit] : [exit, body];
    return;
  }
  const splits: Array<{ op: Op.Split; x: number; y: number }> = [];
  for (let k = node.min; k < node.max; k++) {
    const split: { op: Op.Split; x: number; y: number } = { op: Op.Split, x: 0, y: 0 };
    splits.push(split);
    prog.push(split);
    const body = prog.length;
    emit(node.body, prog, counter);
    split.x = body;
  }
  const exit = prog.length;
  for (const split of splits) [split.x, split.y] = node.greedy ? [split.x, exit] : [exit, split.x];
}

// ---- running ------------------------------------------------------------------------------------------------------

const BRANCH = 0;
const RESTORE = 1;

function run(
  prog: Ins[],
  text: string,
  start: number,
  endAt: number,
  caps: number[],
  budget: StepBudget,
  flags: { multiline: boolean; ignoreCase: boolean },
): number {
  // Backtrack entries, three numbers each: BRANCH pc sp, or RESTORE slot value.
  const stack: number[] = [];
  let pc = 0;
  let sp = start;
  for (;;) {
    if (--budget.steps < 0) throw new BudgetExceeded();
    const ins = prog[pc];
    let ok = true;
    switch (ins.op) {
      case Op.Char: {
        const width = ins.atom.exec(text, sp);
        if (width < 0) ok = false;
        else {
          sp += width;
          pc++;
        }
        break;
      }
      case Op.Split:
        stack.push(BRANCH, ins.y, sp);
        pc = ins.x;
        break;
      case Op.Jmp:
        pc = ins.x;
        break;
      case Op.Save:
      case Op.Mark:
        stack.push(RESTORE, ins.slot, caps[ins.slot]);
        caps[ins.slot] = sp;
        pc++;
        break;
      case Op.Check:
        ok = caps[ins.slot] !== sp;
        pc++;
        break;
      case Op.Assert:
        ok = assertion(ins.kind, text, sp, flags.multiline);
        pc++;
        break;
      case Op.Backref: {
        const width = backref(text, sp, caps[ins.index * 2], caps[ins.index * 2 + 1], flags.ignoreCase);
        if (width < 0) ok = false;
        else {
          sp += width;
          pc++;
        }
        break;
      }
      case Op.Look: {
        const before = caps.slice();
        const found = ins.behind
          ? lookbehind(ins, text, sp, caps, budget, flags)
          : run(ins.prog, text, sp, -1, caps, budget, flags) >= 0;
        if (found === ins.negate) {
          for (let s = 0; s < caps.length; s++) caps[s] = before[s];
          ok = false;
        } else {
          // Captures set inside a positive look-around stay, and are undone if we backtrack past it.
          for (let s = 0; s < caps.length; s++) {
            if (caps[s] !== before[s]) {
              stack.push(RESTORE, s, before[s]);
            }
          }
          if (ins.negate) for (let s = 0; s < caps.length; s++) caps[s] = before[s];
          pc++;
        }
        break;
      }
      case Op.Match:
        if (endAt < 0 || sp === endAt) return sp;
        ok = false;
        break;
    }
    if (ok) continue;
    // Backtrack: undo captures down to the newest branch, then take it.
    for (;;) {
      if (stack.length === 0) return -1;
      const b = stack.pop()!;
      const a = stack.pop()!;
      const kind = stack.pop()!;
      if (kind === RESTORE) caps[a] = b;
      else {
        pc = a;
        sp = b;
        break;
      }
    }
  }
}

/** Some start k ≤ sp from which the body matches ending exactly at sp (nearest first), within the body's possible widths. */
function lookbehind(
  ins: Extract<Ins, { op: Op.Look }>,
  text: string,
  sp: number,
  caps: number[],
  budget: StepBudget,
  flags: { multiline: boolean; ignoreCase: boolean },
): boolean {
  const last = Math.max(0, sp - ins.maxWidth);
  for (let k = sp - ins.minWidth; k >= last; k--) {
    if (--budget.steps < 0) throw new BudgetExceeded();
    if (run(ins.prog, text, k, sp, caps, budget, flags) >= 0) return true;
  }
  return false;
}

/** The fewest and most code units a node can match (a back-reference: any number). */
function widths(node: Node): [number, number] {
  switch (node.t) {
    case 'atom':
      return [1, 2];
    case 'seq':
      return node.items.map(widths).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
    case 'alt': {
      const all = node.options.map(widths);
      return [Math.min(...all.map((w) => w[0])), Math.max(...all.map((w) => w[1]))];
    }
    case 'group':
      return widths(node.body);
    case 'repeat': {
      const [min, max] = widths(node.body);
      return [min * node.min, max === 0 ? 0 : max * node.max];
    }
    case 'backref':
      return [0, Infinity];
    default:
      return [0, 0];
  }
}

function assertion(kind: '^' | '$' | 'b' | 'B', text: string, sp: number, multiline: boolean): boolean {
  switch (kind) {
    case '^':
      return sp === 0 || (multiline && isLineTerminator(text.charCodeAt(sp - 1)));
    case '$':
      return sp === text.length || (multiline && isLineTerminator(text.charCodeAt(sp)));
    default: {
      const boundary = isWordChar(text.charCodeAt(sp - 1)) !== isWordChar(text.charCodeAt(sp));
      return kind === 'b' ? boundary : !boundary;
    }
  }
}

function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Width matched by a back-reference at sp, or -1; an unset group matches the empty string. */
function backref(text: string, sp: number, from: number, to: number, ignoreCase: boolean): number {
  if (from < 0 || to < 0) return 0;
  const length = to - from;
  if (sp + length > text.length) return -1;
  const captured = text.slice(from, to);
  const here = text.slice(sp, sp + length);
  const same = ignoreCase ? captured.toLowerCase() === here.toLowerCase() : captured === here;
  return same ? length : -1;
}

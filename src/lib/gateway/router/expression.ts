/**
 * Kong's expressions router language (ATC), the subset a portal needs to decide which
 * operations a route serves:
 *
 *   expression := conjunction ( "||" conjunction )*
 *   conjunction := term ( "&&" term )*
 *   term       := "!"? "(" expression ")" | predicate
 *   predicate  := field op literal | "lower(" field ")" op literal
 *   op         := "==" | "!=" | "~" | "^=" | "=^" | "contains" | "in" | "not in" | ">" | ">=" | "<" | "<="
 *   literal    := "string" (with \" \\ \n \t \r escapes) | r#"raw string"# | integer | IP | CIDR
 *
 * Fields: `http.path`, `http.method`, `http.host`, `http.headers.<name>` (lower case, `-`
 * written as `_`), `net.protocol`, and any other field name (`tls.sni`, `net.src.ip`…), which is
 * kept as a condition the request must meet. As in Kong, `&&` binds tighter than `||`, `~`
 * searches (it is not anchored), and a predicate on a multi-valued header holds when any value
 * does.
 *
 * Evaluation is partial: the router knows an operation's method, path and protocol but not the
 * host or headers a caller will send, so `reduce` returns `true`, `false`, or what is left to
 * satisfy (shown on the operation page as what a request must carry).
 */
import { translateKongRegex } from './regex.ts';

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'int'; value: number }
  | { type: 'ip'; value: string };

export type Operator = '==' | '!=' | '~' | '^=' | '=^' | 'contains' | 'in' | 'not in' | '>' | '>=' | '<' | '<=';

export type Expression =
  | { kind: 'and' | 'or'; left: Expression; right: Expression }
  | { kind: 'not'; operand: Expression }
  | { kind: 'predicate'; field: string; lower: boolean; op: Operator; literal: Literal; regex?: RegExp };

export type ParsedExpression = { ok: true; expression: Expression } | { ok: false; message: string; offset: number };

type Token =
  | { kind: 'field'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'int'; text: string; at: number }
  | { kind: 'ip'; text: string; at: number }
  | { kind: 'op'; text: string; at: number }
  | { kind: 'end'; text: ''; at: number };

class ExpressionError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const SYMBOLS = ['&&', '||', '==', '!=', '^=', '=^', '>=', '<=', '~', '>', '<', '!', '(', ')'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new ExpressionError('unterminated string', at);
        const d = source[i]!;
        if (d === '"') break;
        if (d === '\\') {
          const e = source[i + 1];
          const escaped = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '"' || e === '\\' ? e : undefined;
          if (escaped === undefined) throw new ExpressionError(`unknown escape \`\\${e ?? ''}\` in a string`, i);
          text += escaped;
          i += 2;
          continue;
        }
        text += d;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', text, at });
      continue;
    }
    const raw = /^r(#+)"/.exec(source.slice(i));
    if (raw) {
      const close = '"' + raw[1];
      const end = source.indexOf(close, i + raw[0].length);
      if (end === -1) throw new ExpressionError('unterminated raw string', at);
      tokens.push({ kind: 'string', text: source.slice(i + raw[0].length, end), at });
      i = end + close.length;
      continue;
    }
    if (/[0-9]/.test(c) || (c === ':' && source[i + 1] === ':')) {
      const m = /^[0-9a-fA-F:.]+(?:\/[0-9]+)?/.exec(source.slice(i))!;
      const text = m[0];
      tokens.push({ kind: /^[0-9]+$/.test(text) ? 'int' : 'ip', text, at });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_*]+)*/.exec(source.slice(i))!;
      const word = m[0];
      i += word.length;
      if (word === 'in' || word === 'contains') tokens.push({ kind: 'op', text: word, at });
      else if (word === 'not') {
        const rest = /^\s+in\b/.exec(source.slice(i));
        if (!rest) throw new ExpressionError('expected `in` after `not`', i);
        i += rest[0].length;
        tokens.push({ kind: 'op', text: 'not in', at });
      } else tokens.push({ kind: 'field', text: word, at });
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (!symbol) throw new ExpressionError(`unexpected character \`${c}\``, i);
    tokens.push({ kind: 'op', text: symbol, at });
    i += symbol.length;
  }
  tokens.push({ kind: 'end', text: '', at: source.length });
  return tokens;
}

const OPERATORS = new Set<string>(['==', '!=', '~', '^=', '=^', 'contains', 'in', 'not in', '>', '>=', '<', '<=']);

class Parser {
  private position = 0;
  private readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parse(): Expression {
    const expression = this.disjunction();
    const next = this.peek();
    if (next.kind !== 'end') throw new ExpressionError(`unexpected \`${next.text}\``, next.at);
    return expression;
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }
  private take(): Token {
    return this.tokens[this.position++]!;
  }
  private isOp(text: string): boolean {
    const token = this.peek();
    return token.kind === 'op' && token.text === text;
  }

  private disjunction(): Expression {
    let left = this.conjunction();
    while (this.isOp('||')) {
      this.take();
      left = { kind: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): Expression {
    let left = this.term();
    while (this.isOp('&&')) {
      this.take();
      left = { kind: 'and', left, right: this.term() };
    }
    return left;
  }

  private term(): Expression {
    if (this.isOp('!')) {
      const bang = this.take();
      if (!this.isOp('(')) throw new ExpressionError('`!` must be followed by a parenthesised expression', bang.at);
      return { kind: 'not', operand: this.group() };
    }
    if (this.isOp('(')) return this.group();
    return this.predicate();
  }

  private group(): Expression {
    const open = this.take();
    const inner = this.disjunction();
    if (!this.isOp(')')) throw new ExpressionError('missing `)`', this.peek().at === open.at ? open.at : this.peek().at);
    this.take();
    return inner;
  }

  private predicate(): Expression {
    const token = this.take();
    if (token.kind !== 'field') throw new ExpressionError(token.kind === 'end' ? 'expected a field such as `http.path`' : `expected a field, found \`${token.text}\``, token.at);
    let field = token.text;
    let lower = false;
    if (field === 'lower' && this.isOp('(')) {
      this.take();
      const inner = this.take();
      if (inner.kind !== 'field') throw new ExpressionError('expected a field inside `lower(…)`', inner.at);
      if (!this.isOp(')')) throw new ExpressionError('missing `)` after `lower(`', this.peek().at);
      this.take();
      field = inner.text;
      lower = true;
    }
    const op = this.take();
    if (op.kind !== 'op' || !OPERATORS.has(op.text)) throw new ExpressionError(`expected an operator after \`${field}\``, op.at);
    const value = this.take();
    let literal: Literal;
    if (value.kind === 'string') literal = { type: 'string', value: value.text };
    else if (value.kind === 'int') literal = { type: 'int', value: Number(value.text) };
    else if (value.kind === 'ip') literal = { type: 'ip', value: value.text };
    else throw new ExpressionError(`expected a value after \`${op.text}\``, value.at);
    const predicate: Expression = { kind: 'predicate', field, lower, op: op.text as Operator, literal };
    if (op.text === '~') {
      if (literal.type !== 'string') throw new ExpressionError('`~` needs a string regex', value.at);
      const translated = translateKongRegex(literal.value, false);
      if (!translated.ok) throw new ExpressionError(`the regex ${JSON.stringify(literal.value)} ${translated.reason}`, value.at);
      predicate.regex = translated.regex;
    }
    return predicate;
  }
}

export function parseExpression(source: string): ParsedExpression {
  try {
    return { ok: true, expression: new Parser(tokenize(source)).parse() };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

/** Field values known about a request; a field absent from the map is unknown. */
export type KnownFields = ReadonlyMap<string, string | readonly string[]>;

/** `true`/`false` when the known fields decide it, else the part still to satisfy. */
export type Reduced = boolean | Expression;

export function reduce(expression: Expression, known: KnownFields): Reduced {
  switch (expression.kind) {
    case 'predicate': {
      const value = known.get(expression.field);
      if (value === undefined) return expression;
      const values = typeof value === 'string' ? [value] : value;
      return values.some((one) => holds(expression, one));
    }
    case 'not': {
      const operand = reduce(expression.operand, known);
      return typeof operand === 'boolean' ? !operand : { kind: 'not', operand };
    }
    case 'and': {
      const left = reduce(expression.left, known);
      if (left === false) return false;
      const right = reduce(expression.right, known);
      if (right === false) return false;
      if (left === true) return right;
      if (right === true) return left;
      return { kind: 'and', left, right };
    }
    case 'or': {
      const left = reduce(expression.left, known);
      if (left === true) return true;
      const right = reduce(expression.right, known);
      if (right === true) return true;
      if (left === false) return right;
      if (right === false) return left;
      return { kind: 'or', left, right };
    }
  }
}

function holds(predicate: Extract<Expression, { kind: 'predicate' }>, raw: string): boolean {
  const value = predicate.lower ? raw.toLowerCase() : raw;
  const literal = predicate.literal;
  if (literal.type === 'int') {
    const number = Number(value);
    switch (predicate.op) {
      case '==': return number === literal.value;
      case '!=': return number !== literal.value;
      case '>': return number > literal.value;
      case '>=': return number >= literal.value;
      case '<': return number < literal.value;
      case '<=': return number <= literal.value;
      default: return false;
    }
  }
  const text = literal.value;
  switch (predicate.op) {
    case '==': return value === text;
    case '!=': return value !== text;
    case '^=': return value.startsWith(text);
    case '=^': return value.endsWith(text);
    case 'contains': return value.includes(text);
    case '~': return predicate.regex!.test(value);
    // `in` compares addresses with CIDR ranges; no address field is ever known here.
    default: return false;
  }
}

/** The expression written back in Kong's syntax (for the residual a request must meet). */
export function formatExpression(expression: Expression, parent?: 'and' | 'or'): string {
  switch (expression.kind) {
    case 'predicate': {
      const field = expression.lower ? `lower(${expression.field})` : expression.field;
      const literal = expression.literal.type === 'string' ? JSON.stringify(expression.literal.value) : String(expression.literal.value);
      return `${field} ${expression.op} ${literal}`;
    }
    case 'not':
      return `!(${formatExpression(expression.operand)})`;
    case 'and':
    case 'or': {
      const text = `${formatExpression(expression.left, expression.kind)} ${expression.kind === 'and' ? '&&' : '||'} ${formatExpression(expression.right, expression.kind)}`;
      return parent && parent !== expression.kind ? `(${text})` : text;
    }
  }
}

/**
 * Hosts a request must name for the residual to hold, when it says so plainly
 * (`http.host == "a"`, alone, in a conjunction, or in a disjunction of such); otherwise none.
 */
export function requiredHosts(residual: Reduced): string[] {
  if (typeof residual === 'boolean') return [];
  const walk = (e: Expression): string[] | undefined => {
    if (e.kind === 'predicate') return e.field === 'http.host' && e.op === '==' && e.literal.type === 'string' && !e.lower ? [e.literal.value] : undefined;
    if (e.kind === 'and') return walk(e.left) ?? walk(e.right);
    if (e.kind === 'or') {
      const left = walk(e.left);
      const right = walk(e.right);
      return left && right ? [...left, ...right] : undefined;
    }
    return undefined;
  };
  return [...new Set(walk(residual) ?? [])];
}

/** The fields an expression reads, for deciding what it depends on. */
export function fieldsOf(expression: Expression): string[] {
  if (expression.kind === 'predicate') return [expression.field];
  if (expression.kind === 'not') return fieldsOf(expression.operand);
  return [...fieldsOf(expression.left), ...fieldsOf(expression.right)];
}

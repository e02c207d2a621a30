// The reference: VS Code's JSONC logic as npm ships it, run over JSON lines on stdin.
//
// Needs, in the folder named by TELEMETRY_NODE_MODULES: jsonc-parser-v2 (= jsonc-parser 2.3.1, the
// logic VS Code vendors) and, for "guess", monaco-editor (VS Code's indentation guesser).
// Each input line is one request; each output line answers it, in order:
//   {"op":"edit","text","path","value"?,"options":{insertSpaces,tabSize,eol}}
//       -> {"text"} (modify + applyEdits; no "value" means remove) or {"error"} when modify throws
//   {"op":"replace","text","offset","length","value","options"}
//       -> {"text"}: the value at [offset, offset + length) (UTF-16 units) replaced as modify replaces
//          an existing value: JSON.stringify, then format() over exactly the new text
//   {"op":"parse","text"} -> {"errors":[[name, offset, length], ...]} (offsets in UTF-16 units)
//   {"op":"guess","text"} -> {"insertSpaces","tabSize"} (guessIndentation with defaults 4, spaces)
//   {"op":"outline","text"} -> {"root": type or null, "members": [[key, value type, first inner key]]}
'use strict';
const path = require('path');
const readline = require('readline');
const { pathToFileURL } = require('url');

const modules = process.env.TELEMETRY_NODE_MODULES;
const jsonc = require(path.join(modules, 'jsonc-parser-v2'));
const ERROR_NAMES = {
  1: 'InvalidSymbol', 2: 'InvalidNumberFormat', 3: 'PropertyNameExpected', 4: 'ValueExpected',
  5: 'ColonExpected', 6: 'CommaExpected', 7: 'CloseBraceExpected', 8: 'CloseBracketExpected',
  9: 'EndOfFileExpected', 10: 'InvalidCommentToken', 11: 'UnexpectedEndOfComment',
  12: 'UnexpectedEndOfString', 13: 'UnexpectedEndOfNumber', 14: 'InvalidUnicode',
  15: 'InvalidEscapeCharacter', 16: 'InvalidCharacter',
};

function edit(request) {
  const options = { formattingOptions: request.options };
  try {
    const edits = jsonc.modify(request.text, request.path, request.value, options);
    return { text: jsonc.applyEdits(request.text, edits) };
  } catch (error) {
    return { error: String(error.message) };
  }
}

function replace(request) {
  const content = JSON.stringify(request.value);
  const { text: old, offset, length } = request;
  const text = old.slice(0, offset) + content + old.slice(offset + length);
  const edits = jsonc.format(text, { offset, length: content.length }, request.options);
  return { text: jsonc.applyEdits(text, edits) };
}

function parse(request) {
  // As VS Code's settings editor checks a file before writing it.
  const errors = [];
  jsonc.parse(request.text, errors, { allowTrailingComma: true, allowEmptyContent: true });
  return { errors: errors.map((e) => [ERROR_NAMES[e.error], e.offset, e.length]) };
}

function guess(guesser, request) {
  if (!guesser) return { unavailable: true };
  // A minimal text buffer: lines split the way VS Code's text model splits them.
  const lines = request.text.split(/\r\n|\r|\n/);
  const buffer = {
    getLineCount: () => lines.length,
    getLineLength: (n) => lines[n - 1].length,
    getLineContent: (n) => lines[n - 1],
    getLineCharCode: (n, i) => lines[n - 1].charCodeAt(i),
  };
  return guesser.guessIndentation(buffer, 4, true);
}

function outline(request) {
  // The top-level members, so that a generator can pick keys to edit.
  const root = jsonc.parseTree(request.text, [], { allowTrailingComma: true });
  if (!root) return { root: null, members: [] };
  const members = (root.type === 'object' ? root.children : []).map((member) => {
    const value = member.children[1];
    const inner = value && value.type === 'object' && value.children.length ? value.children[0].children[0].value : null;
    return [member.children[0].value, value ? value.type : null, inner];
  });
  return { root: root.type, members };
}

async function loadGuesser() {
  const file = path.join(modules, 'monaco-editor/esm/vs/editor/common/model/indentationGuesser.js');
  try {
    return await import(pathToFileURL(file).href);
  } catch {
    return null;
  }
}

async function main() {
  const guesser = await loadGuesser();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  const out = [];
  for await (const line of input) {
    if (!line) continue;
    const request = JSON.parse(line);
    let answer;
    if (request.op === 'edit') answer = edit(request);
    else if (request.op === 'parse') answer = parse(request);
    else if (request.op === 'replace') answer = replace(request);
    else if (request.op === 'outline') answer = outline(request);
    else answer = guess(guesser, request);
    out.push(JSON.stringify(answer));
    if (out.length >= 512) {
      process.stdout.write(out.join('\n') + '\n');
      out.length = 0;
    }
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
}

main();

import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import MarkdownIt from 'markdown-it';

// The languages models write most; the others show as plain text. Each costs 1–10 KB of bundle.
for (const [name, language] of Object.entries({ bash, cpp, css, go, java, javascript, json, python, rust, sql, typescript, xml, yaml })) {
  hljs.registerLanguage(name, language);
}

/**
 * Markdown with raw HTML turned off: a model's `<script>` or `<img onerror>` is text. Tokens become
 * DOM nodes here (no innerHTML of model text), links only for http(s) and mailto, and images are never
 * loaded (the webview shows no remote content): they become links.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

type Token = ReturnType<MarkdownIt['parse']>[number];

/** Builds what sits around a finished code block: the code and its actions. */
export type CodeBlockRenderer = (code: string, language: string) => HTMLElement;

const SAFE_LINK = /^(https?:|mailto:)/i;
const ALIGN = /^text-align:(left|right|center)$/;

export function renderMarkdown(text: string, codeBlock: CodeBlockRenderer): DocumentFragment {
  const fragment = document.createDocumentFragment();
  renderTokens(markdown.parse(text, {}), fragment, codeBlock);
  return fragment;
}

/** Inline Markdown only (no paragraphs): for a piece of a paragraph that is still being written. */
export function renderInline(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  renderInlineTokens(markdown.parseInline(text, {})[0]?.children ?? [], fragment);
  return fragment;
}

function renderTokens(tokens: readonly Token[], root: Node, codeBlock: CodeBlockRenderer): void {
  buildTree(tokens, root, (token, parent) => {
    if (token.type === 'inline') renderInlineTokens(token.children ?? [], parent);
    else if (token.type === 'fence' || token.type === 'code_block') parent.appendChild(codeBlock(token.content.replace(/\n$/, ''), token.info.trim().split(/\s+/)[0] ?? ''));
    else if (token.type === 'hr') parent.appendChild(document.createElement('hr'));
    else if (token.content) parent.appendChild(document.createTextNode(token.content));
  });
}

function renderInlineTokens(tokens: readonly Token[], root: Node): void {
  buildTree(tokens, root, (token, parent) => {
    if (token.type === 'code_inline') {
      const code = document.createElement('code');
      code.textContent = token.content;
      parent.appendChild(code);
    } else if (token.type === 'softbreak') {
      parent.appendChild(document.createTextNode('\n'));
    } else if (token.type === 'hardbreak') {
      parent.appendChild(document.createElement('br'));
    } else if (token.type === 'image') {
      parent.appendChild(imageLink(token));
    } else {
      parent.appendChild(document.createTextNode(token.content));
    }
  });
}

/** Opening and closing tokens become nested elements (with only safe attributes); `leaf` renders the rest. */
function buildTree(tokens: readonly Token[], root: Node, leaf: (token: Token, parent: Node) => void): void {
  const stack: Node[] = [root];
  for (const token of tokens) {
    const parent = stack[stack.length - 1]!;
    if (token.nesting === 1) {
      const element = document.createElement(token.tag);
      copyAttributes(token, element);
      parent.appendChild(element);
      stack.push(element);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else {
      leaf(token, parent);
    }
  }
}

function copyAttributes(token: Token, element: HTMLElement): void {
  for (const [name, value] of token.attrs ?? []) {
    if (name === 'href' && SAFE_LINK.test(value)) {
      element.setAttribute('href', value);
      element.setAttribute('title', value);
    } else if (name === 'start' && /^\d+$/.test(value)) {
      element.setAttribute('start', value);
    } else if (name === 'style' && ALIGN.test(value)) {
      element.setAttribute('style', value);
    }
  }
}

function imageLink(token: Token): Node {
  const source = token.attrGet('src') ?? '';
  const label = token.content || source;
  if (!SAFE_LINK.test(source)) return document.createTextNode(label);
  const link = document.createElement('a');
  link.href = source;
  link.title = source;
  link.textContent = `🖼 ${label}`;
  return link;
}

/**
 * Highlighted code as DOM nodes. highlight.js escapes every character of the code it is given, so its
 * HTML holds only its own spans; it is parsed in an inert template and never runs anything.
 */
export function highlightedCode(code: string, language: string): HTMLElement {
  const element = document.createElement('code');
  const known = language && hljs.getLanguage(language);
  if (!known) {
    element.textContent = code;
    return element;
  }
  const template = document.createElement('template');
  template.innerHTML = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  element.className = `hljs language-${language}`;
  element.append(template.content);
  return element;
}

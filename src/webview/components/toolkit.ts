/**
 * The only module that knows which web-component library draws our controls
 * (@vscode/webview-ui-toolkit, archived upstream). Panels build their UI from these functions,
 * so moving to another library (e.g. @vscode-elements/elements) changes this file alone.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

/** Registers the custom elements once per page. */
export function registerComponents(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeTextArea(),
    vsCodeTextField(),
  );
}

type Children = ReadonlyArray<Node | string | null | undefined | false>;

/** Creates an element with attributes (strings, booleans, or event listeners for `on…` keys) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string | boolean | number | EventListener | undefined>> = {},
  children: Children = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

function applyAttributes(element: HTMLElement, attributes: Readonly<Record<string, string | boolean | number | EventListener | undefined>>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

function append(parent: Element, children: Children): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child);
  }
}

export interface ButtonOptions {
  readonly appearance?: 'primary' | 'secondary' | 'icon';
  /** Codicon-free text label for icon buttons, shown as tooltip and to screen readers. */
  readonly title?: string;
  readonly disabled?: boolean;
  readonly onClick: () => void;
}

export function button(label: string, options: ButtonOptions): HTMLElement {
  const element = document.createElement('vscode-button');
  applyAttributes(element, {
    appearance: options.appearance ?? 'primary',
    title: options.title,
    'aria-label': options.title ?? label,
    disabled: options.disabled,
  });
  element.textContent = label;
  element.addEventListener('click', () => {
    if (!element.hasAttribute('disabled')) options.onClick();
  });
  return element;
}

export function setDisabled(control: HTMLElement, disabled: boolean): void {
  control.toggleAttribute('disabled', disabled);
}

export interface TextInputOptions {
  readonly label: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly rows?: number;
  readonly maxLength?: number;
  readonly onInput?: (value: string) => void;
}

/** A value-bearing control: read and write its value without knowing the element behind it. */
export interface Field<T> {
  readonly element: HTMLElement;
  get value(): T;
  set value(value: T);
}

/** Exposes one property of a control (`value`, `checked`) as a Field. */
function field<T, K extends string>(element: HTMLElement & Record<K, T>, property: K): Field<T> {
  return {
    element,
    get value() {
      return element[property];
    },
    set value(value: T) {
      element[property] = value as (HTMLElement & Record<K, T>)[K];
    },
  };
}

const valueField = (element: HTMLElement & { value: string }) => field(element, 'value');

export function textField(options: TextInputOptions & { readonly type?: 'text' | 'number' }): Field<string> {
  const element = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  applyAttributes(element, { placeholder: options.placeholder, type: options.type, maxlength: options.maxLength });
  element.textContent = options.label;
  element.value = options.value ?? '';
  if (options.onInput) element.addEventListener('input', () => options.onInput!(element.value));
  return valueField(element);
}

export function textArea(options: TextInputOptions): Field<string> {
  const element = document.createElement('vscode-text-area') as HTMLElement & { value: string };
  applyAttributes(element, { placeholder: options.placeholder, rows: options.rows ?? 3, resize: 'vertical', maxlength: options.maxLength });
  element.textContent = options.label;
  element.value = options.value ?? '';
  if (options.onInput) element.addEventListener('input', () => options.onInput!(element.value));
  return valueField(element);
}

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly description?: string;
}

export function dropdown(options: { readonly label: string; readonly choices: readonly Choice[]; readonly value?: string; readonly onChange?: (value: string) => void }): Field<string> & { setChoices(choices: readonly Choice[], value?: string): void } {
  const element = document.createElement('vscode-dropdown') as HTMLElement & { value: string };
  element.setAttribute('aria-label', options.label);
  /** A value chosen with new options, until the element has taken the options in. */
  let pending: string | undefined;
  const setChoices = (choices: readonly Choice[], value?: string) => {
    element.replaceChildren(...choices.map((choice) => {
      const option = document.createElement('vscode-option') as HTMLElement & { value: string };
      option.setAttribute('value', choice.value);
      if (choice.description) option.title = choice.description;
      option.textContent = choice.label;
      if (choice.value === value) option.setAttribute('selected', '');
      return option;
    }));
    if (value !== undefined) select(value);
  };
  // The element takes new options in when its slot changes (a microtask later), keeping the old index, and
  // ignores a value set before it is connected: the value is selected now and again after that, and reported meanwhile.
  const select = (value: string) => {
    pending = value;
    element.value = value;
    setTimeout(() => {
      if (pending !== value) return;
      element.value = value;
      pending = undefined;
    });
  };
  setChoices(options.choices, options.value);
  element.addEventListener('change', () => {
    pending = undefined;
    options.onChange?.(element.value);
  });
  return {
    element,
    get value() {
      return pending ?? element.value;
    },
    set value(value: string) {
      select(value);
    },
    setChoices,
  };
}

export function checkbox(options: { readonly label: string; readonly checked?: boolean; readonly onChange?: (checked: boolean) => void }): Field<boolean> {
  const element = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  element.textContent = options.label;
  element.checked = options.checked ?? false;
  if (options.onChange) element.addEventListener('change', () => options.onChange!(element.checked));
  return field(element, 'checked');
}

export function progressRing(label: string): HTMLElement {
  const element = document.createElement('vscode-progress-ring');
  element.setAttribute('aria-label', label);
  return element;
}

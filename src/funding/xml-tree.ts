/**
 * A strict, small element tree from the kept `saxes` parser: names without prefixes plus
 * their namespace, attributes, children and text. Any well-formedness error throws. A
 * document type declaration is refused outright: bank files never have one, and refusing
 * it rules out entity tricks (saxes never fetches external entities anyway).
 *
 * @example
 *   const root = parseXml('<a xmlns="urn:x"><b>1</b></a>');
 *   root.local; // 'a'
 *   textAt(root, 'b'); // '1'
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
  local: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlError extends Error {}

export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: Error | null = null;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('doctype', () => {
    failure ??= new XmlError('document type declarations are not accepted');
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) attributes[attribute.local] = attribute.value;
    const element: XmlElement = { local: tag.local, uri: tag.uri, attributes, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('cdata', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (element) element.text = element.text.trim();
  });
  try {
    parser.write(source).close();
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) throw new XmlError((failure as Error).message);
  if (!root) throw new XmlError('no root element');
  return root;
}

export function child(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return element?.children.find((c) => c.local === local);
}

export function children(element: XmlElement | undefined, local: string): XmlElement[] {
  return element ? element.children.filter((c) => c.local === local) : [];
}

/** The element at a path of local names (`'Acct/Id/IBAN'`). */
export function at(element: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = element;
  for (const part of path.split('/')) current = child(current, part);
  return current;
}

export function textAt(element: XmlElement | undefined, path: string): string {
  return at(element, path)?.text ?? '';
}

/** The first of several paths that exists (schema versions moved some elements). */
export function firstText(element: XmlElement | undefined, paths: string[]): string {
  for (const path of paths) {
    const found = at(element, path);
    if (found && found.text) return found.text;
  }
  return '';
}

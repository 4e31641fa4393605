/**
 * A strict well-formedness check for the XML the drill writes (no XML parser among the dependencies):
 * one root element, tags nested and closed in order, attributes quoted and unique, `&` only in the five
 * predefined entities or character references, no `<` in text or attribute values. Returns the
 * elements it met (name and attributes), in document order, for the test to inspect.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
}

const NAME = '[A-Za-z_][\\w.-]*';
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*"([^"<]*)"`, 'g');
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/;

export function checkWellFormed(xml: string): XmlElement[] {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const open: string[] = [];
  const elements: XmlElement[] = [];
  let roots = 0;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt < 0 ? rest : rest.slice(0, lt);
    if (ENTITY.test(text)) throw new Error(`bare & in text: ${text.slice(0, 60)}`);
    if (open.length === 0 && text.trim() !== '') throw new Error(`text outside the root: ${text.slice(0, 60)}`);
    if (lt < 0) break;
    rest = rest.slice(lt);
    const tag = TAG.exec(rest);
    if (tag === null) throw new Error(`malformed tag at: ${rest.slice(0, 60)}`);
    const [whole, closing, name, attributeText, selfClosing] = tag;
    if (closing) {
      if (open.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
    } else {
      if (open.length === 0 && ++roots > 1) throw new Error('more than one root element');
      const attributes: Record<string, string> = {};
      for (const [, key, value] of attributeText.matchAll(ATTRIBUTE)) {
        if (key in attributes) throw new Error(`attribute ${key} twice on <${name}>`);
        if (ENTITY.test(value)) throw new Error(`bare & in attribute ${key} of <${name}>`);
        attributes[key] = value;
      }
      elements.push({ name, attributes });
      if (!selfClosing) open.push(name);
    }
    rest = rest.slice(whole.length);
  }
  if (open.length > 0) throw new Error(`unclosed: ${open.join(' > ')}`);
  if (roots !== 1) throw new Error('no root element');
  return elements;
}

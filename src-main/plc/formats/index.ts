export type { FormatResult, GvlName, LadderBody } from './format-result.js';
export { parseXmlSafely, decodeXmlText, MAX_XML_BYTES, MAX_XML_DEPTH } from './safe-xml.js';
export type { XmlDocument, XmlElement, XmlParseResult } from './safe-xml.js';
export { readTwincat } from './twincat.js';
export { readPlcopen } from './plcopen.js';

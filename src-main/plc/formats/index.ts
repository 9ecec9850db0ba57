export type { FormatResult, GvlName, LadderBody } from './format-result.js';
export { parseXmlSafely, decodeXmlText, MAX_XML_BYTES, MAX_XML_DEPTH } from './safe-xml.js';
export type { XmlDocument, XmlElement, XmlParseResult } from './safe-xml.js';
export { readTwincat } from './twincat.js';
export { readPlcopen } from './plcopen.js';
export { readL5x } from './l5x.js';
export { readL5k } from './l5k.js';
export type { RockwellResult, RllBody } from './rockwell-project.js';

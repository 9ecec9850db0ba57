import type { CodeInfo } from './catalog.js';

/**
 * FMT1xxx: XML containers (safe-xml.ts, twincat.ts, plcopen*.ts). Kept apart from the L5X/L5K table so the two
 * readers can grow without editing one list; codes-formats.ts merges them.
 */
export const XML_FORMAT_CODES: CodeInfo[] = [
  // FMT10xx: XML in general
  {
    code: 'FMT1001',
    severity: 'error',
    title: 'XML file too large',
    explanation:
      'The file is larger than the size Plantshift reads as one XML document. PLC project exports of this size are ' +
      'almost always a whole archive or a generated dump rather than one object. Split the export (one POU, DUT or GVL ' +
      'per file, as TwinCAT and CODESYS do by default) and read the parts.',
  },
  {
    code: 'FMT1002',
    severity: 'error',
    title: 'DOCTYPE refused',
    explanation:
      'The XML file contains a <!DOCTYPE> or <!ENTITY> declaration. PLC project formats (TwinCAT, PLCopen TC6, ' +
      'CODESYS) never need one, and a DOCTYPE is how entity-expansion attacks ("billion laughs") and external ' +
      'entities that read local files or reach the network are smuggled in. The file is not read at all. Remove the ' +
      'DOCTYPE (and any <!ENTITY> definitions inside it) if the file is genuine.',
  },
  {
    code: 'FMT1003',
    severity: 'error',
    title: 'malformed XML',
    explanation:
      'The file is not well-formed XML: a tag is not closed, closing tags do not match, an attribute is not quoted, ' +
      'or there is text outside the root element. The position given is where the XML reader noticed the problem; ' +
      'the cause is often a little earlier. Files edited by hand or cut off during a copy are the usual source. ' +
      'Re-export the object from the engineering tool.',
  },
  {
    code: 'FMT1004',
    severity: 'error',
    title: 'XML nested too deeply',
    explanation:
      'Elements are nested deeper than any PLC project format needs. Real TwinCAT and PLCopen files stay below a few ' +
      'dozen levels; thousands of levels are a sign of a damaged or hostile file, and reading it could exhaust memory ' +
      'or the stack. The file is not read.',
  },
  {
    code: 'FMT1005',
    severity: 'warning',
    title: 'unknown entity reference',
    explanation:
      'Only the five predefined XML entities (&lt; &gt; &amp; &quot; &apos;) and numeric character references ' +
      '(&#65; &#x41;) are expanded. Any other &name; would need a DOCTYPE to define it, which is refused, so it is ' +
      'kept as written. If it appears in ST code the code will likely not compile: write the character itself.',
  },
  {
    code: 'FMT1006',
    severity: 'error',
    title: 'not the expected kind of XML file',
    explanation:
      'The XML is well-formed but its root element is not the one this reader expects (a TwinCAT file must have ' +
      '<TcPlcObject>, a PLCopen file <project>). The file may belong to another tool or be a different export ' +
      'format; check the file extension and how it was exported.',
  },
  // FMT11xx: TwinCAT 3
  {
    code: 'FMT1101',
    severity: 'warning',
    title: 'implementation language not read yet',
    explanation:
      'This POU, method, property accessor or action is implemented in a graphical language (LD/FBD network list, ' +
      'SFC, CFC) that Plantshift does not read from TwinCAT files yet. Its declaration is read and its body is ' +
      'treated as empty, so checks and transforms do not see the code inside it. Convert it to ST or review it by hand.',
  },
  {
    code: 'FMT1102',
    severity: 'error',
    title: 'TwinCAT object without content',
    explanation:
      'A TwinCAT file must hold one <POU>, <DUT>, <GVL> or <Itf> element inside <TcPlcObject>. None was found, so ' +
      'the file contributes nothing. The file may be truncated or belong to another part of the TwinCAT project ' +
      '(.TcTTO tasks and .TcVIS visualisations are not PLC code).',
  },
  {
    code: 'FMT1103',
    severity: 'warning',
    title: 'missing declaration',
    explanation:
      'An object, method or property has no <Declaration> element (or an empty one). Without it the name, kind and ' +
      'variables of the object are unknown; the body is still read, but its names will not resolve. Re-export the ' +
      'object from TwinCAT.',
  },
  {
    code: 'FMT1104',
    severity: 'warning',
    title: 'unknown POU kind',
    explanation:
      'The declaration does not start with PROGRAM, FUNCTION_BLOCK, FUNCTION or INTERFACE (after comments and ' +
      'pragmas), so Plantshift cannot tell how the object ends and adds no END_ keyword. The text is still passed ' +
      'on and the ST parser will say what it could not read.',
  },
  // FMT12xx: PLCopen TC6 XML
  {
    code: 'FMT1201',
    severity: 'warning',
    title: 'PLCopen body language not read yet',
    explanation:
      'The POU or action body is written in SFC (or a vendor language), which Plantshift does not read from ' +
      'PLCopen XML yet. The interface is read and the body is treated as empty, so checks and transforms do not see ' +
      'it. ST, IL, LD and FBD bodies are read.',
  },
  {
    code: 'FMT1202',
    severity: 'error',
    title: 'PLCopen element missing a required part',
    explanation:
      'A PLCopen element lacks something the TC6 schema requires: a pou without name or pouType, a variable without ' +
      'name or type, a data type without a base type. The element is skipped. The file was probably produced by a ' +
      'tool that does not follow the schema; re-export it or fix the element named in the message.',
  },
  {
    code: 'FMT1203',
    severity: 'warning',
    title: 'PLCopen type not understood',
    explanation:
      'A <type> or <baseType> holds an element that is not one of the TC6 type forms (elementary types, string, ' +
      'wstring, derived, array, enum, struct, subrangeSigned, subrangeUnsigned, pointer). The type is written as the ' +
      'element name, which will probably not resolve. Check the exporting tool and the element named.',
  },
  {
    code: 'FMT1204',
    severity: 'info',
    title: 'PLCopen project without POUs or types',
    explanation:
      'The PLCopen project holds no POUs, data types or global variables that Plantshift reads, neither under ' +
      '<types> nor in CODESYS <addData> sections. Only configuration or visualisation data may have been exported.',
  },
];

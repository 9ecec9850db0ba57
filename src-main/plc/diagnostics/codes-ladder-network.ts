import type { CodeInfo } from './catalog.js';

/** LD1xxx: PLCopen LD/FBD networks (ladder/network*.ts). Merged into LADDER_CODES by codes-ladder.ts. */
export const NETWORK_LADDER_CODES: CodeInfo[] = [
  {
    code: 'LD1001',
    severity: 'error',
    title: 'connection to a missing element',
    explanation:
      'A <connection refLocalId="..."> names a localId that no element of this body has. The wire is dangling: the ' +
      'element it feeds gets no power (FALSE) in the translated ST, which is almost certainly not what the program ' +
      'does in the PLC. The file was edited by hand or exported from a damaged project; re-export it.',
  },
  {
    code: 'LD1002',
    severity: 'error',
    title: 'feedback loop without a stored value',
    explanation:
      'The network wires an output back into its own input through contacts or functions only, so its value would ' +
      'depend on itself within one scan. LD and FBD need a variable or function block instance to break such a loop ' +
      '(the value from the previous scan). The wire that closes the loop is read as FALSE. Insert a variable in the ' +
      'feedback path in the original project.',
  },
  {
    code: 'LD1003',
    severity: 'error',
    title: 'duplicate or missing localId',
    explanation:
      'Every element of an LD or FBD body must have a unique numeric localId, because wires refer to elements by it. ' +
      'Two elements share one, or one has none, so wires to it cannot be resolved; the later element is skipped.',
  },
  {
    code: 'LD1004',
    severity: 'warning',
    title: 'unconnected input',
    explanation:
      'A contact, coil, output variable, jump or return has no incoming wire, so it never receives power. The ' +
      'translation treats the input as FALSE. Graphical editors allow such half-drawn networks; in the PLC they do ' +
      'nothing, so this is usually leftover editing.',
  },
  {
    code: 'LD1005',
    severity: 'error',
    title: 'continuation without connector',
    explanation:
      'A <continuation> refers by name to a <connector> that does not exist in the same body, so the value carried ' +
      'across the page is unknown. The translation uses FALSE. Check the connector names in the original editor.',
  },
  {
    code: 'LD1006',
    severity: 'warning',
    title: 'jump to an unknown label',
    explanation:
      'A jump element names a label that no <label> element of this body defines. The ST translation still writes ' +
      'JMP with that name, which will not compile. Rename the jump or add the label in the original project.',
  },
  {
    code: 'LD1007',
    severity: 'info',
    title: 'network element not translated',
    explanation:
      'The body contains an element that has no ST equivalent in the translation (a vendor extension, an action ' +
      'block, a step of an embedded SFC). It is skipped; the rest of the network is translated. Review that part of ' +
      'the network by hand.',
  },
  {
    code: 'LD1008',
    severity: 'error',
    title: 'network too deep to translate',
    explanation:
      'A chain of elements is longer than the translator follows (thousands of contacts in series). Real networks ' +
      'are far shorter; the file is likely damaged or generated. The affected output is translated as FALSE.',
  },
  {
    code: 'LD1009',
    severity: 'warning',
    title: 'function result read while its EN may be FALSE',
    explanation:
      'A function box has a wired EN, and its result is read by something that can act while the function does not ' +
      'run: a coil or contact where the result is OR-ed or AND-ed with other power, an edge or set/reset coil, a jump, ' +
      'an EN, or a function that runs without it. When EN is FALSE the function is not executed, and IEC 61131-3 does ' +
      'not say what its output then holds: some PLCs use 0, some a leftover temporary, some the last value. The ' +
      'translation is only exact where skipping the reader with the function is what the PLC does: a plain coil or ' +
      'output variable wired to the result alone, a function block input, or a function enabled through this one\'s ' +
      'ENO. Redraw the network so the result goes to a variable first, and read that variable.',
  },
  {
    code: 'LD1010',
    severity: 'warning',
    title: 'output of a function box other than its result',
    explanation:
      'A function or program box is drawn without an instance and one of its outputs other than the result (the first ' +
      'output that is not ENO) is wired on. The translation writes such a box as a call inside an expression, which ' +
      'gives the result only: a function\'s VAR_OUTPUT needs a call with `Out => variable`, a program\'s output is read ' +
      'as `Program.Out` after the call, and which of the two the box is is not known from the network. Wire the ' +
      'output to a variable in the original project, or convert the network by hand.',
  },
  {
    code: 'LD1011',
    severity: 'warning',
    title: 'function called once but read in several places',
    explanation:
      'The result of a function box that is not an IEC standard function is read by several elements (or through a ' +
      'contact or branch that several coils share). The drawing calls the function once a scan; writing its call where ' +
      'each reader is would call it once per reader, repeating whatever it changes or counts. Where the result is read ' +
      'as power (contacts, coils, EN) it is BOOL, and the translation calls the function once into a BOOL temporary; ' +
      'elsewhere its type is not known to the translation. Assign the result to a variable in the original project ' +
      'and read that variable.',
  },
];

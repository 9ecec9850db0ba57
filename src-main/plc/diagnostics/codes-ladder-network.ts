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
];

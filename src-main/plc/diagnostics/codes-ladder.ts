import type { CodeInfo } from './catalog.js';
import { NETWORK_LADDER_CODES } from './codes-ladder-network.js';

/** LD1xxx: ladder rungs and LD/FBD networks. */
export const LADDER_CODES: CodeInfo[] = [
  {
    code: 'LD2001',
    severity: 'error',
    title: 'RLL branch is not closed',
    explanation:
      'A branch opened with `[` in the rung text has no matching `]`. Studio 5000 never exports such a rung, so the file was edited by hand or truncated. The rung is not translated, because where the branch ends decides which instructions are in parallel. Add the missing `]` where the parallel legs join again.',
  },
  {
    code: 'LD2002',
    severity: 'error',
    title: 'RLL bracket or separator outside a branch',
    explanation:
      'A `]` or a leg separator `,` appears where no branch is open. Every `]` must close a `[` opened earlier in the same rung, and commas at rung level only separate the legs of a branch. Remove the stray character or add the `[` that was meant to open the branch.',
  },
  {
    code: 'LD2003',
    severity: 'error',
    title: 'RLL instruction operands are not closed',
    explanation:
      'An instruction\'s operand list opened with `(` has no matching `)` (brackets of array indices must balance inside it too). Everything up to the end of the rung would be read as operands, so the rung is not translated. Close the operand list.',
  },
  {
    code: 'LD2004',
    severity: 'error',
    title: 'Unknown RLL instruction',
    explanation:
      'The mnemonic is neither a Logix instruction this tool knows nor an Add-On Instruction defined in the project. It may come from a newer firmware, a misspelling, or an Add-On Instruction whose definition was not exported. The rung cannot be translated faithfully; export the Add-On Instruction definitions with the project or correct the mnemonic.',
  },
  {
    code: 'LD2005',
    severity: 'error',
    title: 'Wrong number of operands for an RLL instruction',
    explanation:
      'Logix instructions take a fixed number of operands (for example TON takes the timer, preset and accumulator; MOV takes source and destination). An Add-On Instruction takes its instance tag followed by one operand per required parameter. A different count means the rung text is damaged or belongs to another instruction set; the rung is not translated.',
  },
  {
    code: 'LD2006',
    severity: 'error',
    title: 'Unexpected text in an RLL rung',
    explanation:
      'Rung text is a sequence of instructions `MNEMONIC(operands)` and branches `[leg,leg]`, ending with `;`. Something else was found here, such as a mnemonic without an operand list or text after the terminating `;`. The rung is not translated.',
  },
  {
    code: 'LD2007',
    severity: 'warning',
    title: 'RLL rung has no terminating semicolon',
    explanation:
      'Rockwell rung text ends with `;`. The rung was read as if the semicolon were present, but a missing terminator often means the text was cut off, so check that the rung is complete.',
  },
  {
    code: 'LD2008',
    severity: 'error',
    title: 'RLL operand is not assigned',
    explanation:
      'The operand is empty or the placeholder `?`. Logix allows `?` only for the preset and accumulator shown on timer and counter instructions, whose values live in the TIMER or COUNTER tag. Anywhere else the rung does not verify in Studio 5000 and cannot be executed, so it is not translated. Assign a tag or a value.',
  },
  {
    code: 'LD2009',
    severity: 'warning',
    title: 'RLL instruction not translated to ST',
    explanation:
      'The instruction is valid Logix but has no equivalent in the translation yet (for example message, file or system instructions). The generated ST contains a comment in its place and passes the rung condition on unchanged, so the logic that depends on this instruction is missing from checks and simulation. Review this rung by hand.',
  },
  {
    code: 'LD2010',
    severity: 'warning',
    title: 'JSR parameters are not translated',
    explanation:
      'A JSR with input or return parameters passes values to the SBR and RET of the subroutine. The translation calls the routine as an action without passing them, so the subroutine sees its parameters unchanged. Check the subroutine or rewrite it to use program tags.',
  },
  {
    code: 'LD2011',
    severity: 'warning',
    title: 'LBL is not the first instruction of its rung',
    explanation:
      'A JMP continues execution at the rung whose first instruction is the matching LBL. Logix requires LBL to be the first instruction; here it is not, so the label is placed at the start of the rung in the translation, which may differ from what the programmer intended.',
  },
  {
    code: 'LD2012',
    severity: 'warning',
    title: 'RES operand type is unknown',
    explanation:
      'RES clears a TIMER, COUNTER or CONTROL structure, and which members it clears depends on that type. The operand\'s type was not found among the project tags, so it was treated as a TIMER (ACC, EN, TT and DN cleared). Declare the tag, or check the translated rung.',
  },
  // LD1xxx (PLCopen LD/FBD networks) live in codes-ladder-network.ts.
  ...NETWORK_LADDER_CODES,
];

import type { CodeInfo } from './catalog.js';

/** ST2xxx: names, types, calls and other checks a compiler makes after parsing. */
export const SEMANTIC_CODES: CodeInfo[] = [
  // ---------------------------------------------------------------------------------------- names
  {
    code: 'ST2001',
    severity: 'error',
    title: 'Undeclared identifier',
    explanation:
      'The name is not declared in the POU, in any POU it extends, in a global variable list, nor as a POU, type or enumeration value of the site. The controller would refuse to compile the project, so nothing would be downloaded. Usually it is a typo, a variable that was renamed in one place only, or a GVL or library that is not part of the site sources. Declare it, fix the spelling (names are case-insensitive), or add the missing file to `sources` in site.yaml.',
  },
  {
    code: 'ST2002',
    severity: 'error',
    title: 'Duplicate declaration',
    explanation:
      'Two declarations with the same name (names are case-insensitive) in one scope: two variables of a POU, two POUs or types of the site, two global variables, two enumeration values, two structure members or two labels. The PLC compiler rejects the project, and a reader cannot tell which one a use refers to. Rename or remove one; the related location shows the other declaration.',
  },
  {
    code: 'ST2003',
    severity: 'error',
    title: 'Unknown type',
    explanation:
      'The type named in a declaration is neither an elementary type, a standard or safety function block, nor a type, function block or interface declared in the site sources. It may come from a library that is not part of the site, or it is misspelled. Add the declaring file to the site sources or fix the name.',
  },
  {
    code: 'ST2004',
    severity: 'warning',
    title: 'Unused variable',
    explanation:
      'A local variable is declared but never referenced. It costs memory and, worse, often shows an unfinished edit: a timer that is declared but never called, or a flag that was meant to gate an output. Remove it, or use it where it was meant to be used. Inputs, outputs and global variables are not reported, since others use them.',
  },
  {
    code: 'ST2005',
    severity: 'error',
    title: 'VAR_EXTERNAL without a matching global',
    explanation:
      'A VAR_EXTERNAL declaration must name a global variable of the same name and the same type. Without one the compiler cannot link the POU to the global, and with a different type the POU would read the memory of the global as something else. Declare the global in a GVL or correct the name and type.',
  },
  {
    code: 'ST2006',
    severity: 'error',
    title: 'SCL #name is not a local',
    explanation:
      'In SCL, `#name` refers to a variable of the block itself (input, output, in-out, static, temp or constant). This one is not declared in the block. TIA Portal rejects it. Declare it in the block interface, or write `"name"` if a global tag or data block was meant.',
  },
  {
    code: 'ST2007',
    severity: 'error',
    title: 'SCL "Name" is not a global',
    explanation:
      'In SCL, `"Name"` refers to a global tag, a data block or a block (FB, FC). No such global exists in the site sources. Add the tag table or data block to the sources, or write `#name` if a local of the block was meant.',
  },
  {
    code: 'ST2008',
    severity: 'error',
    title: 'Unknown member',
    explanation:
      'The structure, function block, GVL or enumeration has no member of this name. Accessing it would not compile. Check the spelling and the declared type of the object: an FB instance exposes its inputs, outputs, methods, properties and actions; a structure its fields; an enumeration its values.',
  },
  {
    code: 'ST2009',
    severity: 'error',
    title: 'Enumeration value must be qualified',
    explanation:
      "The enumeration carries {attribute 'qualified_only'}, so its values must be written with the type name, `E_State.Idle` or `E_State#Idle`. Qualified names keep two enumerations with a value of the same name (Idle, Error) apart. Prefix the value with its type.",
  },
  // -------------------------------------------------------------------------------------- writes
  {
    code: 'ST2010',
    severity: 'warning',
    title: 'Assignment to an input of the POU itself',
    explanation:
      'A POU writes one of its own VAR_INPUT variables. CODESYS and TwinCAT allow it, but the caller sets inputs on every call, so the value written is overwritten at the next call and the code reads as if it controlled something it does not. Copy the input to a local variable and work on that.',
  },
  {
    code: 'ST2011',
    severity: 'warning',
    title: 'Input of an FB instance written from outside',
    explanation:
      'The code writes `fb.Input := value` outside of a call. CODESYS and TwinCAT accept it and the value stays until it is written again, but the instance call then no longer shows all of its inputs, which makes the logic hard to review, and a later call with that input connected silently overrides the write. Pass the value as an argument of the call: `fb(Input := value)`.',
  },
  {
    code: 'ST2012',
    severity: 'error',
    title: 'Assignment to a constant',
    explanation:
      'The target is declared in a VAR CONSTANT block (or VAR_GLOBAL CONSTANT). Constants cannot be written; the compiler rejects it. If the value must change at run time, declare it in an ordinary VAR block (possibly RETAIN or PERSISTENT).',
  },
  {
    code: 'ST2013',
    severity: 'error',
    title: 'Assignment to a FOR loop variable inside its loop',
    explanation:
      'IEC 61131-3 forbids changing the control variable of a FOR loop in its body. Depending on the controller the loop then runs a different number of times, or never ends, which trips the watchdog and stops the PLC. Use a WHILE loop if the iteration must be steered, or EXIT to leave early.',
  },
  {
    code: 'ST2014',
    severity: 'error',
    title: 'Assignment to a located input',
    explanation:
      'The target is located at an input address (%I). The process image of the inputs is rewritten from the field at the start of every cycle, so a write is lost or, on some controllers, rejected; forcing an input from code hides the real state of the sensor. Write to an internal variable or to an output (%Q) instead.',
  },
  {
    code: 'ST2015',
    severity: 'error',
    title: 'Not assignable',
    explanation:
      'The left side of the assignment is not a variable: a literal, a call result, an enumeration value, a POU name or a property without a SET accessor. Only variables, structure members, array elements, dereferenced pointers and properties with a setter can be written.',
  },
  // --------------------------------------------------------------------------------------- types
  {
    code: 'ST2020',
    severity: 'error',
    title: 'Type mismatch in assignment',
    explanation:
      'The value cannot be converted implicitly to the type of the target. IEC 61131-3 (3rd edition) only converts implicitly where no information is lost: SINT to INT to DINT to LINT, unsigned to wider unsigned or signed, integers to REAL/LREAL as the standard table allows, REAL to LREAL, BYTE to WORD to DWORD to LWORD, TIME to LTIME and the like. Narrowing (DINT to INT, REAL to INT), changes of kind (INT to BOOL, TIME to DINT) and unrelated user types are errors: the value could be cut, wrap around or be read as something it is not. Use an explicit conversion such as DINT_TO_INT and make sure the value fits.',
  },
  {
    code: 'ST2021',
    severity: 'warning',
    title: 'Implicit conversion accepted by this dialect',
    explanation:
      'CODESYS, TwinCAT and TIA Portal (without its IEC check) convert between integer and bit-string types of any width and sign, from REAL to integers and from integers to enumerations implicitly, and only warn. The value may be truncated or change sign on the machine (a DINT of 40000 becomes -25536 in an INT). The strict IEC dialect reports the same as error ST2020. Write the conversion explicitly (DINT_TO_INT, TO_BYTE) and make sure the value fits.',
  },
  {
    code: 'ST2022',
    severity: 'error',
    title: 'Operand types do not match the operator',
    explanation:
      'The operator is not defined for these operand types: arithmetic on BOOL, TIME + INT, AND on REAL, comparing a STRING with a number, a negative of a BOOL. IEC 61131-3 defines arithmetic for numbers, durations with durations (and times of day or dates with durations), logic for BOOL and bit strings. Convert one operand explicitly (for example DINT_TO_TIME) or fix the variable used.',
  },
  {
    code: 'ST2023',
    severity: 'error',
    title: 'Literal out of range',
    explanation:
      'The constant does not fit the type it is assigned or compared to, for example 300 to a SINT (-128..127) or -1 to a UINT. The controller would reject it or store a wrapped value. Use a wider type or a value in range.',
  },
  {
    code: 'ST2024',
    severity: 'error',
    title: 'Condition is not BOOL',
    explanation:
      'IF, ELSIF, WHILE and UNTIL conditions must be BOOL. An integer is not taken as true when non-zero, as in C: write the comparison out (`x <> 0`).',
  },
  {
    code: 'ST2025',
    severity: 'warning',
    title: 'String literal longer than the string variable',
    explanation:
      'The literal has more characters than the declared STRING[n] (or WSTRING[n]) can hold; the controller stores only the first n characters, so a message or recipe name is cut off silently. Declare a longer string or shorten the text.',
  },
  {
    code: 'ST2026',
    severity: 'error',
    title: 'Constant out of subrange',
    explanation:
      'The constant lies outside the subrange declared for the target (for example 120 to `INT(0..100)`). Subranges state the physically valid values of a quantity; a value outside is rejected by the compiler and at run time would be a range fault. Use a value inside the range or widen the subrange.',
  },
  // --------------------------------------------------------------------------------------- calls
  {
    code: 'ST2030',
    severity: 'error',
    title: 'Not callable',
    explanation:
      'Only functions, function block instances, programs, methods and actions can be called. The name here is a variable of an elementary or structured type, a type, or something unknown. Check that the instance is declared with its FB type, or that the function exists in the site sources.',
  },
  {
    code: 'ST2031',
    severity: 'error',
    title: 'Unknown parameter',
    explanation:
      'The call names a formal parameter that the function, function block or method does not declare as VAR_INPUT, VAR_OUTPUT or VAR_IN_OUT. The compiler rejects the call. Check the spelling against the declaration (shown as related information) and the vendor variant of standard blocks: CODESYS names the RS inputs SET and RESET1, IEC 61131-3 names them S and R1.',
  },
  {
    code: 'ST2032',
    severity: 'error',
    title: 'Wrong parameter direction',
    explanation:
      "Inputs and in-outs are connected with `:=`, outputs with `=>`. `Q := x` would try to write an output of the callee and `IN => x` to read an input, neither of which the compiler accepts. Swap the operator.",
  },
  {
    code: 'ST2033',
    severity: 'warning',
    title: 'Input not connected',
    explanation:
      'The call connects some inputs but not this one, and the input has no initial value. A function block keeps the last value written to an input, so the call works with whatever the previous call (or an earlier `fb.Input :=`) left there, which is rarely intended and easy to miss in review: a timer without PT times nothing. Connect the input, or give it a default value in the declaration.',
  },
  {
    code: 'ST2034',
    severity: 'error',
    title: 'Wrong number of arguments',
    explanation:
      'A function call gives more or fewer positional arguments than the function has inputs, or mixes positional and named arguments. Function blocks and methods take named arguments only (`fb(IN := x)`); functions take either all positional arguments in declaration order, or named ones.',
  },
  {
    code: 'ST2035',
    severity: 'error',
    title: 'VAR_IN_OUT not connected',
    explanation:
      'A VAR_IN_OUT parameter is passed by reference: the callee reads and writes the caller\'s variable directly. It has no value of its own, so it must be connected on every call, to a variable (not an expression or a literal). Connect it.',
  },
  {
    code: 'ST2036',
    severity: 'error',
    title: 'Argument must be a variable',
    explanation:
      'VAR_IN_OUT parameters and output connections (`Q => x`) need a variable that can be written, not an expression, a literal or a constant.',
  },
  // ---------------------------------------------------------------------------------------- flow
  {
    code: 'ST2040',
    severity: 'warning',
    title: 'Unreachable code',
    explanation:
      'The statement follows a RETURN, EXIT, CONTINUE or JMP in the same statement list, so it never runs. This usually comes from debugging (an early RETURN left in) or a misplaced EXIT, and it may hide logic that was meant to protect the machine. Remove the dead code or the early exit.',
  },
  {
    code: 'ST2041',
    severity: 'error',
    title: 'EXIT or CONTINUE outside a loop',
    explanation: 'EXIT and CONTINUE only make sense inside FOR, WHILE or REPEAT. To leave a POU early use RETURN.',
  },
  {
    code: 'ST2042',
    severity: 'error',
    title: 'Jump to an unknown label',
    explanation: 'JMP names a label that is not defined in the same POU body. Define the label (`Name:` before a statement) or fix its name.',
  },
  {
    code: 'ST2043',
    severity: 'error',
    title: 'Duplicate or overlapping CASE label',
    explanation:
      'The value is already covered by another label of the same CASE (also through a range `10..20` or an enumeration value with the same number). Only the first matching branch runs, so the second is dead code and the intended behaviour for that state is never executed. Remove the duplicate or correct the state number.',
  },
  {
    code: 'ST2044',
    severity: 'error',
    title: 'CASE label does not match the selector',
    explanation:
      'CASE selectors must be integers, bit strings or enumerations, and every label a constant of that type: an enumeration value of another enumeration, a REAL, or a value out of the range of the selector type never matches.',
  },
  {
    code: 'ST2045',
    severity: 'error',
    title: 'Invalid FOR loop',
    explanation:
      'The control variable of a FOR loop must be a local variable of an integer type (SINT..ULINT), and the start, end and step values must have a type convertible to it. A step of 0 would loop forever.',
  },
  // -------------------------------------------------------------------------------------- arrays
  {
    code: 'ST2050',
    severity: 'error',
    title: 'Array index out of bounds',
    explanation:
      'A constant index lies outside the declared bounds of the array. On the machine this reads or writes memory of another variable, or stops the PLC with an access violation. Use an index inside the bounds shown in the message, or enlarge the array.',
  },
  {
    code: 'ST2051',
    severity: 'error',
    title: 'Wrong number of array indices',
    explanation: 'A multi-dimensional array needs one index per dimension, `a[i, j]`; an array of arrays takes `a[i][j]`. The number of indices differs from the declaration.',
  },
  {
    code: 'ST2052',
    severity: 'error',
    title: 'Not an array',
    explanation: 'Only arrays (and, in CODESYS, pointers and strings in some contexts) can be indexed with `[ ]`. Check the declared type of the variable.',
  },
  {
    code: 'ST2053',
    severity: 'error',
    title: 'Constant expression expected',
    explanation:
      'Array bounds, string lengths, subrange limits and CASE labels must be known when the program is compiled: literals, constants (VAR CONSTANT, VAR_GLOBAL CONSTANT), enumeration values and arithmetic on them. A variable cannot be used there.',
  },
  {
    code: 'ST2054',
    severity: 'error',
    title: 'Invalid dereference, THIS or SUPER',
    explanation:
      '`^` dereferences only a pointer or reference (REF_TO, POINTER TO); THIS is only available inside a function block and its methods; SUPER only in a function block that EXTENDS another one.',
  },
];

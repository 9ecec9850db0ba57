/**
 * The Structured Text syntax tree shared by the checker, the codemod API, the simulator and the safety rules.
 * Every node carries `start`/`end` offsets into its file's text (end exclusive, leading trivia excluded), so
 * an edit can replace exactly the bytes of a node and leave every other byte of the file as it was.
 * Names keep the spelling of the source; IEC identifiers are case-insensitive, so compare with `key()`.
 */

export interface NodeBase {
  start: number;
  end: number;
}

/** How a name was written: plain, SCL `"Global"` quoting, or SCL `#local`. */
export type Quoting = 'plain' | 'quoted' | 'hash';

export interface Identifier extends NodeBase {
  kind: 'Identifier';
  name: string;
  quoting: Quoting;
}

/** `{attribute 'name' := 'value'}`, `{S7_Optimized_Access := 'TRUE'}`, or any other brace pragma. */
export interface Pragma extends NodeBase {
  kind: 'Pragma';
  text: string;
  /** Name and value where the pragma is an attribute or an SCL key := value pair, else null. */
  attribute: { name: string; value: string | null } | null;
}

export interface QualifiedName extends NodeBase {
  kind: 'QualifiedName';
  parts: Identifier[];
}

// ---------------------------------------------------------------------------------------------- types

export interface NamedType extends NodeBase {
  kind: 'NamedType';
  name: QualifiedName;
}
export interface StringType extends NodeBase {
  kind: 'StringType';
  wide: boolean;
  /** STRING[80] or STRING(80); null for the default length. */
  length: Expression | null;
}
export interface ArrayRange extends NodeBase {
  kind: 'ArrayRange';
  lo: Expression;
  hi: Expression;
}
export interface ArrayType extends NodeBase {
  kind: 'ArrayType';
  /** Empty for `ARRAY[*]` (variable length, VAR_IN_OUT only). */
  ranges: ArrayRange[];
  variableLength: boolean;
  element: TypeSpec;
}
export interface RefType extends NodeBase {
  kind: 'RefType';
  refKind: 'REF_TO' | 'REFERENCE_TO' | 'POINTER_TO';
  target: TypeSpec;
}
export interface SubrangeType extends NodeBase {
  kind: 'SubrangeType';
  base: NamedType;
  lo: Expression;
  hi: Expression;
}
export interface EnumMember extends NodeBase {
  kind: 'EnumMember';
  name: Identifier;
  value: Expression | null;
}
export interface EnumType extends NodeBase {
  kind: 'EnumType';
  members: EnumMember[];
  /** `(A, B) INT` or `INT (A, B)`: the explicit base type, if any. */
  base: NamedType | null;
}
export interface StructType extends NodeBase {
  kind: 'StructType';
  extends: QualifiedName | null;
  members: VarDecl[];
}

export type TypeSpec = NamedType | StringType | ArrayType | RefType | SubrangeType | EnumType | StructType;

// ---------------------------------------------------------------------------------------- declarations

export type VarSection =
  | 'VAR'
  | 'VAR_INPUT'
  | 'VAR_OUTPUT'
  | 'VAR_IN_OUT'
  | 'VAR_TEMP'
  | 'VAR_GLOBAL'
  | 'VAR_EXTERNAL'
  | 'VAR_STAT'
  | 'VAR_INST'
  | 'VAR_CONFIG'
  | 'VAR_ACCESS';
export type VarQualifier = 'CONSTANT' | 'RETAIN' | 'NON_RETAIN' | 'PERSISTENT';

export interface ArrayInitItem extends NodeBase {
  kind: 'ArrayInitItem';
  /** `3(0)` repeats a value; null for a single item. */
  repeat: Expression | null;
  value: Initializer | null;
}
export interface ArrayInit extends NodeBase {
  kind: 'ArrayInit';
  items: ArrayInitItem[];
}
export interface StructInitField extends NodeBase {
  kind: 'StructInitField';
  name: Identifier;
  value: Initializer;
}
export interface StructInit extends NodeBase {
  kind: 'StructInit';
  fields: StructInitField[];
}
export type Initializer = Expression | ArrayInit | StructInit;

export interface Location extends NodeBase {
  kind: 'Location';
  /** `%IX0.0`, `%QW4`, `%MD10`, or `%I*` (address assigned by configuration). */
  address: string;
}

export interface VarDecl extends NodeBase {
  kind: 'VarDecl';
  names: Identifier[];
  location: Location | null;
  type: TypeSpec;
  init: Initializer | null;
  /** Pragmas before the declaration and SCL attribute braces after the names. */
  pragmas: Pragma[];
}

export interface VarBlock extends NodeBase {
  kind: 'VarBlock';
  section: VarSection;
  qualifiers: VarQualifier[];
  decls: VarDecl[];
  /** VAR_CONFIG entries: `Program.inst.var AT %QX1.0 : BOOL;`. */
  configEntries: ConfigVar[];
}

export interface ConfigVar extends NodeBase {
  kind: 'ConfigVar';
  path: Expression;
  location: Location | null;
  type: TypeSpec | null;
  init: Initializer | null;
}

export type PouKind = 'PROGRAM' | 'FUNCTION_BLOCK' | 'FUNCTION' | 'METHOD' | 'ORGANIZATION_BLOCK';

export interface Pou extends NodeBase {
  kind: 'Pou';
  pouKind: PouKind;
  name: Identifier;
  /** ABSTRACT, FINAL, PUBLIC, PRIVATE, PROTECTED, INTERNAL, as written (upper case). */
  modifiers: string[];
  returnType: TypeSpec | null;
  extends: QualifiedName | null;
  implements: QualifiedName[];
  pragmas: Pragma[];
  varBlocks: VarBlock[];
  body: Statement[];
  /** Where the statement part begins (after the declarations; after BEGIN in SCL). -1 when there is none. */
  bodyStart: number;
  methods: Pou[];
  properties: Property[];
  actions: Action[];
  /** SCL `VERSION : 0.1`. */
  version: string | null;
}

export interface PropertyAccessor extends NodeBase {
  kind: 'PropertyAccessor';
  accessor: 'GET' | 'SET';
  modifiers: string[];
  varBlocks: VarBlock[];
  body: Statement[];
}

export interface Property extends NodeBase {
  kind: 'Property';
  name: Identifier;
  modifiers: string[];
  type: TypeSpec;
  pragmas: Pragma[];
  getter: PropertyAccessor | null;
  setter: PropertyAccessor | null;
}

export interface Action extends NodeBase {
  kind: 'Action';
  name: Identifier;
  /** Set for a top-level `ACTION Pou.Name:`; null for an action nested in its POU. */
  owner: Identifier | null;
  body: Statement[];
}

export interface Interface extends NodeBase {
  kind: 'Interface';
  name: Identifier;
  extends: QualifiedName[];
  pragmas: Pragma[];
  methods: Pou[];
  properties: Property[];
}

export interface TypeItem extends NodeBase {
  kind: 'TypeItem';
  name: Identifier;
  pragmas: Pragma[];
  type: TypeSpec;
  init: Initializer | null;
}

export interface TypeDecl extends NodeBase {
  kind: 'TypeDecl';
  items: TypeItem[];
}

/** A top-level VAR_GLOBAL block (a GVL). `name` comes from the container (TcGVL, file) where known. */
export interface GlobalVars extends NodeBase {
  kind: 'GlobalVars';
  name: Identifier | null;
  pragmas: Pragma[];
  block: VarBlock;
}

export interface TaskDecl extends NodeBase {
  kind: 'Task';
  name: Identifier;
  params: { name: Identifier; value: Expression }[];
}

export interface ProgramConfig extends NodeBase {
  kind: 'ProgramConfig';
  name: Identifier;
  task: Identifier | null;
  type: Identifier;
  args: CallArg[];
}

export interface Resource extends NodeBase {
  kind: 'Resource';
  name: Identifier;
  on: Identifier | null;
  varBlocks: VarBlock[];
  tasks: TaskDecl[];
  programs: ProgramConfig[];
}

export interface Configuration extends NodeBase {
  kind: 'Configuration';
  name: Identifier;
  varBlocks: VarBlock[];
  resources: Resource[];
  /** Tasks and programs written directly in the configuration (single-resource form). */
  tasks: TaskDecl[];
  programs: ProgramConfig[];
}

/** SCL `DATA_BLOCK "Name" ... BEGIN ... END_DATA_BLOCK`. */
export interface DataBlock extends NodeBase {
  kind: 'DataBlock';
  name: Identifier;
  pragmas: Pragma[];
  version: string | null;
  /** An instance data block names its FB type. */
  instanceOf: QualifiedName | null;
  varBlocks: VarBlock[];
  /** The `BEGIN` part: initial value assignments. */
  body: Statement[];
}

export type Declaration = Pou | TypeDecl | GlobalVars | Configuration | Interface | DataBlock | Action;

export interface CompilationUnit extends NodeBase {
  kind: 'CompilationUnit';
  file: string;
  declarations: Declaration[];
}

// ------------------------------------------------------------------------------------------ statements

export type AssignOp = ':=' | 'S=' | 'R=' | 'REF=' | '?=';

export interface Assign extends NodeBase {
  kind: 'Assign';
  target: Expression;
  op: AssignOp;
  value: Expression;
}
export interface CallStmt extends NodeBase {
  kind: 'CallStmt';
  call: Call;
}
export interface IfBranch extends NodeBase {
  kind: 'IfBranch';
  cond: Expression;
  body: Statement[];
}
export interface If extends NodeBase {
  kind: 'If';
  branches: IfBranch[];
  elseBody: Statement[] | null;
}
export interface CaseRange extends NodeBase {
  kind: 'CaseRange';
  lo: Expression;
  hi: Expression;
}
export type CaseLabel = Expression | CaseRange;
export interface CaseBranch extends NodeBase {
  kind: 'CaseBranch';
  labels: CaseLabel[];
  body: Statement[];
}
export interface Case extends NodeBase {
  kind: 'Case';
  selector: Expression;
  branches: CaseBranch[];
  elseBody: Statement[] | null;
}
export interface For extends NodeBase {
  kind: 'For';
  variable: Expression;
  from: Expression;
  to: Expression;
  by: Expression | null;
  body: Statement[];
}
export interface While extends NodeBase {
  kind: 'While';
  cond: Expression;
  body: Statement[];
}
export interface Repeat extends NodeBase {
  kind: 'Repeat';
  body: Statement[];
  until: Expression;
}
export interface Exit extends NodeBase {
  kind: 'Exit';
}
export interface Continue extends NodeBase {
  kind: 'Continue';
}
export interface Return extends NodeBase {
  kind: 'Return';
}
export interface Jmp extends NodeBase {
  kind: 'Jmp';
  label: Identifier;
}
export interface Label extends NodeBase {
  kind: 'Label';
  label: Identifier;
}
export interface Empty extends NodeBase {
  kind: 'Empty';
}
/** SCL `REGION name ... END_REGION`: a fold marker with statements inside. */
export interface Region extends NodeBase {
  kind: 'Region';
  name: string;
  body: Statement[];
}
/** Beremiz/matiec `{{ raw C }}`: kept verbatim, never interpreted. */
export interface RawC extends NodeBase {
  kind: 'RawC';
  text: string;
}
/** What the parser kept of a statement it could not read; a diagnostic says why. */
export interface ErrorStmt extends NodeBase {
  kind: 'ErrorStmt';
}

export type Statement =
  | Assign
  | CallStmt
  | If
  | Case
  | For
  | While
  | Repeat
  | Exit
  | Continue
  | Return
  | Jmp
  | Label
  | Empty
  | Region
  | RawC
  | ErrorStmt;

// ----------------------------------------------------------------------------------------- expressions

export type BinaryOp =
  | 'OR'
  | 'OR_ELSE'
  | 'XOR'
  | 'AND'
  | 'AND_THEN'
  | '='
  | '<>'
  | '<'
  | '>'
  | '<='
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | 'MOD'
  | '**';

export interface Binary extends NodeBase {
  kind: 'Binary';
  op: BinaryOp;
  left: Expression;
  right: Expression;
}
export interface Unary extends NodeBase {
  kind: 'Unary';
  op: 'NOT' | '-' | '+';
  operand: Expression;
}
export interface Paren extends NodeBase {
  kind: 'Paren';
  expr: Expression;
}
export interface Name extends NodeBase {
  kind: 'Name';
  id: Identifier;
}
export interface Member extends NodeBase {
  kind: 'Member';
  object: Expression;
  member: Identifier;
}
/** `x.3` or `x.%X3`: one bit of an integer or bit string. */
export interface BitAccess extends NodeBase {
  kind: 'BitAccess';
  object: Expression;
  bit: number;
}
export interface Index extends NodeBase {
  kind: 'Index';
  object: Expression;
  indices: Expression[];
}
export interface Deref extends NodeBase {
  kind: 'Deref';
  object: Expression;
}
export interface CallArg extends NodeBase {
  kind: 'CallArg';
  /** Formal parameter name; null for a positional argument. */
  name: Identifier | null;
  /** `:=` input, `=>` output, null for positional. */
  assign: ':=' | '=>' | null;
  /** `NOT Q => x` (output negation). */
  negated: boolean;
  /** Null for an output left unconnected (`Q =>`). */
  value: Expression | null;
}
export interface Call extends NodeBase {
  kind: 'Call';
  callee: Expression;
  args: CallArg[];
}

export type LiteralKind = 'int' | 'real' | 'bool' | 'string' | 'wstring' | 'time' | 'ltime' | 'date' | 'tod' | 'dt' | 'ldate' | 'ltod' | 'ldt';

export interface Literal extends NodeBase {
  kind: 'Literal';
  litKind: LiteralKind;
  /** The literal as written, prefix included. */
  text: string;
  /** `INT#5` -> 'INT'; null when untyped. Time/date prefixes are not type prefixes. */
  typePrefix: string | null;
  /**
   * Decoded value: integers as number (bigint beyond 2^53), reals as number, booleans, strings with `$`
   * escapes resolved, durations in nanoseconds (bigint), dates/times of day in nanoseconds since their epoch
   * (bigint). Null when the literal is malformed (a diagnostic says so).
   */
  value: number | bigint | boolean | string | null;
}
/** `E_State#Idle`: an enum value qualified by its type. */
export interface EnumValue extends NodeBase {
  kind: 'EnumValue';
  type: Identifier;
  value: Identifier;
}
export interface DirectAddress extends NodeBase {
  kind: 'DirectAddress';
  address: string;
}
export interface This extends NodeBase {
  kind: 'This';
}
export interface Super extends NodeBase {
  kind: 'Super';
}
export interface ErrorExpr extends NodeBase {
  kind: 'ErrorExpr';
}

export type Expression =
  | Binary
  | Unary
  | Paren
  | Name
  | Member
  | BitAccess
  | Index
  | Deref
  | Call
  | Literal
  | EnumValue
  | DirectAddress
  | This
  | Super
  | ErrorExpr;

export type AnyNode =
  | CompilationUnit
  | Declaration
  | TypeItem
  | VarBlock
  | VarDecl
  | ConfigVar
  | Location
  | Property
  | PropertyAccessor
  | Resource
  | TaskDecl
  | ProgramConfig
  | TypeSpec
  | ArrayRange
  | EnumMember
  | ArrayInit
  | ArrayInitItem
  | StructInit
  | StructInitField
  | Statement
  | IfBranch
  | CaseBranch
  | CaseRange
  | Expression
  | CallArg
  | Identifier
  | QualifiedName
  | Pragma;

/** IEC names are case-insensitive: the key a name is looked up by. */
export function key(name: string): string {
  return name.toUpperCase();
}

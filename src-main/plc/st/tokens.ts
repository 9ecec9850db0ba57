/** Token kinds as small integers: the lexer and parser compare them millions of times per second. */
export enum T {
  EOF,
  Ident,
  /** SCL `"Name"` (in the SCL dialect double quotes name a global, they are not WSTRING literals). */
  QuotedIdent,
  /** SCL `#local`. */
  HashIdent,
  Int,
  Real,
  /** `T#1s`, `INT#16#FF`, `E_State#Idle`, `TOD#12:00`, `STRING#'x'`: a prefix, `#`, and the value. */
  Typed,
  String,
  WString,
  /** `%IX0.0`, `%QW4`, `%I*`. */
  Address,
  /** `{attribute 'x'}`, `{ S7_Optimized_Access := 'TRUE' }`. */
  Pragma,
  /** Beremiz/matiec `{{ raw C }}`. */
  RawC,
  Assign, // :=
  Arrow, // =>
  Ne, // <>
  Le, // <=
  Ge, // >=
  Pow, // **
  Plus,
  Minus,
  Star,
  Slash,
  Eq,
  Lt,
  Gt,
  Amp,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Semi,
  Colon,
  Dot,
  DotDot,
  Caret,
  Question,
  Hash,
  /** A character no ST token starts with; the lexer reported it. */
  Error,
}

export interface Token {
  kind: T;
  /** Offset where the leading trivia (spaces, comments) of this token begins. */
  triviaStart: number;
  start: number;
  end: number;
  /** For identifiers: the upper-case spelling, the key keywords and names are compared by. */
  upper: string;
  /** A line break occurs in the trivia before this token. */
  newlineBefore: boolean;
}

export const TOKEN_NAMES: Record<number, string> = {
  [T.EOF]: 'end of file',
  [T.Ident]: 'identifier',
  [T.QuotedIdent]: 'quoted name',
  [T.HashIdent]: '#local name',
  [T.Int]: 'integer',
  [T.Real]: 'real number',
  [T.Typed]: 'typed literal',
  [T.String]: 'string',
  [T.WString]: 'wide string',
  [T.Address]: 'direct address',
  [T.Pragma]: 'pragma',
  [T.RawC]: 'raw C block',
  [T.Assign]: "':='",
  [T.Arrow]: "'=>'",
  [T.Ne]: "'<>'",
  [T.Le]: "'<='",
  [T.Ge]: "'>='",
  [T.Pow]: "'**'",
  [T.Plus]: "'+'",
  [T.Minus]: "'-'",
  [T.Star]: "'*'",
  [T.Slash]: "'/'",
  [T.Eq]: "'='",
  [T.Lt]: "'<'",
  [T.Gt]: "'>'",
  [T.Amp]: "'&'",
  [T.LParen]: "'('",
  [T.RParen]: "')'",
  [T.LBracket]: "'['",
  [T.RBracket]: "']'",
  [T.Comma]: "','",
  [T.Semi]: "';'",
  [T.Colon]: "':'",
  [T.Dot]: "'.'",
  [T.DotDot]: "'..'",
  [T.Caret]: "'^'",
  [T.Question]: "'?'",
  [T.Hash]: "'#'",
  [T.Error]: 'invalid character',
};

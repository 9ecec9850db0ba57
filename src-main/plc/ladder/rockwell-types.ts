/**
 * Logix built-in structures and the function blocks that the RLL translation calls, as ST declarations. The
 * L5X/L5K readers emit this unit ahead of the project so the checker knows the types; the simulator supplies
 * the RA_* bodies natively (the declarations here only fix their interface and document the semantics).
 *
 * Why function blocks with the TIMER/COUNTER as VAR_IN_OUT: in Logix all state of a timer or counter lives in
 * its tag (other code reads T.DN, T.ACC and writes T.PRE), so the blocks keep no state of their own and an
 * instance may be a temporary. Logix keeps the time stamp of a timer's last update in hidden bits of the TIMER
 * tag; the simulator keeps it per TIMER variable for the same effect.
 */
export const ROCKWELL_TYPES_FILE = '<rockwell-builtins>';

export const ROCKWELL_TYPES_ST = `TYPE
  (* Logix TIMER: PRE and ACC in milliseconds. *)
  TIMER : STRUCT
    PRE : DINT;
    ACC : DINT;
    EN : BOOL;
    TT : BOOL;
    DN : BOOL;
  END_STRUCT;
  COUNTER : STRUCT
    PRE : DINT;
    ACC : DINT;
    CU : BOOL;
    CD : BOOL;
    DN : BOOL;
    OV : BOOL;
    UN : BOOL;
  END_STRUCT;
  (* Logix CONTROL, used by file and shift instructions and cleared by RES. *)
  CONTROL : STRUCT
    LEN : DINT;
    POS : DINT;
    EN : BOOL;
    EU : BOOL;
    DN : BOOL;
    EM : BOOL;
    ER : BOOL;
    UL : BOOL;
    IN : BOOL;
    FD : BOOL;
  END_STRUCT;
END_TYPE

(* TON, timer on delay. Time base 1 ms. EnableIn TRUE: EN := TRUE; while ACC < PRE, ACC increases by the
   milliseconds elapsed since the previous scan and TT := TRUE; when ACC >= PRE, ACC stops at PRE, DN := TRUE
   and TT := FALSE. EnableIn FALSE: ACC := 0, EN := TT := DN := FALSE. *)
FUNCTION_BLOCK RA_TON
VAR_INPUT
  EnableIn : BOOL;
END_VAR
VAR_IN_OUT
  Timer : TIMER;
END_VAR
END_FUNCTION_BLOCK

(* TOF, timer off delay. EnableIn TRUE: ACC := 0, EN := TRUE, DN := TRUE, TT := FALSE. EnableIn FALSE after
   being TRUE: EN := FALSE, TT := TRUE and ACC increases by elapsed milliseconds until ACC >= PRE; then ACC stops
   at PRE, DN := FALSE and TT := FALSE. *)
FUNCTION_BLOCK RA_TOF
VAR_INPUT
  EnableIn : BOOL;
END_VAR
VAR_IN_OUT
  Timer : TIMER;
END_VAR
END_FUNCTION_BLOCK

(* RTO, retentive timer on. Like TON while EnableIn is TRUE, but EnableIn FALSE keeps ACC and DN (EN and TT
   become FALSE); only RES clears ACC and DN. *)
FUNCTION_BLOCK RA_RTO
VAR_INPUT
  EnableIn : BOOL;
END_VAR
VAR_IN_OUT
  Timer : TIMER;
END_VAR
END_FUNCTION_BLOCK

(* CTU, count up. On a FALSE to TRUE transition of EnableIn (CU holds the previous EnableIn) ACC := ACC + 1;
   CU := EnableIn; DN := ACC >= PRE; OV := TRUE when ACC wraps from 2147483647 to -2147483648 (UN := FALSE then). *)
FUNCTION_BLOCK RA_CTU
VAR_INPUT
  EnableIn : BOOL;
END_VAR
VAR_IN_OUT
  Counter : COUNTER;
END_VAR
END_FUNCTION_BLOCK

(* CTD, count down. On a FALSE to TRUE transition of EnableIn (CD holds the previous EnableIn) ACC := ACC - 1;
   CD := EnableIn; DN := ACC >= PRE; UN := TRUE when ACC wraps below -2147483648. *)
FUNCTION_BLOCK RA_CTD
VAR_INPUT
  EnableIn : BOOL;
END_VAR
VAR_IN_OUT
  Counter : COUNTER;
END_VAR
END_FUNCTION_BLOCK
`;

/** Names declared above (upper case), so the readers do not declare a user type of the same name twice. */
export const ROCKWELL_BUILTIN_TYPES: ReadonlySet<string> = new Set(['TIMER', 'COUNTER', 'CONTROL']);

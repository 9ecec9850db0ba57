/** SF_MutingSeq as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_MutingSeq
VAR_INPUT Activate : BOOL; S_AOPD_In : SAFEBOOL; MutingSwitch11 : BOOL; MutingSwitch12 : BOOL;
  MutingSwitch21 : BOOL; MutingSwitch22 : BOOL; S_MutingLamp : SAFEBOOL; DiscTimeEntry : TIME;
  MaxMutingTime : TIME; MutingEnable : BOOL; S_StartReset : SAFEBOOL; Reset : BOOL; END_VAR
VAR_OUTPUT Ready : BOOL; S_AOPD_Out : SAFEBOOL; S_MutingActive : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;

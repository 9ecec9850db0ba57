/** SF_Equivalent as the checker parses it (pin names, types and order as PLCopen TC5 Safety Part 1 v2.01 lists them). */
export const DECLARATION = `FUNCTION_BLOCK SF_Equivalent
VAR_INPUT Activate : BOOL; S_ChannelA : SAFEBOOL; S_ChannelB : SAFEBOOL; DiscrepancyTime : TIME; END_VAR
VAR_OUTPUT Ready : BOOL; S_EquivalentOut : SAFEBOOL; Error : BOOL; DiagCode : WORD; END_VAR
END_FUNCTION_BLOCK
`;

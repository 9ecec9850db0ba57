import { SAFETY_RULE_INFOS } from '../safety/rules/index.js';
import type { RuleInfo } from '../evidence/report.js';

/** Rules of the simulation and formal stages, with why they matter and the clause they come from. */
const STAGE_RULES: RuleInfo[] = [
  {
    id: 'SIM-ESTOP',
    title: 'E-stop demand does not stop every hazardous output in time',
    rationale: 'An emergency stop must remove power from hazardous motion within the reaction time the risk assessment assumed; every millisecond beyond it extends the stopping distance.',
    reference: 'IEC 60204-1:2016 10.7 and 9.2.2 (stop category); ISO 13850:2015 4.1.4; site.yaml reaction_ms',
  },
  {
    id: 'SIM-RESTART',
    title: 'Machine restarts after an e-stop without a manual reset',
    rationale: 'Clearing an e-stop must not restart the machine by itself: a separate, deliberate reset action is required so nobody is surprised by motion.',
    reference: 'IEC 60204-1:2016 9.2.5.4.2; ISO 13849-1:2023 5.2.2 (manual reset); ISO 13850:2015 4.1.5',
  },
  {
    id: 'SIM-GUARD',
    title: 'Hazardous output active with the guard open',
    rationale: 'An interlocking guard must prevent hazardous functions while it is open; otherwise it protects nobody.',
    reference: 'ISO 14119:2013 5.1; ISO 13849-1:2023 5.2.1',
  },
  {
    id: 'SIM-SCENARIO',
    title: "A site scenario's expectation fails",
    rationale: "The site's scenarios record behaviour the plant relies on; a change that breaks one changes what operators and maintenance expect of the machine.",
    reference: 'site tests/*.yaml',
  },
  {
    id: 'SIM-FAULT',
    title: 'The program faults on the soft-PLC',
    rationale: 'An index out of bounds, a division by zero or an endless loop stops a real PLC (and the machine) the same way.',
    reference: 'IEC 61131-3:2013 2.6 (error handling)',
  },
  {
    id: 'SIM-DIFF',
    title: 'Behaviour differs from the version before the change',
    rationale: 'A migration is meant to preserve behaviour except where the recipe says otherwise; an unexpected difference, above all on a hazardous output, must be explained before deployment.',
    reference: 'IEC 61508-3:2010 7.8 (modification); ISO 13849-1:2023 10 (validation after modification)',
  },
  {
    id: 'BMC-ESTOP',
    title: 'E-stop property (bounded model check)',
    rationale: 'Proves, for every input sequence up to the bound, that an e-stop demand switches every hazardous output off within the reaction time; a counterexample is a concrete sequence that does not.',
    reference: 'IEC 60204-1:2016 10.7; IEC 61508-3:2010 Table A.5 (formal methods)',
  },
  {
    id: 'BMC-RESET',
    title: 'Manual reset property (bounded model check)',
    rationale: 'Proves that after an e-stop clears no hazardous output turns on before a rising edge of the reset input, for every input sequence up to the bound.',
    reference: 'ISO 13849-1:2023 5.2.2; IEC 61508-3:2010 Table A.5',
  },
  {
    id: 'BMC-GUARD',
    title: 'Guard property (bounded model check)',
    rationale: 'Proves that an open guard keeps every hazardous output off, for every input sequence up to the bound.',
    reference: 'ISO 14119:2013 5.1; IEC 61508-3:2010 Table A.5',
  },
  {
    id: 'BMC-EQUIV',
    title: 'Ladder to ST translation equivalence',
    rationale: 'A ladder network translated to ST must compute the same outputs for every input and state, or the migration changed the logic.',
    reference: 'IEC 61131-3:2013 4.3 and 8.2; IEC 61508-3:2010 7.4.4',
  },
  {
    id: 'STAGE-ERROR',
    title: 'A verification stage could not run',
    rationale: 'A check that did not run proves nothing; the verdict cannot be pass until every stage ran.',
    reference: 'IEC 61508-3:2010 7.9 (verification)',
  },
  {
    id: 'SCOPE-SAFETY',
    title: 'A recipe that may not touch safety logic produced a safety-critical change',
    rationale: "A recipe declares whether it may edit safety POUs and safety variables; a change outside that scope is rejected without asking a model, because scope on safety code is never judged on a guess.",
    reference: 'prompts/<recipe>.md touches_safety; ISO 13849-1:2023 7.6 (modification of safety-related software)',
  },
  {
    id: 'JUDGE',
    title: "The review judge's verdict on the change's scope",
    rationale: 'A language model reads the recipe, the diff and the verification summary and says whether the change does what the recipe asks and nothing else; it is an extra reviewer, never a substitute for the automated stages or the safety officer.',
    reference: 'prompts/<recipe>.md end_state and success_criteria',
  },
];

/** Every rule a report can name, by id, for the HTML report and `plantshift verify`. */
export const RULES: ReadonlyMap<string, RuleInfo> = new Map([...SAFETY_RULE_INFOS, ...STAGE_RULES].map((r) => [r.id, r]));

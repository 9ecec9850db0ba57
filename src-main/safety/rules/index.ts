import type { RuleInfo } from '../../evidence/report.js';
import type { SafetyRule } from '../rule-kit.js';
import { saf001 } from './saf001-ungated-write.js';
import { saf002 } from './saf002-interlock-weakened.js';
import { saf003 } from './saf003-input-forced.js';
import { saf004 } from './saf004-auto-restart.js';
import { saf005 } from './saf005-safety-fb-disabled.js';
import { saf006 } from './saf006-delay-lengthened.js';
import { saf007 } from './saf007-multiple-writers.js';
import { saf008 } from './saf008-skip-safety-logic.js';
import { saf009 } from './saf009-safety-edit.js';

/** Every static safety rule, in id order. */
export const SAFETY_RULES: readonly SafetyRule[] = [saf001, saf002, saf003, saf004, saf005, saf006, saf007, saf008, saf009];

export const SAFETY_RULE_INFOS: readonly RuleInfo[] = SAFETY_RULES.map((r) => r.info);

import { key } from '../plc/st/ast.js';
import type { Trace } from '../sim/trace.js';
import type { SiteSafety } from '../../src-shared/model/site.js';

/**
 * Why a hazardous output switched on at `scan` of a recorded run would be unsafe, or null when nothing says
 * so: at that scan every e-stop and guard input is TRUE, and since the last demand (any of them FALSE; where
 * the site has a reset input, power-up counts as one) a reset edge came. Whatever cannot be told from the
 * trace (an input not recorded, no reset configured after a demand) counts as unsafe: the answer is never
 * null on a guess.
 */
export function energisedWhy(trace: Trace | null, scan: number, safety: Pick<SiteSafety, 'estops' | 'guards' | 'reset'>): string | null {
  if (!trace) return 'and the run is not recorded, so the safety inputs cannot be checked';
  const column = (name: string): (boolean | number | string | bigint | null)[] | null => {
    const k = key(name);
    const i = trace.variables.findIndex((v) => key(v.path) === k || key(v.path).endsWith(`.${k}`));
    return i < 0 ? null : (trace.values[i] as (boolean | number | string | bigint | null)[]);
  };
  let lastDemand = -1;
  for (const input of [...safety.estops, ...safety.guards]) {
    const values = column(input);
    if (!values) return `and ${input} is not recorded in the run, so its state cannot be checked`;
    if (values[scan] === false) return `while ${input} is FALSE (demand)`;
    for (let s = scan; s >= 0; s--) {
      if (values[s] === false) {
        lastDemand = Math.max(lastDemand, s);
        break;
      }
    }
  }
  if (lastDemand < 0 && !safety.reset) return null;
  const since = lastDemand < 0 ? 'power-up' : `the demand at ${trace.times[lastDemand] ?? lastDemand} ms`;
  if (!safety.reset) return `after ${since}, and the site declares no reset input`;
  const reset = column(safety.reset);
  if (!reset) return `after ${since}, and ${safety.reset} is not recorded in the run`;
  if (lastDemand < 0 && reset[0] === true) return null;
  for (let s = Math.max(1, lastDemand + 1); s <= scan; s++) if (reset[s] !== reset[s - 1]) return null;
  return `without a ${safety.reset} edge since ${since} (start without reset)`;
}

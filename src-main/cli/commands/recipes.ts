import { promptsDir } from '../../app/paths.js';
import { loadRecipes } from '../../recipe/load-recipes.js';
import { parseCommandArgs } from '../args.js';
import { EXIT_FAIL, EXIT_OK, type Command } from '../command.js';
import { formatTable } from '../table.js';

export const recipesCommand: Command = {
  name: 'recipes',
  summary: 'List the migration recipes in prompts/ and any problem in their front matter',
  usage: `Usage: plantshift recipes [--json]

Lists every recipe file in the prompts folder with its id, title, platforms, whether it may touch
safety code, and its steps: the deterministic transforms, then the agent if the recipe uses it. Recipe files with a bad front matter are reported by file and field.

Exit status: 0 when every recipe file is valid, 1 when any has a problem.`,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, false);
    const { recipes, problems } = loadRecipes(promptsDir());
    if (values.json) io.out(JSON.stringify({ recipes: recipes.map(({ instructions: _i, ...r }) => r), problems }, null, 2) + '\n');
    else {
      io.out(
        formatTable(
          ['recipe', 'title', 'applies to', 'safety code', 'steps'],
          recipes.map((r) => [r.id, r.title, r.appliesTo.join(', '), r.touchesSafety ? 'may touch' : 'never', [...r.transforms, ...(r.agent ? ['agent'] : [])].join(' + ')]),
        ),
      );
      for (const p of problems) io.err(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
    }
    return problems.length ? EXIT_FAIL : EXIT_OK;
  },
};

import { join } from 'node:path';
import { builtinRulesDir } from '../server/src/engine';
import { kinds } from '../server/src/engine/kinds';
import { rulesSchemaText } from '../server/src/engine/kinds/schema';
import { writeFileAtomic } from '../server/src/io/atomicWrite.mjs';

// npm run rules:schema: writes rules/schema/rules.schema.json from the kinds' parameter
// schemas (server/src/engine/kinds/schema.ts). test/engine/rulesSchema.test.ts fails while the
// committed file differs from what this writes.

const out = join(builtinRulesDir(), 'schema', 'rules.schema.json');
writeFileAtomic(out, rulesSchemaText(Object.values(kinds)));
console.log(`newsproof: 已生成 ${out}`);

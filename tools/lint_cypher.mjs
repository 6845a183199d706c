// Lints every cypher/*.cypher file with Neo4j's own parser and semantic analysis
// (@neo4j-cypher/language-support), so the queries stay Neo4j's although tests run on
// ArcadeDB. Placeholders (__KIND__, __TYPE__, __INDEX__, __PROPERTY__) are filled first.
// Exits 1 on any error; warnings (e.g. deprecations) are printed but do not fail.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as support from '@neo4j-cypher/language-support';

const dir = process.argv[2] ?? 'cypher';
const files = readdirSync(dir).filter((f) => f.endsWith('.cypher')).sort();
let errors = 0;
for (const file of files) {
  const text = readFileSync(join(dir, file), 'utf8')
    .replaceAll('__KIND__', 'Agency')
    .replaceAll('__TYPE__', 'RECEIVED_AWARD')
    .replaceAll('__INDEX__', 'agency_name')
    .replaceAll('__PROPERTY__', 'name');
  const result = support.lintCypherQuery(text, {}, {});
  // Without a database schema every $param is reported as undefined: keep the rest.
  const diagnostics = result.diagnostics.filter((d) => support.isNotParamError(d));
  for (const d of diagnostics) {
    const line = (d.range?.start?.line ?? 0) + 1;
    const level = d.severity === 1 ? 'error' : 'warning';
    if (d.severity === 1) errors += 1;
    console.log(`${dir}/${file}:${line}: ${level}: ${d.message}`);
  }
}
console.log(`${files.length} Cypher files linted, ${errors} error(s)`);
process.exit(errors ? 1 : 0);

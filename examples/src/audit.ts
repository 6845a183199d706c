// The graphql-http audit (the GraphQL-over-HTTP spec's own test suite) against the service:
// prints each warning or error and fails when there is any.
//
//   GRAPHQL_URL=http://127.0.0.1:8000/graphql npx tsx src/audit.ts
import { auditServer } from "graphql-http";

const url = process.env.GRAPHQL_URL ?? "http://127.0.0.1:8000/graphql";
const results = await auditServer({ url });
const problems = results.filter((result) => result.status !== "ok");
for (const problem of problems) {
  console.log(`${problem.status.toUpperCase()} ${problem.id} ${problem.name}: ${problem.reason}`);
}
console.log(`graphql-http audit: ${results.length - problems.length} ok, ${problems.length} not ok`);
if (problems.length > 0) process.exitCode = 1;

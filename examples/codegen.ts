// Types come from the committed schema.graphql (no running service needed), with the
// client preset: typed `graphql()` documents, and persisted-documents.json, the manifest a
// production service loads as its trusted documents (GRAPH_SERVICE_TRUSTED_DOCUMENTS).
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.ts", "!src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        // The @specifiedBy formats: RFC 3339 strings on the wire.
        scalars: { Date: "string", DateTime: "string", JSON: "unknown" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;

// A front-end developer's tour of the graph service, run as a script:
// pages local governments, follows a relationship, subscribes to graphChanged (over
// graphql-transport-ws, and over graphql-sse) and sees its own mutation arrive.
//
//   GRAPHQL_URL=http://127.0.0.1:8000/graphql EDITOR_KEY=... npm start
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import { print } from "graphql";
import { createClient as createSseClient } from "graphql-sse";
import { createClient as createWsClient } from "graphql-ws";
import WebSocket from "ws";

import type { GraphChangedSubscription, LocalGovernmentsPageQuery } from "./gql/graphql.js";
import {
  AwardsOf,
  DeletePlatform,
  GraphChanged,
  LocalGovernmentsPage,
  UpsertPlatform,
} from "./operations.js";

const httpUrl = process.env.GRAPHQL_URL ?? "http://127.0.0.1:8000/graphql";
const wsUrl = httpUrl.replace(/^http/, "ws");
const editorKey = process.env.EDITOR_KEY;
const platformId = process.env.PLATFORM_ID ?? "example-client-platform";

// The fragment matcher `make schema` writes beside schema.graphql (also served at
// /graphql/possible-types). Without it Apollo drops the fields of `... on Entity`.
const possibleTypes: Record<string, string[]> = JSON.parse(
  readFileSync(new URL("../../possible-types.json", import.meta.url), "utf8"),
);

// Every HTTP request the client makes, to show persisted queries at work.
const sent: { method: string; hasQuery: boolean }[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  const method = init?.method ?? "GET";
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const body = typeof init?.body === "string" ? init.body : "";
  const hasQuery = method === "GET" ? new URL(url).searchParams.has("query") : body.includes('"query"');
  sent.push({ method, hasQuery });
  return fetch(input, init);
};

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const wsClient = createWsClient({
  url: wsUrl,
  webSocketImpl: WebSocket,
  // Authentication at connection init, as graphql-transport-ws carries it from a browser.
  connectionParams: editorKey ? { Authorization: `Bearer ${editorKey}` } : {},
});

const httpLink = ApolloLink.from([
  // Automatic persisted queries: hashes first, over GET for queries (cacheable by CDNs).
  new PersistedQueryLink({ sha256, useGETForHashedQueries: true }),
  new HttpLink({ uri: httpUrl, fetch: recordingFetch }),
]);

const client = new ApolloClient({
  cache: new InMemoryCache({ possibleTypes }),
  link: ApolloLink.split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === "OperationDefinition" && definition.operation === "subscription";
    },
    new GraphQLWsLink(wsClient),
    httpLink,
  ),
});

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function pageLocalGovernments(): Promise<number> {
  let after: string | null = null;
  let seen = 0;
  let total = 0;
  for (;;) {
    const cursor: string | null = after;
    const result: ApolloClient.QueryResult<LocalGovernmentsPageQuery> = await client.query({
      query: LocalGovernmentsPage,
      variables: { first: 10, after: cursor },
      fetchPolicy: "network-only",
    });
    const page = result.data?.localGovernments;
    check(page, "localGovernments answered null");
    total = page.totalCount;
    seen += page.edges.length;
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor ?? null;
  }
  check(seen === total, `paged ${seen} local governments of ${total}`);
  return total;
}

async function followAwards(id: string): Promise<void> {
  const { data } = await client.query({ query: AwardsOf, variables: { id } });
  const node = data?.node;
  check(node && node.__typename === "LocalGovernment", `${id} is not a LocalGovernment`);
  check(node.name, "the `... on Entity` fragment lost its fields: possibleTypes missing?");
  const awards = node.awardsReceived.edges;
  check(awards.length > 0, `${id} received no award`);
  const ranked = data.neighborhood?.edges.filter((e) => e.__typename === "ReceivedAwardRelationship");
  check(ranked && ranked.length > 0, "no typed RECEIVED_AWARD edge in the neighborhood");
  console.log(`${node.name}: ${awards.map((e) => `#${e.rank ?? "?"} ${e.node.name} (${e.year})`).join("; ")}`);
}

type Change = GraphChangedSubscription["graphChanged"];

function nextChange(ids: string[]): { arrived: Promise<GraphChangedSubscription["graphChanged"]>; stop: () => void } {
  let stop = () => {};
  const arrived = new Promise<GraphChangedSubscription["graphChanged"]>((resolve, reject) => {
    const subscription = client.subscribe({ query: GraphChanged, variables: { ids } }).subscribe({
      next: ({ data }) => data?.graphChanged && resolve(data.graphChanged),
      error: reject,
    });
    stop = () => subscription.unsubscribe();
  });
  return { arrived, stop };
}

async function mutateUntil<T>(arrived: Promise<T>, mutate: () => Promise<unknown>): Promise<T> {
  // A subscription starts on the server a moment after it is sent; write until it is seen.
  const deadline = Date.now() + 15_000;
  let result: T | undefined;
  void arrived.then((value) => (result = value));
  while (result === undefined) {
    check(Date.now() < deadline, "no graphChanged event arrived within 15 s");
    await mutate();
    await Promise.race([arrived, new Promise((r) => setTimeout(r, 500))]);
  }
  return result;
}

const editor = { headers: { Authorization: `Bearer ${editorKey}` } };

async function upsertPlatform(): Promise<void> {
  const { data } = await client.mutate({
    mutation: UpsertPlatform,
    variables: { input: { id: platformId, name: "Example Client Platform", sources: ["src-indoart"] } },
    context: editor,
  });
  check(data?.upsertPlatform?.__typename === "UpsertEntitySuccess", JSON.stringify(data));
}

async function seeOwnWriteOverWebSocket(): Promise<void> {
  const { arrived, stop } = nextChange([platformId]);
  const change = await mutateUntil(arrived, upsertPlatform);
  stop();
  check(change.entities.some((e) => e.id === platformId), "the change names another entity");
  console.log(`graphChanged over WebSocket: ${change.mutation} ${JSON.stringify(change.entities)}`);
}

async function seeDeleteOverSse(): Promise<void> {
  const sse = createSseClient({ url: httpUrl });
  const changes = sse.iterate<{ graphChanged: GraphChangedSubscription["graphChanged"] }>({
    query: print(GraphChanged),
    variables: { ids: [platformId] },
  });
  const first = changes.next();
  let deleted = false;
  const change = await mutateUntil<Change | undefined>(
    first.then((r) => r.value?.data?.graphChanged),
    async () => {
      if (deleted) return upsertPlatform();  // retried: put it back, delete again
      deleted = true;
      await client.mutate({ mutation: DeletePlatform, variables: { id: platformId }, context: editor });
    },
  );
  await changes.return?.(undefined);
  sse.dispose();
  check(change, "graphql-sse ended without an event");
  console.log(`graphChanged over SSE: ${change.mutation} ${JSON.stringify(change.entities)}`);
  if (change.entities.some((e) => e.operation !== "DELETED")) {
    await client.mutate({ mutation: DeletePlatform, variables: { id: platformId }, context: editor });
  }
}

async function main(): Promise<void> {
  check(editorKey, "set EDITOR_KEY to an API key with the editor role (graph-service api-key)");
  const total = await pageLocalGovernments();
  console.log(`paged ${total} local governments, 10 at a time`);
  await followAwards("pemkot-cimahi");
  const hashOnlyGets = sent.filter((r) => r.method === "GET" && !r.hasQuery).length;
  check(hashOnlyGets > 0, "persisted queries: no GET carried only a hash");
  console.log(`persisted queries: ${hashOnlyGets} of ${sent.length} requests were GETs with only a hash`);
  await seeOwnWriteOverWebSocket();
  await seeDeleteOverSse();
}

main()
  .then(() => {
    console.log("example client: OK");
  })
  .catch((error: unknown) => {
    console.error("example client failed:", error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await wsClient.dispose();
    client.stop();
  });

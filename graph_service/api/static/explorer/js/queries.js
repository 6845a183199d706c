// The GraphQL documents the explorer sends. Kind-specific fields come from the page's
// configuration (read from the ontology on the server), so nothing here lists kinds.

const NODE = "id name kind";
const EDGE = "id type from to properties verified sources { id name url publisher title }";

export const SEARCH = `query ExplorerSearch($q: String!) {
  search(query: $q, first: 8) { totalCount edges { match node { ${NODE} } } }
}`;

export const NODES = `query ExplorerNodes($ids: [ID!]!) {
  nodes(ids: $ids) { id ... on Entity { name kind } }
}`;

export const NEIGHBORS = `query ExplorerNeighbors($id: ID!, $types: [RelationshipTypeName!],
    $direction: Direction!, $asOf: Date, $first: Int, $after: String) {
  neighbors(id: $id, relationshipTypes: $types, direction: $direction, asOf: $asOf,
            first: $first, after: $after) {
    totalCount
    countsByType { type direction count }
    pageInfo { hasNextPage endCursor }
    edges { direction node { ${NODE} } relationship { ${EDGE} } }
  }
}`;

export const PATHS = `query ExplorerPaths($from: ID!, $to: ID!) {
  shortestPath(from: $from, to: $to, maxHops: 6) { length nodes { ${NODE} } edges { ${EDGE} } }
  paths(from: $from, to: $to, maxHops: 4, first: 20) { length nodes { ${NODE} } edges { ${EDGE} } }
}`;

export function detailsQuery(kinds) {
  const fragments = kinds
    .filter((kind) => kind.fields.length > 0)
    .map((kind) => `... on ${kind.name} { ${kind.fields.join(" ")} }`)
    .join("\n    ");
  return `query ExplorerDetails($id: ID!, $asOf: Date) {
  node(id: $id) {
    ... on Entity {
      ${NODE} aliases description note verified
      sources { id name url publisher title published }
    }
    ${fragments}
  }
  neighbors(id: $id, asOf: $asOf, first: 100) {
    totalCount
    countsByType { type direction count }
    edges { direction node { ${NODE} } relationship { ${EDGE} } }
  }
  timeline(id: $id, first: 50) {
    totalCount
    edges { node { date endDate description other { ${NODE} } relationship { id } } }
  }
}`;
}

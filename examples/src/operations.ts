// Every operation the example sends, typed by codegen's client preset from schema.graphql.
import { graphql } from "./gql/index.js";

export const LocalGovernmentsPage = graphql(`
  query LocalGovernmentsPage($first: Int!, $after: String) {
    localGovernments(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name level } }
    }
  }
`);

// `... on Entity` is an interface fragment: Apollo's cache needs possibleTypes to match it.
export const AwardsOf = graphql(`
  query AwardsOf($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Entity { name kind }
      ... on LocalGovernment {
        awardsReceived(first: 5) {
          edges { rank year node { id name } }
        }
      }
    }
    neighborhood(id: $id, depth: 1, relationshipTypes: [RECEIVED_AWARD]) {
      edges { __typename type from to ... on ReceivedAwardRelationship { rank year } }
    }
  }
`);

export const GraphChanged = graphql(`
  subscription GraphChanged($ids: [ID!]) {
    graphChanged(ids: $ids) {
      mutation
      at
      entities { id kind operation }
      relationships { id type from to operation }
    }
  }
`);

export const UpsertPlatform = graphql(`
  mutation UpsertPlatform($input: PlatformInput!) {
    upsertPlatform(input: $input) {
      __typename
      ... on UpsertEntitySuccess { created entity { id } }
      ... on ValidationFailed { problems { field message } }
    }
  }
`);

export const DeletePlatform = graphql(`
  mutation DeletePlatform($id: ID!) {
    deletePlatform(id: $id, detach: true) { __typename }
  }
`);

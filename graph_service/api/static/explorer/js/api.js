// The only way the page reads the graph: POST /graphql, as any client would.

export class ServiceError extends Error {}

let inFlight = 0;

function busy(delta) {
  inFlight += delta;
  document.body.dataset.busy = String(inFlight > 0);
}

function describeHttp(response) {
  if (response.status === 429) return "the service is busy (too many requests): wait a moment and try again";
  if (response.status >= 500) return `the service failed (HTTP ${response.status}); try again later`;
  return `the service refused the request (HTTP ${response.status})`;
}

export async function graphql(query, variables = {}) {
  busy(+1);
  try {
    let response;
    try {
      response = await fetch("/graphql", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/graphql-response+json, application/json",
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new ServiceError(
        "The service is unavailable: the request to /graphql got no answer. " +
          "Check that the service is running, then try again.",
      );
    }
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (body && Array.isArray(body.errors) && body.errors.length > 0) {
      const messages = body.errors.map((e) => e.message).join("; ");
      throw new ServiceError(`The service answered with an error: ${messages}`);
    }
    if (!response.ok || !body || !body.data) {
      throw new ServiceError(`The request did not work: ${describeHttp(response)}.`);
    }
    return body.data;
  } finally {
    busy(-1);
  }
}

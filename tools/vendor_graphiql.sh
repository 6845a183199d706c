#!/usr/bin/env bash
# Refreshes graph_service/api/static/graphiql/ from npm: the exact releases Strawberry's
# GraphiQL page names, so its subresource-integrity hashes hold. Run when Strawberry moves on.
set -euo pipefail
dest="$(cd "$(dirname "$0")/.." && pwd)/graph_service/api/static/graphiql"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for spec in graphiql@3.8.3 react@18.2.0 react-dom@18.2.0 @graphiql/plugin-explorer@1.0.2 js-cookie@3.0.5; do
  mkdir -p "$spec" && npm pack --silent "$spec" | xargs -I{} tar xzf {} -C "$spec"
done
cp react@18.2.0/package/umd/react.production.min.js "$dest/"
cp react-dom@18.2.0/package/umd/react-dom.production.min.js "$dest/"
cp js-cookie@3.0.5/package/dist/js.cookie.min.js "$dest/"
cp graphiql@3.8.3/package/graphiql.min.css graphiql@3.8.3/package/graphiql.min.js "$dest/"
cp @graphiql/plugin-explorer@1.0.2/package/dist/style.css "$dest/plugin-explorer.css"
cp @graphiql/plugin-explorer@1.0.2/package/dist/index.umd.js "$dest/plugin-explorer.umd.js"

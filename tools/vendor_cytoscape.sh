#!/usr/bin/env bash
# Refreshes graph_service/api/static/explorer/vendor/ from npm: cytoscape's built single-file
# bundle and its licence. npm checks the tarball against the registry's integrity hash; this
# script then prints the sha384 the page pins (graph_service/api/explorer/assets.py), to be
# updated with the version. Usage: tools/vendor_cytoscape.sh [VERSION]
set -euo pipefail
version="${1:-3.35.0}"
dest="$(cd "$(dirname "$0")/.." && pwd)/graph_service/api/static/explorer/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "cytoscape@$version" | xargs -I{} tar xzf {}
cp package/dist/cytoscape.min.js "$dest/cytoscape.min.js"
cp package/LICENSE "$dest/cytoscape.LICENSE"
echo "cytoscape $version"
echo "sha384-$(openssl dgst -sha384 -binary "$dest/cytoscape.min.js" | openssl base64 -A)"

#!/usr/bin/env bash
# The dist/ GitHub Pages serves: the release build, a 404.html and .nojekyll. The Pages
# workflow runs exactly this script, and tests/workflows runs it locally.
#
#   bash scripts/pages-build.sh [BASE_PATH]
#
# BASE_PATH is where the site lives on its host: "/why401" for a project site at
# https://user.github.io/why401/, "" for a user site or a custom domain. The workflow passes
# what actions/configure-pages says; the default is this repository's project site.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

base="${1-/why401}"
base="${base%/}"
case "$base" in
  "" | /*) ;;
  *) echo "pages-build: BASE_PATH must be empty or start with /: '$base'" >&2; exit 2 ;;
esac
if [[ "$base" =~ [^A-Za-z0-9/._~-] ]]; then
  echo "pages-build: BASE_PATH has characters a URL path would need to escape: '$base'" >&2
  exit 2
fi

make build

# GitHub Pages answers every missing path, at any depth, with /404.html. The app's own asset
# URLs are relative (they work at / and under a sub-path), so at /why401/a/b/ they would not
# resolve: the 404 page loads nothing and sends the browser to the app's root instead, with
# a link for browsers that do not follow the refresh. No script, so its CSP allows nothing.
cat > dist/404.html <<HTML
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=${base}/">
<title>Not found · why401</title>
</head>
<body>
<p>Nothing here. why401 is at <a href="${base}/">${base}/</a>.</p>
</body>
</html>
HTML

# Serve files as they are (no Jekyll processing of the build output).
touch dist/.nojekyll
echo "pages-build: dist/ ready for ${base:-/}"

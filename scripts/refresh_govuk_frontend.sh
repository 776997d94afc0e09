#!/usr/bin/env bash
# Refresh the vendored GOV.UK Frontend assets in static/govuk/.
#
# Copies the compiled CSS and JS, and the browser icons (favicon and touch icon, which every
# page links to, so that browsers stop asking for a /favicon.ico that is not there: issue 17).
# The GDS Transport font and the crest are reserved for services on gov.uk, so we copy no fonts
# and no other images, and strip every @font-face rule: browsers then use the system font stack
# instead of requesting font files that are not there.
set -euo pipefail

GOVUK_FRONTEND_VERSION=5.14.0

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${repo_root}/static/govuk"

workdir="$(mktemp -d)"
trap 'rm -rf "${workdir}"' EXIT

(cd "${workdir}" && npm pack --silent "govuk-frontend@${GOVUK_FRONTEND_VERSION}" >/dev/null)
tarball="$(find "${workdir}" -maxdepth 1 -name 'govuk-frontend-*.tgz' | head -n 1)"
if [[ -z "${tarball}" ]]; then
    echo "npm pack did not produce a govuk-frontend tarball" >&2
    exit 1
fi
tar -xzf "${tarball}" -C "${workdir}"

src="${workdir}/package/dist/govuk"
mkdir -p "${dest}"
cp "${src}/govuk-frontend.min.css" "${dest}/govuk-frontend.min.css"
cp "${src}/govuk-frontend.min.js" "${dest}/govuk-frontend.min.js"
mkdir -p "${dest}/images"
for icon in favicon.ico favicon.svg govuk-icon-180.png govuk-icon-mask.svg; do
    cp "${src}/assets/images/${icon}" "${dest}/images/${icon}"
done

python3 - "${dest}/govuk-frontend.min.css" "${dest}/govuk-frontend.min.js" <<'PY'
import re
import sys

css_path, js_path = sys.argv[1], sys.argv[2]
source_map = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/|//#\s*sourceMappingURL=\S*")

with open(css_path, encoding="utf-8") as f:
    css = f.read()
css = re.sub(r"@font-face\s*\{[^}]*\}", "", css)
css = source_map.sub("", css)
if "@font-face" in css or "sourceMappingURL" in css:
    sys.exit("failed to strip @font-face or sourceMappingURL from the CSS")
with open(css_path, "w", encoding="utf-8") as f:
    f.write(css.rstrip() + "\n")

with open(js_path, encoding="utf-8") as f:
    js = f.read()
js = source_map.sub("", js)
if "sourceMappingURL" in js:
    sys.exit("failed to strip sourceMappingURL from the JS")
with open(js_path, "w", encoding="utf-8") as f:
    f.write(js.rstrip() + "\n")
PY

printf '%s\n' "${GOVUK_FRONTEND_VERSION}" > "${dest}/VERSION"
echo "GOV.UK Frontend ${GOVUK_FRONTEND_VERSION} copied to ${dest}"

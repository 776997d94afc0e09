#!/usr/bin/env bash
# Refresh the vendored axe-core in tests/browser/vendor/ from npm: `make axe-core`.
#
# The browser tests inject axe.min.js into every page they visit. Only the minified script and
# its licence are kept; the version is pinned in the Makefile and recorded in VERSION.
set -euo pipefail

version="${1:?usage: refresh_axe_core.sh VERSION}"
dest="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

workdir="$(mktemp -d)"
trap 'rm -rf "${workdir}"' EXIT

(cd "${workdir}" && npm pack --silent "axe-core@${version}" >/dev/null)
tarball="$(find "${workdir}" -maxdepth 1 -name 'axe-core-*.tgz' | head -n 1)"
if [[ -z "${tarball}" ]]; then
    echo "npm pack did not produce an axe-core tarball" >&2
    exit 1
fi
tar -xzf "${tarball}" -C "${workdir}"

packed_version="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "${workdir}/package/package.json")"
if [[ "${packed_version}" != "${version}" ]]; then
    echo "asked for axe-core ${version} but npm packed ${packed_version}" >&2
    exit 1
fi

cp "${workdir}/package/axe.min.js" "${dest}/axe.min.js"
cp "${workdir}/package/LICENSE" "${dest}/LICENSE"
printf '%s\n' "${version}" > "${dest}/VERSION"
echo "axe-core ${version} copied to ${dest}"

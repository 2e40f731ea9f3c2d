# Sourced by the scripts: puts the project's tools on PATH and keeps Trunk off the network.
# (cargo-installed trunk and wasm-bindgen in ~/.cargo/bin, wasm-opt from npm in node_modules/.bin,
# which must come before any older system wasm-opt.)
kubeplay_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$kubeplay_root/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk's start-up check for a newer release is a network call: skip it.
export TRUNK_SKIP_VERSION_CHECK=true

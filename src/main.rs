//! The kubeplay binary: the browser page when built for wasm32, the terminal playground natively.

#[cfg(target_arch = "wasm32")]
fn main() {
    kubeplay::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(kubeplay::terminal::main());
}

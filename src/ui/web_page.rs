//! What the browser pane does with an address or a submitted form lives with the network (so it
//! runs and is tested natively); the pane uses it through these names.

pub use crate::cluster::network::client::CookieJar;
pub use crate::cluster::network::page::{follow_link, load, suggestions, Loaded, PageRequest};

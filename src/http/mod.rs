//! HTTP plumbing that every area shares, so that none imports another for it: conditional
//! requests, cookies and their attributes, request bodies, the peer address, clients that stop
//! reading.

pub mod body;
pub mod conditional;
pub mod cookies;
pub mod peer;
pub mod stalled;

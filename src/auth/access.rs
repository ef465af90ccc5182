//! The networks allowed to reach the admin area and the write API (`--admin-from`).

use ipnet::IpNet;
use std::net::IpAddr;
use std::str::FromStr;

/// The networks allowed to reach /admin and the write API; empty = everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessList(pub Vec<IpNet>);

impl FromStr for AccessList {
    type Err = String;

    /// A comma-separated list of networks (`192.168.1.0/24`) or single addresses.
    fn from_str(s: &str) -> Result<Self, String> {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| {
                p.parse::<IpNet>()
                    .or_else(|_| p.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!(
                            "'{p}' is neither a network nor an address: \
                             write for example 192.168.1.0/24,127.0.0.1"
                        )
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(AccessList)
    }
}

impl AccessList {
    pub fn everyone() -> AccessList {
        AccessList(Vec::new())
    }

    /// Whether a peer may come in. An unknown peer passes only an open list.
    pub fn allows(&self, peer: Option<IpAddr>) -> bool {
        if self.0.is_empty() {
            return true;
        }
        peer.is_some_and(|ip| {
            let ip = ip.to_canonical();
            self.0.iter().any(|net| net.contains(&ip))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_lists_parse_and_match() {
        let list: AccessList = "192.168.1.0/24, 127.0.0.1".parse().unwrap();
        assert!(list.allows(Some("192.168.1.40".parse().unwrap())));
        assert!(list.allows(Some("::ffff:127.0.0.1".parse().unwrap())));
        assert!(!list.allows(Some("10.0.0.1".parse().unwrap())));
        assert!(!list.allows(None));
        assert!(AccessList::everyone().allows(None));
        let err = "192.168.1.0/33".parse::<AccessList>().unwrap_err();
        assert!(err.contains("192.168.1.0/24"), "{err}");
    }
}

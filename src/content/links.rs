//! Invite links, checked offline and strictly for each platform: what a link of each platform
//! looks like, what a pasted link of another platform (or a person's profile) is, and how a
//! link without its `https://` is completed.

use super::{Platform, Problem};
use crate::limits::content as limits;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// What a WhatsApp invitation opens: both look alike (`chat.whatsapp.com/…`), so the admin says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// The community's home, from which members ask to join its groups.
    #[default]
    Community,
    /// One group (on platforms without communities, always this).
    Group,
}

impl LinkKind {
    pub fn is_community(&self) -> bool {
        *self == LinkKind::Community
    }

    pub fn key(self) -> &'static str {
        match self {
            LinkKind::Community => "community",
            LinkKind::Group => "group",
        }
    }
}

/// A link as typed, with `https://` added when it was left out (`chat.whatsapp.com/…`).
/// Nothing else of what was pasted is changed.
pub fn complete_scheme(link: &str) -> String {
    let link = link.trim();
    let lower = link.to_ascii_lowercase();
    if link.is_empty() || lower.starts_with("https://") || lower.starts_with("http://") {
        return link.to_owned();
    }
    let host = lower.split(['/', '?', '#']).next().unwrap_or("");
    if host.contains('.') && !lower.contains("://") && !host.contains(':') {
        format!("https://{link}")
    } else {
        link.to_owned()
    }
}

/// An absolute `https://` (or `http://`) address without spaces.
pub fn check_web_link(value: &str) -> Result<(), Problem> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    let count = value.chars().count();
    match rest {
        _ if count > limits::LINK => Err(Problem::TooLong {
            count,
            max: limits::LINK,
        }),
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
                Err(Problem::LinkWithSpace)
            } else if authority.contains('@') {
                Err(Problem::LinkWithUserPart)
            } else {
                Ok(())
            }
        }
        _ => Err(Problem::NotAWebAddress {
            value: value.to_owned(),
        }),
    }
}

/// The host of an `http(s)://` link, lower-cased, without `www.`.
fn host_and_rest(link: &str) -> Option<(String, &str)> {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    Some((host, &rest[end..]))
}

/// The platform a link belongs to, by its address alone.
pub fn platform_of(link: &str) -> Option<Platform> {
    let (host, _) = host_and_rest(link)?;
    match host.as_str() {
        "chat.whatsapp.com" | "wa.me" | "whatsapp.com" | "api.whatsapp.com" => {
            Some(Platform::Whatsapp)
        }
        "signal.group" | "signal.me" | "signal.org" => Some(Platform::Signal),
        "t.me" | "telegram.me" | "telegram.dog" => Some(Platform::Telegram),
        "matrix.to" => Some(Platform::Matrix),
        _ => None,
    }
}

/// Checks that an invite link has the form the platform gives its invitations; the problem
/// says what the link is instead.
pub fn check_invite_link(platform: Platform, link: &str) -> Result<(), Problem> {
    check_web_link(link)?;
    if let Some(found) = platform_of(link).filter(|p| *p != platform) {
        return Err(if platform == Platform::Other {
            Problem::LinkOfAKnownPlatform { found }
        } else {
            Problem::LinkOfAnotherPlatform {
                found,
                chosen: platform,
            }
        });
    }
    let (host, rest) = host_and_rest(link).unwrap_or_default();
    let ok = match platform {
        Platform::Whatsapp => whatsapp(&host, rest)?,
        Platform::Signal => signal(&host, rest)?,
        Platform::Telegram => telegram(rest),
        Platform::Matrix => matrix(rest)?,
        Platform::Other => true,
    };
    if ok {
        Ok(())
    } else {
        Err(Problem::NotAnInviteLink { platform })
    }
}

fn whatsapp(host: &str, rest: &str) -> Result<bool, Problem> {
    if host == "wa.me" || host == "api.whatsapp.com" {
        return Err(Problem::WhatsappPhoneLink);
    }
    if host == "whatsapp.com" && rest.starts_with("/channel/") {
        return Err(Problem::WhatsappChannelLink);
    }
    let code = rest.strip_prefix('/').unwrap_or("");
    let code = code.split(['?', '#']).next().unwrap_or("");
    Ok(host == "chat.whatsapp.com"
        && (16..=32).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A Signal group link carries, after `#`, a base64url `GroupInviteLink` message: a
/// version-1 contents holding a 32-byte master key and the group's password.
fn signal(host: &str, rest: &str) -> Result<bool, Problem> {
    if host == "signal.me" {
        return Err(Problem::SignalProfileLink);
    }
    let Some(fragment) = rest.strip_prefix("/#").filter(|_| host == "signal.group") else {
        return Ok(false);
    };
    if signal_fragment_ok(fragment) {
        Ok(true)
    } else {
        Err(Problem::SignalLinkDamaged)
    }
}

fn signal_fragment_ok(fragment: &str) -> bool {
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let Ok(bytes) = engine.decode(fragment.trim_end_matches('=')) else {
        return false;
    };
    // GroupInviteLink { GroupInviteLinkContentsV1 contentsV1 = 1; }
    let Some((contents, rest)) = field(&bytes, 1) else {
        return false;
    };
    if !rest.is_empty() {
        return false;
    }
    // GroupInviteLinkContentsV1 { bytes groupMasterKey = 1; bytes inviteLinkPassword = 2; }
    let Some((key, after)) = field(contents, 1) else {
        return false;
    };
    let Some((password, end)) = field(after, 2) else {
        return false;
    };
    key.len() == 32 && password.len() >= 16 && end.is_empty()
}

/// One length-delimited protobuf field `number` at the start of `bytes` (lengths under 128).
fn field(bytes: &[u8], number: u8) -> Option<(&[u8], &[u8])> {
    let (&tag, rest) = bytes.split_first()?;
    if tag != (number << 3) | 2 {
        return None;
    }
    let (&len, rest) = rest.split_first()?;
    let len = len as usize;
    (len < 128 && rest.len() >= len).then(|| rest.split_at(len))
}

fn telegram(rest: &str) -> bool {
    let path = rest.strip_prefix('/').unwrap_or("");
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    let invite = |code: &str| {
        (6..=64).contains(&code.len())
            && code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let public = |name: &str| {
        (5..=32).contains(&name.len())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
    };
    match path.split_once('/') {
        Some(("joinchat", code)) => invite(code),
        Some(_) => false,
        None => path.strip_prefix('+').map_or_else(|| public(path), invite),
    }
}

fn matrix(rest: &str) -> Result<bool, Problem> {
    let Some(id) = rest.strip_prefix("/#/") else {
        return Ok(false);
    };
    let id = id.split('?').next().unwrap_or("");
    let id = id.replace("%3A", ":").replace("%3a", ":");
    if id.starts_with('@') {
        return Err(Problem::MatrixProfileLink);
    }
    Ok((id.starts_with('#') || id.starts_with('!'))
        && id[1..]
            .split_once(':')
            .is_some_and(|(local, server)| !local.is_empty() && server.contains('.')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Platform::*;

    /// A well-formed Signal group link: contents with a 32-byte key and a 16-byte password.
    pub fn signal_link() -> String {
        let mut contents = vec![0x0a, 32];
        contents.extend([7u8; 32]);
        contents.extend([0x12, 16]);
        contents.extend([9u8; 16]);
        let mut link = vec![0x0a, contents.len() as u8];
        link.extend(contents);
        format!(
            "https://signal.group/#{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(link)
        )
    }

    #[test]
    fn each_platform_takes_its_own_invitations() {
        assert!(
            check_invite_link(Whatsapp, "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv").is_ok()
        );
        assert!(check_invite_link(Signal, &signal_link()).is_ok());
        assert!(check_invite_link(Telegram, "https://t.me/+AbCdEfGhIjKl").is_ok());
        assert!(check_invite_link(Telegram, "https://t.me/joinchat/AbCdEfGhIjKl").is_ok());
        assert!(check_invite_link(Telegram, "https://t.me/otsokop_coop").is_ok());
        assert!(check_invite_link(Matrix, "https://matrix.to/#/#otsokop:matrix.org").is_ok());
        assert!(check_invite_link(Matrix, "https://matrix.to/#/!abcDEF:matrix.org").is_ok());
        assert!(check_invite_link(Other, "https://example.org/join").is_ok());
        assert!(check_invite_link(Other, "javascript:alert(1)").is_err());
    }

    #[test]
    fn a_damaged_signal_link_is_refused() {
        let good = signal_link();
        let cut = &good[..good.len() - 6];
        let err = check_invite_link(Signal, cut).unwrap_err();
        assert_eq!(err, Problem::SignalLinkDamaged);
        assert!(check_invite_link(Signal, "https://signal.group/#CjQKIabc").is_err());
        assert!(check_invite_link(Signal, "https://signal.group/").is_err());
        let err = check_invite_link(Signal, "https://signal.me/#p/+33612345678").unwrap_err();
        assert_eq!(err, Problem::SignalProfileLink);
    }

    #[test]
    fn another_platforms_link_is_named() {
        let err = check_invite_link(Signal, "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv")
            .unwrap_err();
        assert_eq!(
            err,
            Problem::LinkOfAnotherPlatform {
                found: Whatsapp,
                chosen: Signal
            }
        );
        let err = check_invite_link(Whatsapp, "https://t.me/+abcdefghijkl").unwrap_err();
        assert_eq!(
            err,
            Problem::LinkOfAnotherPlatform {
                found: Telegram,
                chosen: Whatsapp
            }
        );
        let err = check_invite_link(Other, "https://matrix.to/#/#a:b.org").unwrap_err();
        assert_eq!(err, Problem::LinkOfAKnownPlatform { found: Matrix });
    }

    #[test]
    fn profile_and_channel_links_are_explained() {
        let err = check_invite_link(Whatsapp, "https://wa.me/33612345678").unwrap_err();
        assert_eq!(err, Problem::WhatsappPhoneLink);
        let err =
            check_invite_link(Whatsapp, "https://whatsapp.com/channel/0029VaAbc").unwrap_err();
        assert_eq!(err, Problem::WhatsappChannelLink);
        let err = check_invite_link(Matrix, "https://matrix.to/#/@alice:matrix.org").unwrap_err();
        assert_eq!(err, Problem::MatrixProfileLink);
        assert_eq!(
            check_invite_link(Telegram, "https://t.me/ab"),
            Err(Problem::NotAnInviteLink { platform: Telegram })
        );
        assert!(check_invite_link(Telegram, "https://t.me/+abc").is_err());
    }

    #[test]
    fn a_link_with_a_user_part_is_refused_wherever_it_points() {
        for link in [
            "https://chat.whatsapp.com@evil.example/x",
            "https://user:pass@example.org/join",
            "http://@example.org",
        ] {
            assert_eq!(
                check_web_link(link),
                Err(Problem::LinkWithUserPart),
                "{link}"
            );
            assert!(check_invite_link(Whatsapp, link).is_err());
            assert!(check_invite_link(Other, link).is_err());
        }
        // An @ after the address is a part of the page's path, not a user.
        assert!(check_web_link("https://matrix.to/#/@alice:matrix.org").is_ok());
        assert!(check_web_link("https://example.org/people/@ana").is_ok());
    }

    #[test]
    fn a_missing_https_is_added_and_nothing_else_changes() {
        assert_eq!(
            complete_scheme(" chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv?mode=x "),
            "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv?mode=x"
        );
        assert_eq!(complete_scheme("https://t.me/+abc"), "https://t.me/+abc");
        assert_eq!(
            complete_scheme("javascript:alert(1)"),
            "javascript:alert(1)"
        );
        assert_eq!(complete_scheme("bonjour"), "bonjour");
    }
}

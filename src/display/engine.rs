//! Which browser engine shows a screen, named from its `User-Agent`: the dashboard says
//! whether the Pi's screen is drawn by Chromium or by WPE WebKit's cog (the small boards').

/// The engine's name as a volunteer would say it, with its major version when the agent
/// gives one: "Chromium 156", "WPE WebKit (cog)", "Firefox 140", "Safari 18"; `None` for an
/// agent none of these (or no agent at all).
pub fn engine_of(user_agent: &str) -> Option<String> {
    let version = |marker: &str| {
        user_agent.split(marker).nth(1).map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .take(4)
                .collect::<String>()
        })
    };
    let named = |name: &str, marker: &str| match version(marker) {
        Some(v) if !v.is_empty() => format!("{name} {v}"),
        _ => name.to_owned(),
    };
    if user_agent.contains("Chrome/") || user_agent.contains("Chromium/") {
        return Some(named("Chromium", "Chrome/"));
    }
    if user_agent.contains("Firefox/") {
        return Some(named("Firefox", "Firefox/"));
    }
    if user_agent.contains("AppleWebKit/") {
        // WPE WebKit names itself like Safari on Linux; Apple's own Safari runs on its systems.
        if user_agent.contains("Linux") && !user_agent.contains("Android") {
            return Some("WPE WebKit (cog)".to_owned());
        }
        return Some(named("Safari", "Version/"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::engine_of;

    #[test]
    fn names_the_kiosk_engines_and_a_volunteers_browsers() {
        for (agent, named) in [
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
                Some("Chromium 156"),
            ),
            (
                "Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
                Some("WPE WebKit (cog)"),
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
                Some("Firefox 140"),
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15",
                Some("Safari 18"),
            ),
            ("curl/8.14.1", None),
            ("", None),
        ] {
            assert_eq!(engine_of(agent).as_deref(), named, "{agent}");
        }
    }
}

//! The strings of the picture of the real screen (dashboard card and `/admin/screen`), one
//! catalogue per language. `{placeholder}`s are replaced by the page.

use crate::content::Language;

pub struct ScreenPictureCatalogue {
    pub title: &'static str,
    /// Above the picture; `{age}` ("2 min").
    pub taken: &'static str,
    pub just_now: &'static str,
    /// An age in minutes; `{n}`.
    pub minutes: &'static str,
    /// An age in hours; `{n}`.
    pub hours: &'static str,
    pub alt: &'static str,
    pub none_yet: &'static str,
    pub take_now: &'static str,
    pub open: &'static str,
    /// A request not answered yet; `{seconds}` since it was made.
    pub waiting: &'static str,
    /// A request the kiosk did not answer; `{seconds}`.
    pub no_answer: &'static str,
    /// The last picture is old; `{age}`.
    pub stale: &'static str,
    pub dark: &'static str,
    /// The same picture since `{time}`.
    pub frozen: &'static str,
    pub looks_fine: &'static str,
    pub back: &'static str,
}

static FR: ScreenPictureCatalogue = ScreenPictureCatalogue {
    title: "Ce que montre l'écran",
    taken: "L'écran de la caisse, il y a {age}",
    just_now: "moins d'une minute",
    minutes: "{n} min",
    hours: "{n} h",
    alt: "Photo de l'écran de la caisse",
    none_yet: "Pas encore de photo de l'écran : l'appareil de la caisse en envoie une toutes les 5 minutes quand son kiosque tourne (avec le paquet grim).",
    take_now: "Prendre une photo maintenant",
    open: "Voir en grand",
    waiting: "Photo demandée il y a {seconds} s : elle arrive en général en moins de 20 secondes. Cette page se recharge toute seule.",
    no_answer: "Le kiosque n'a pas envoyé de photo depuis la demande il y a {seconds} s. Vérifiez que l'appareil de la caisse est allumé et que le paquet grim y est installé (sudo apt install grim).",
    stale: "Cette photo date de {age} : le kiosque n'en envoie plus. L'écran est peut-être éteint, ou son navigateur arrêté.",
    dark: "⚠ L'écran est presque entièrement noir alors que la boutique est ouverte : la page ne s'affiche pas. Débranchez puis rebranchez l'appareil de la caisse.",
    frozen: "⚠ L'écran montre la même image depuis {time} alors que les diapositives devraient défiler : il est figé. Débranchez puis rebranchez l'appareil de la caisse.",
    looks_fine: "✓ L'écran change comme prévu.",
    back: "Retour au tableau de bord",
};

static EN: ScreenPictureCatalogue = ScreenPictureCatalogue {
    title: "What the screen shows",
    taken: "The till's screen, {age} ago",
    just_now: "less than a minute",
    minutes: "{n} min",
    hours: "{n} h",
    alt: "Picture of the till's screen",
    none_yet: "No picture of the screen yet: the till's device sends one every 5 minutes while its kiosk runs (with the grim package).",
    take_now: "Take a picture now",
    open: "See it large",
    waiting: "Picture asked for {seconds} s ago: it usually comes within 20 seconds. This page reloads by itself.",
    no_answer: "The kiosk has sent no picture since it was asked {seconds} s ago. Check that the till's device is on and that the grim package is installed on it (sudo apt install grim).",
    stale: "This picture is {age} old: the kiosk no longer sends any. The screen may be off, or its browser stopped.",
    dark: "⚠ The screen is almost entirely black while the shop is open: the page is not showing. Unplug the till's device and plug it back in.",
    frozen: "⚠ The screen has shown the same picture since {time} while the slides should be turning: it is frozen. Unplug the till's device and plug it back in.",
    looks_fine: "✓ The screen changes as it should.",
    back: "Back to the dashboard",
};

pub fn screen_picture_catalogue(lang: Language) -> &'static ScreenPictureCatalogue {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}

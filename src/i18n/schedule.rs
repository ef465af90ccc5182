//! The admin's words for the days and hours of a tip or an announcement, and for "show it
//! now" (pinning something on the screen), one catalogue per language.
//!
//! `{placeholder}`s are replaced where the words are used.

use crate::content::Language;

pub struct ScheduleCatalogue {
    /// The days, as a sentence names them, Monday first.
    pub days: [&'static str; 7],
    /// The days, short, beside their boxes.
    pub short_days: [&'static str; 7],
    /// The last two of a list of days: `{a}`, `{b}`.
    pub and: &'static str,
    pub every_day: &'static str,
    /// Days and hours: `{days}`, `{hours}`.
    pub days_hours: &'static str,
    /// One span of hours: `{from}`, `{to}`.
    pub span: &'static str,
    /// Whether a time is written `9 h 30` (else `9:30`).
    pub hours_with_h: bool,
    pub now_on: &'static str,
    pub not_now: &'static str,
    pub never: &'static str,
    /// Before the schedule in words, on the form.
    pub shows_when: &'static str,
    pub legend: &'static str,
    pub days_label: &'static str,
    pub hours_label: &'static str,
    pub hint: &'static str,
    /// The hours of a form that cannot be read: `{value}`.
    pub bad_hours: &'static str,
    // "Show it now".
    pub pin_title: &'static str,
    pub pin_intro: &'static str,
    pub pin_qr: &'static str,
    pub pin_announcement: &'static str,
    pub pin_message: &'static str,
    /// The dashboard's way to the pin's form.
    pub pin_other: &'static str,
    /// The form's question, and its message field.
    pub pin_what: &'static str,
    pub pin_message_field: &'static str,
    pub pin_message_hint: &'static str,
    pub pin_translation: &'static str,
    pub pin_minutes: &'static str,
    pub pin_go: &'static str,
    pub pin_stop: &'static str,
    /// What holds the screen: `{what}`, `{by}`.
    pub pinned_now: &'static str,
    /// Time left: `{time}`.
    pub pinned_left: &'static str,
    pub pinned_qr: &'static str,
    /// `{message}`.
    pub pinned_message: &'static str,
    /// `{title}`.
    pub pinned_announcement: &'static str,
    pub no_announcement: &'static str,
    pub pin_stopped: &'static str,
    pub pin_started: &'static str,
    /// The history's line for a pin: `{what}`, `{minutes}`.
    pub history_pin: &'static str,
    pub history_unpin: &'static str,
}

static FR: ScheduleCatalogue = ScheduleCatalogue {
    days: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    short_days: ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"],
    and: "{a} et {b}",
    every_day: "tous les jours",
    days_hours: "{days}, {hours}",
    span: "{from}–{to}",
    hours_with_h: true,
    now_on: "en ce moment",
    not_now: "pas en ce moment",
    never: "jamais : en dehors des heures d'ouverture",
    shows_when: "À l'écran :",
    legend: "Jours et heures",
    days_label: "Jours (aucun coché : tous les jours)",
    hours_label: "Heures",
    hint: "Par exemple 9:00-12:00, ou 9:00-12:00, 16:00-19:00. Vide : toute la journée.",
    bad_hours: "Heures illisibles : « {value} ». Écrivez-les comme 9:00-12:00, séparées par des virgules",
    pin_title: "Afficher tout de suite",
    pin_intro: "Met une seule chose sur tout l'écran de la caisse, pour quelques minutes ; les diapositives reprennent d'elles-mêmes à la fin.",
    pin_qr: "Afficher le QR code",
    pin_announcement: "Une annonce",
    pin_message: "Un court message",
    pin_other: "Une annonce ou un message…",
    pin_what: "Que montrer\u{a0}?",
    pin_message_field: "Le message",
    pin_message_hint: "Par exemple « Fermeture à 18 h aujourd'hui ».",
    pin_translation: "Le message en {language}",
    pin_minutes: "Pendant (minutes)",
    pin_go: "Afficher maintenant",
    pin_stop: "Arrêter",
    pinned_now: "L'écran affiche {what}, à la demande de {by}.",
    pinned_left: "Encore {time}.",
    pinned_qr: "le QR code de la communauté",
    pinned_message: "le message «\u{a0}{message}\u{a0}»",
    pinned_announcement: "l'annonce «\u{a0}{title}\u{a0}»",
    no_announcement: "Aucune annonce",
    pin_stopped: "L'écran a repris ses diapositives.",
    pin_started: "C'est à l'écran.",
    history_pin: "a affiché {what} pour {minutes} min",
    history_unpin: "a arrêté ce qui était affiché",
};

static EN: ScheduleCatalogue = ScheduleCatalogue {
    days: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    short_days: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    and: "{a} and {b}",
    every_day: "every day",
    days_hours: "{days}, {hours}",
    span: "{from}–{to}",
    hours_with_h: false,
    now_on: "on screen now",
    not_now: "not right now",
    never: "never: outside the opening hours",
    shows_when: "On screen:",
    legend: "Days and hours",
    days_label: "Days (none ticked: every day)",
    hours_label: "Hours",
    hint: "For example 9:00-12:00, or 9:00-12:00, 16:00-19:00. Empty: all day.",
    bad_hours: "Hours that cannot be read: “{value}”. Write them like 9:00-12:00, separated by commas",
    pin_title: "Show it now",
    pin_intro: "Puts one thing on the whole till screen for a few minutes; the slides come back by themselves at the end.",
    pin_qr: "Show the QR code",
    pin_announcement: "An announcement",
    pin_message: "A short message",
    pin_other: "An announcement or a message…",
    pin_what: "What to show?",
    pin_message_field: "The message",
    pin_message_hint: "For example “Closing at 6 pm today”.",
    pin_translation: "The message in {language}",
    pin_minutes: "For (minutes)",
    pin_go: "Show now",
    pin_stop: "Stop",
    pinned_now: "The screen shows {what}, as {by} asked.",
    pinned_left: "{time} left.",
    pinned_qr: "the community's QR code",
    pinned_message: "the message “{message}”",
    pinned_announcement: "the announcement “{title}”",
    no_announcement: "No announcement",
    pin_stopped: "The screen is back to its slides.",
    pin_started: "It is on the screen.",
    history_pin: "showed {what} for {minutes} min",
    history_unpin: "stopped what was shown",
};

pub fn schedule_catalogue(lang: Language) -> &'static ScheduleCatalogue {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}

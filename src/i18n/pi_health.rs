//! The words of the dashboard's "the Raspberry Pi is unwell" card, one catalogue per
//! language: each says what is wrong and what a volunteer can do about it.
//!
//! `{placeholder}`s are replaced by the card.

use crate::content::Language;

pub struct PiHealthCatalogue {
    pub title: &'static str,
    pub under_voltage_now: &'static str,
    pub under_voltage_since_boot: &'static str,
    /// `{celsius}`.
    pub hot: &'static str,
    /// Slowed down, with no temperature to give.
    pub slowed: &'static str,
    pub read_only: &'static str,
    /// `{mb}`.
    pub disk_full: &'static str,
    /// `{mb}`.
    pub memory_low: &'static str,
}

static FR: PiHealthCatalogue = PiHealthCatalogue {
    title: "Le Raspberry Pi ne va pas bien",
    under_voltage_now: "L'alimentation est trop faible : changez le câble ou le chargeur (de préférence le chargeur officiel du Raspberry Pi).",
    under_voltage_since_boot: "L'alimentation a été trop faible depuis le démarrage : si l'écran se fige ou redémarre, changez le câble ou le chargeur.",
    hot: "Le Raspberry Pi est trop chaud ({celsius} °C) et ralentit : laissez de l'air autour de lui, loin du soleil et des appareils qui chauffent.",
    slowed: "Le Raspberry Pi ralentit pour ne pas surchauffer : laissez de l'air autour de lui, loin du soleil et des appareils qui chauffent.",
    read_only: "La carte SD est en lecture seule : les modifications ne seront pas gardées. Redémarrez le Raspberry Pi ; si cela revient, la carte SD est à remplacer.",
    disk_full: "La carte SD est presque pleine ({mb} Mo libres) : les prochaines modifications risquent de ne pas être gardées. Retirez des images inutiles, ou demandez à la personne qui a installé l'écran de faire de la place.",
    memory_low: "La mémoire du Raspberry Pi est presque pleine ({mb} Mo libres) : l'écran risque de s'éteindre un moment. Retirez quelques grandes images, ou débranchez puis rebranchez le Raspberry Pi.",
};

static EN: PiHealthCatalogue = PiHealthCatalogue {
    title: "The Raspberry Pi is unwell",
    under_voltage_now: "The power supply is too weak: change the cable or the charger (preferably the official Raspberry Pi one).",
    under_voltage_since_boot: "The power supply has been too weak since the last start: if the screen freezes or restarts, change the cable or the charger.",
    hot: "The Raspberry Pi is too hot ({celsius} °C) and slows down: leave air around it, away from the sun and from appliances that heat up.",
    slowed: "The Raspberry Pi slows down so as not to overheat: leave air around it, away from the sun and from appliances that heat up.",
    read_only: "The SD card has become read-only: changes will not be kept. Restart the Raspberry Pi; if it happens again, the SD card needs replacing.",
    disk_full: "The SD card is nearly full ({mb} MB free): the next changes may not be kept. Remove pictures no longer needed, or ask whoever installed the screen to make room.",
    memory_low: "The Raspberry Pi's memory is nearly full ({mb} MB free): the screen may go blank for a moment. Remove a few large pictures, or unplug the Raspberry Pi and plug it back in.",
};

pub fn pi_health_catalogue(lang: Language) -> &'static PiHealthCatalogue {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}

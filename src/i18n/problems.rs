//! How each language says each kind of content problem (`content::Problem`): its code and its
//! wording, whose `{markers}` are the problem's values. The admin shows the volunteer's
//! language; the JSON API says French.

/// Code → wording, in French.
pub static FR: &[(&str, &str)] = &[
    ("empty", "Ne peut pas être vide"),
    ("not_one_line", "Doit tenir sur une seule ligne"),
    ("too_long", "Trop long : {count} caractères, {max} au plus pour rester lisible"),
    ("control_characters", "Contient des caractères de contrôle invisibles : retapez ce texte au lieu de le coller"),
    ("too_many", "Trop d'éléments : {count}, {max} au plus"),
    ("seconds_out_of_range", "Une diapositive reste entre {min} et {max} secondes à l'écran, pas {seconds}"),
    ("same_second_language", "La seconde langue doit être différente de la première"),
    ("not_a_colour", "Couleur illisible : « {value} ». Écrivez-la comme #1a2b3c"),
    ("unknown_image", "Nom d'image inconnu : envoyez l'image depuis l'administration"),
    ("unknown_phrase", "Phrase inconnue de l'écran"),
    ("no_markers_allowed", "Ne doit pas contenir de repère entre accolades"),
    ("markers_to_keep", "Doit garder ces repères, tels quels : {markers}"),
    ("missing_topic_marker", "Doit contenir {sujet}, remplacé par le sujet du groupe (exemple : Otsokop · {sujet})"),
    ("same_link_as_today", "C'est le lien d'aujourd'hui : collez celui de la nouvelle communauté"),
    ("not_json", "Ce n'est pas un document JSON lisible (erreur ligne {line}, colonne {column}) : importez un fichier exporté par vitrine"),
    ("missing_field", "Le champ « {name} » manque : comparez avec un document exporté par vitrine"),
    ("unknown_field", "Champ inconnu : « {name} » (vérifiez son orthographe dans un document exporté par vitrine)"),
    ("unknown_value", "Valeur inconnue : « {value} » (vérifiez son orthographe dans un document exporté par vitrine)"),
    ("wrong_type", "Ce n'est pas le bon type de valeur (un texte, un nombre, une liste…) : comparez avec un document exporté par vitrine"),
    ("unreadable", "Valeur illisible : comparez avec un document exporté par vitrine"),
    ("not_a_time_range", "Plage horaire illisible : « {value} ». Écrivez par exemple 09:00-19:30"),
    ("end_before_start", "Plage horaire « {value} » : l'heure de fin doit venir après l'heure de début"),
    ("link_with_space", "Une adresse web ne contient pas d'espace"),
    ("not_a_web_address", "Ce n'est pas une adresse web : « {value} ». Elle doit commencer par https://"),
    ("link_of_another_platform", "C'est un lien {found} : choisissez {found} comme plateforme, ou collez le lien d'invitation {chosen} (il ressemble à {example})"),
    ("link_of_a_known_platform", "C'est un lien {found} : choisissez {found} comme plateforme"),
    ("whatsapp_phone_link", "Ce lien wa.me ouvre une discussion avec une personne (un numéro de téléphone), pas une invitation. Dans WhatsApp, ouvrez la communauté (ou le groupe), touchez « Inviter via un lien » et copiez ce lien : il ressemble à https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
    ("whatsapp_channel_link", "C'est le lien d'une chaîne WhatsApp (on y lit, on n'y écrit pas), pas celui d'une communauté ou d'un groupe : une invitation ressemble à https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
    ("signal_profile_link", "Ce lien signal.me ouvre le profil d'une personne, pas un groupe : un lien de groupe ressemble à https://signal.group/#CjQKI… (copiez-le en entier depuis Signal : Paramètres du groupe › Lien de groupe › Partager)"),
    ("signal_link_damaged", "Ce lien de groupe Signal est incomplet ou abîmé (la partie après # ne se lit pas) : copiez-le en entier depuis Signal (Paramètres du groupe › Lien de groupe › Partager)"),
    ("matrix_profile_link", "Ce lien ouvre le profil d'une personne, pas un salon ni un espace : il ressemble à https://matrix.to/#/#otsokop:matrix.org"),
    ("not_an_invite_link", "Ce n'est pas un lien d'invitation {platform} : il ressemble à {example}"),
    ("link_with_user_part", "Ce lien contient un « @ » avant son adresse : le téléphone ouvrirait le site écrit après le @, pas celui qu'il semble nommer. Copiez le lien d'invitation tel que l'application le donne"),
    ("duplicate_key", "Ce champ est écrit deux fois dans le document : gardez-en un seul"),
    ("last_day_before_first_day", "Le dernier jour ({last}) vient avant le premier ({first}) : corrigez l'une des deux dates"),
    ("pin_minutes", "On affiche tout de suite pour {min} à {max} minutes"),
    ("day_twice", "Un jour de la semaine y est écrit deux fois : gardez-en un seul"),
    ("bad_id", "Identifiant « {value} » impossible : {max} lettres, chiffres, - ou _ au plus. Laissez-le vide et vitrine en donnera un"),
    ("id_twice", "L'identifiant « {value} » est déjà celui d'un autre élément de la liste : laissez-le vide et vitrine en donnera un"),
];

/// Code → wording, in English.
pub static EN: &[(&str, &str)] = &[
    ("empty", "Cannot be left empty"),
    ("not_one_line", "Must fit on one line"),
    ("too_long", "Too long: {count} characters, {max} at most to stay readable"),
    ("control_characters", "Contains invisible control characters: type this text instead of pasting it"),
    ("too_many", "Too many: {count}, {max} at most"),
    ("seconds_out_of_range", "A slide stays on screen between {min} and {max} seconds, not {seconds}"),
    ("same_second_language", "The second language must differ from the first"),
    ("not_a_colour", "Not a colour: “{value}”. Write it like #1a2b3c"),
    ("unknown_image", "Unknown picture name: upload the picture from the admin area"),
    ("unknown_phrase", "The screen has no such phrase"),
    ("no_markers_allowed", "Must not contain a marker in braces"),
    ("markers_to_keep", "Must keep these markers exactly as they are: {markers}"),
    ("missing_topic_marker", "Must contain {topic}, which stands for the group's topic (for instance: Otsokop · {topic})"),
    ("same_link_as_today", "This is today's link: paste the new community's link"),
    ("not_json", "Not a readable JSON document (error at line {line}, column {column}): import a file exported by vitrine"),
    ("missing_field", "The field “{name}” is missing: compare with a document exported by vitrine"),
    ("unknown_field", "Unknown field: “{name}” (check its spelling in a document exported by vitrine)"),
    ("unknown_value", "Unknown value: “{value}” (check its spelling in a document exported by vitrine)"),
    ("wrong_type", "Not the right kind of value (a text, a number, a list…): compare with a document exported by vitrine"),
    ("unreadable", "Cannot read this value: compare with a document exported by vitrine"),
    ("not_a_time_range", "Not a time range: “{value}”. Write for instance 09:00-19:30"),
    ("end_before_start", "Time range “{value}”: the end must come after the start"),
    ("link_with_space", "A web address has no spaces"),
    ("not_a_web_address", "Not a web address: “{value}”. It must start with https://"),
    ("link_of_another_platform", "This is a {found} link: choose {found} as the platform, or paste the {chosen} invite link (it looks like {example})"),
    ("link_of_a_known_platform", "This is a {found} link: choose {found} as the platform"),
    ("whatsapp_phone_link", "This wa.me link opens a chat with one person (a phone number), not an invitation. In WhatsApp, open the community (or the group), tap “Invite via link” and copy that link: it looks like https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
    ("whatsapp_channel_link", "This is a WhatsApp channel link (people read it, they cannot write), not a community or a group: an invitation looks like https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
    ("signal_profile_link", "This signal.me link opens a person's profile, not a group: a group link looks like https://signal.group/#CjQKI… (copy it whole from Signal: Group settings › Group link › Share)"),
    ("signal_link_damaged", "This Signal group link is incomplete or damaged (the part after # cannot be read): copy it whole from Signal (Group settings › Group link › Share)"),
    ("matrix_profile_link", "This link opens a person's profile, not a room or a space: it looks like https://matrix.to/#/#otsokop:matrix.org"),
    ("not_an_invite_link", "This is not a {platform} invite link: one looks like {example}"),
    ("link_with_user_part", "This link has an “@” before its address: a phone would open the site written after the @, not the one it seems to name. Copy the invitation link as the app gives it"),
    ("duplicate_key", "This field is written twice in the document: keep only one"),
    ("last_day_before_first_day", "The last day ({last}) comes before the first ({first}): correct one of the two dates"),
    ("pin_minutes", "Something is shown now for {min} to {max} minutes"),
    ("day_twice", "A day of the week is written twice: keep only one"),
    ("bad_id", "Id “{value}” cannot be used: at most {max} letters, digits, - or _. Leave it empty and vitrine will give one"),
    ("id_twice", "The id “{value}” already belongs to another item of the list: leave it empty and vitrine will give one"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Problem;

    /// The `{markers}` of a wording.
    fn markers(wording: &str) -> Vec<&str> {
        wording
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(m, _)| m))
            .collect()
    }

    #[test]
    fn every_problem_is_said_in_french_and_in_english() {
        for p in Problem::examples() {
            let params: Vec<&str> = p.params().iter().map(|(n, _)| *n).collect();
            for (lang, table) in [("fr", FR), ("en", EN)] {
                let wording = table
                    .iter()
                    .find(|(code, _)| *code == p.code())
                    .map(|(_, w)| *w)
                    .unwrap_or_else(|| panic!("{lang} does not say {}", p.code()));
                let said = p.render(table);
                assert!(
                    said.starts_with(|c: char| c.is_uppercase()),
                    "{lang} {}: {said}",
                    p.code()
                );
                for name in markers(wording) {
                    assert!(
                        params.contains(&name) || matches!(name, "sujet" | "topic"),
                        "{lang} {} names {{{name}}}, which the problem does not give",
                        p.code()
                    );
                }
            }
            let (fr, en) = (p.render(FR), p.render(EN));
            assert_ne!(fr, en, "{} is not translated", p.code());
            for french in [" le ", " la ", " les ", " une ", " doit ", " sujet"] {
                assert!(!en.contains(french), "French in English: {en}");
            }
        }
        fn codes(t: &'static [(&'static str, &'static str)]) -> Vec<&'static str> {
            t.iter().map(|(c, _)| *c).collect()
        }
        assert_eq!(
            codes(FR),
            codes(EN),
            "the two languages list the same codes"
        );
        assert_eq!(
            FR.len(),
            Problem::examples().len(),
            "a wording for no problem"
        );
    }
}

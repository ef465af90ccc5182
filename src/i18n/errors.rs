//! Every error, worded: the one place that turns what went wrong ([`AppError`], its kind and
//! values) into a sentence, in French (the API's JSON, and French admin pages) or English.

use super::{admin_catalogue, fields};
use crate::content::{Invalid, Language};
use crate::error::{AppError, Refusal};

impl AppError {
    /// What the error says to people, in `lang`: the one place it is worded.
    pub fn say(&self, lang: Language) -> String {
        capitalized(&lower(self, lang))
    }
}

/// A message as shown to people: a sentence, so it starts with a capital letter (the messages
/// are written to follow a field's name or a status, in lower case).
pub fn capitalized(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What `err` says to people, in `lang`, in lower case.
fn lower(err: &AppError, lang: Language) -> String {
    let fr = lang == Language::Fr;
    let pick = |f: &str, e: &str| if fr { f.to_owned() } else { e.to_owned() };
    match err {
        AppError::NotFound => pick("introuvable", "not found"),
        AppError::NoSuchPage => pick(
            "introuvable : l'écran est sur /, l'administration sur /admin, l'API sur /api/content",
            "not found: the screen is at /, the admin area at /admin, the API at /api/content",
        ),
        AppError::MethodNotAllowed(method) if fr => {
            format!("méthode {method} refusée ici : utilisez une de celles de l'en-tête Allow")
        }
        AppError::MethodNotAllowed(method) => {
            format!("method {method} is not taken here: use one of those of the Allow header")
        }
        AppError::Invalid(invalid) => {
            let t = admin_catalogue(lang);
            let each: Vec<String> = invalid
                .0
                .iter()
                .map(|e| {
                    let field = fields::field_in_words(&e.field, t, lang);
                    format!("{field}{}{}", fields::colon(lang), e.problem.render(t.problems))
                })
                .collect();
            let head = pick("contenu invalide : ", "invalid content: ");
            format!("{head}{}", each.join("; "))
        }
        AppError::Stale { current } if fr => format!(
            "le contenu a changé depuis votre lecture (ETag {current}) : relisez-le puis recommencez"
        ),
        AppError::Stale { current } => format!(
            "the content changed since you read it (ETag {current}): read it again, then retry"
        ),
        AppError::PreconditionRequired => pick(
            "en-tête If-Match requis : envoyez l'ETag lu par GET /api/content",
            "If-Match header required: send the ETag read by GET /api/content",
        ),
        AppError::TooManyRequests(secs) if fr => {
            format!("trop de tentatives : réessayez dans {secs} s")
        }
        AppError::TooManyRequests(secs) => format!("too many attempts: try again in {secs} s"),
        AppError::StorageFull => admin_catalogue(lang).disk_full.to_owned(),
        AppError::Internal(_) => pick("erreur interne", "internal error"),
        AppError::BadRequest(why)
        | AppError::Unauthorized(why)
        | AppError::Forbidden(why)
        | AppError::TooLarge(why)
        | AppError::UnsupportedMedia(why)
        | AppError::Unprocessable(why)
        | AppError::Crowded(why)
        | AppError::Unavailable(why) => refusal(why, lang),
    }
}

fn refusal(why: &Refusal, lang: Language) -> String {
    let fr = lang == Language::Fr;
    let t = admin_catalogue(lang);
    let pick = |f: &str, e: &str| if fr { f.to_owned() } else { e.to_owned() };
    match why {
        Refusal::BodyUnreadable => pick(
            "corps de requête illisible : la connexion s'est interrompue ou son encodage est faux",
            "request body unreadable: the connection broke off or its encoding is wrong",
        ),
        Refusal::ShownTooLong { max } if fr => {
            format!("shown : un tag de révision de {max} octets au plus")
        }
        Refusal::ShownTooLong { max } => format!("shown: a revision tag of {max} bytes at most"),
        Refusal::JsonExpected => pick(
            "envoyez le document en JSON (Content-Type: application/json)",
            "send the document as JSON (Content-Type: application/json)",
        ),
        Refusal::DocumentTooBig { mib } if fr => {
            format!("document trop gros : {mib} Mio au plus (le contenu réel fait quelques Kio)")
        }
        Refusal::DocumentTooBig { mib } => {
            format!("document too big: {mib} MiB at most (the real content is a few KiB)")
        }
        Refusal::NotUtf8 => pick(
            "le document n'est pas de l'UTF-8 valide",
            "the document is not valid UTF-8",
        ),
        Refusal::MalformedJson { line, column } if fr => format!(
            "JSON mal formé (ligne {line}, colonne {column}) : corrigez la syntaxe du document"
        ),
        Refusal::MalformedJson { line, column } => {
            format!("malformed JSON (line {line}, column {column}): correct the document's syntax")
        }
        Refusal::BadAuthorization => pick(
            "en-tête Authorization mal formé : écrivez « Authorization: Bearer <jeton> »",
            "malformed Authorization header: write “Authorization: Bearer <token>”",
        ),
        Refusal::UnknownToken => pick(
            "jeton inconnu, révoqué, ou dont le compte est désactivé, réinitialisé ou n'est \
             plus administrateur : un administrateur peut en créer un dans /admin/tokens",
            "unknown or revoked token, or its account is disabled, reset or no longer an \
             admin: an admin can create one at /admin/tokens",
        ),
        Refusal::TokensDamaged => pick(
            "la liste des jetons d'API est abîmée : aucun jeton ne fonctionne tant qu'un \
             administrateur ne l'a pas réparée sur /admin/tokens",
            "the list of API tokens is damaged: no token works until an admin repairs it at \
             /admin/tokens",
        ),
        Refusal::ForeignOrigin => pick(
            "requête refusée : elle ne vient pas d'une page de cet écran (en-tête Origin absent \
             ou d'un autre site)",
            "request refused: it does not come from a page of this screen (Origin header \
             missing or of another site)",
        ),
        Refusal::SignInNeeded => pick(
            "authentification requise : envoyez « Authorization: Bearer <jeton> » (jeton créé \
             avec `vitrine token`) ou connectez-vous sur /admin",
            "authentication required: send “Authorization: Bearer <token>” (a token made with \
             `vitrine token`) or sign in at /admin",
        ),
        Refusal::SessionExpired => pick(
            "session absente ou expirée : reconnectez-vous sur /admin/login",
            "no session, or an expired one: sign in again at /admin/login",
        ),
        Refusal::StaleForm => pick(
            "formulaire refusé (jeton de sécurité absent, périmé ou venant d'un autre site) : \
             rechargez la page et recommencez",
            "form refused (security token missing, stale or from another site): reload the \
             page and try again",
        ),
        Refusal::FormExpected => t.error_form_expected.to_owned(),
        Refusal::FormUnreadable => t.error_form_unreadable.to_owned(),
        Refusal::AdminsOnly => t.error_admins_only.to_owned(),
        Refusal::DataFolderReadOnly => pick(
            "le dossier de données de l'écran refuse l'écriture (lecture seule, ou il \
             n'appartient pas à l'utilisateur vitrine) : rien n'a été enregistré, l'écran garde \
             le contenu précédent. Sur le Pi, redonnez-lui le dossier (sudo chown -R vitrine: \
             /var/lib/vitrine) ; si la carte SD est passée en lecture seule, elle s'use : \
             copiez le dossier et changez-la. Puis recommencez",
            "the screen's data folder refuses writes (read-only, or not owned by the vitrine \
             user): nothing was saved, the screen keeps the previous content. On the Pi, give \
             the folder back (sudo chown -R vitrine: /var/lib/vitrine); if the SD card turned \
             read-only, it is wearing out: copy the folder and replace it. Then try again",
        ),
        Refusal::DataFolderFailing => pick(
            "le dossier de données de l'écran ne répond pas : rien n'a été enregistré. \
             Réessayez dans un moment ; si cela dure, redémarrez l'écran et lisez son journal \
             (journalctl -u vitrine)",
            "the screen's data folder is not answering: nothing was saved. Try again in a \
             moment; if it lasts, restart the screen and read its log (journalctl -u vitrine)",
        ),
        Refusal::BusySaving => pick(
            "l'écran reçoit déjà plusieurs enregistrements en même temps : rien n'a été \
             enregistré, réessayez dans quelques secondes",
            "the screen is already receiving several saves at once: nothing was saved, try \
             again in a few seconds",
        ),
        Refusal::TooManyDisplays => pick(
            "trop d'affichages ouverts depuis cet appareil (ou sur le réseau) : fermez les \
             onglets de l'écran en trop",
            "too many displays open from this device (or on the network): close the extra \
             tabs of the screen",
        ),
        Refusal::ThisMachineOnly => pick(
            "seul le kiosque de cet appareil peut envoyer la photo de son écran (depuis \
             127.0.0.1)",
            "only this device's kiosk may send the picture of its screen (from 127.0.0.1)",
        ),
        Refusal::ScreenPictureUnreadable(why) => format!(
            "{}: {why}",
            pick(
                "la photo de l'écran doit être un PNG ou un JPEG (grim -t png)",
                "the picture of the screen must be a PNG or a JPEG (grim -t png)",
            )
        ),
        Refusal::Problems(problems) => problems
            .iter()
            .map(|p| p.render(t.problems))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A refused document in French, each problem after its field's path (`groups[2].name : …`),
/// as the command line and the log say it.
impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{} : {}", e.field, e.problem.render(super::problems::FR))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_is_said_in_french_and_in_english_differently() {
        let all = [
            Refusal::BodyUnreadable,
            Refusal::ShownTooLong { max: 64 },
            Refusal::JsonExpected,
            Refusal::DocumentTooBig { mib: 1 },
            Refusal::NotUtf8,
            Refusal::MalformedJson { line: 3, column: 7 },
            Refusal::BadAuthorization,
            Refusal::UnknownToken,
            Refusal::TokensDamaged,
            Refusal::ForeignOrigin,
            Refusal::SignInNeeded,
            Refusal::SessionExpired,
            Refusal::StaleForm,
            Refusal::FormExpected,
            Refusal::FormUnreadable,
            Refusal::AdminsOnly,
            Refusal::DataFolderReadOnly,
            Refusal::DataFolderFailing,
            Refusal::BusySaving,
            Refusal::TooManyDisplays,
            Refusal::ThisMachineOnly,
            Refusal::ScreenPictureUnreadable("bad PNG".into()),
        ];
        for why in all {
            let (fr, en) = (refusal(&why, Language::Fr), refusal(&why, Language::En));
            assert!(!fr.is_empty() && !en.is_empty(), "{why:?}");
            assert_ne!(fr, en, "{why:?}");
        }
        let said = lower(
            &AppError::BadRequest(Refusal::MalformedJson { line: 3, column: 7 }),
            Language::En,
        );
        assert!(said.contains("line 3, column 7"), "{said}");
    }
}

//! Boilerplate out: what a scraped page carries around an article and never belongs in it.
//!
//! Two kinds of lines: those that end the article (a comment form, a "related posts" block:
//! everything after them is page furniture) and those that are dropped wherever they stand
//! ("Lire aussi" teasers, share bars, captcha text, advertisement labels, hashtag lines).
//! Both dump and HTML extraction use these predicates on text blocks.

use std::sync::LazyLock;

use regex::Regex;

use super::extract::date::fold;

/// Whole-line markers of the comments: after them nothing is article text (folded, compared on
/// the line start).
static COMMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            leave\ a\ (?:reply|comment) | laisser\ un\ commentaire | laissez\ un\ commentaire
          | poster\ un\ commentaire | ajouter\ un\ commentaire | reagir\ a\ cet\ article
          | post\ a\ (?:new\ )?comment | add\ a\ comment | write\ a\ comment
          | please\ enter\ your\ (?:comment|name) | veuillez\ (?:saisir|entrer)
          | \d*\s*commentaires?\s*:?$ | \d*\s*comments?\s*:?$ | (?:reader\ )?comments?\s*\(\d+\)\s*:?$
          | \d+\s+(?:responses?|replies|reponses?)(?:\ to\ .*)?\s*:?$
        )",
    )
    .expect("valid regex")
});

/// Whole-line headings of a box of other articles or of a sign-up form (folded, on the line
/// start). At the end of a story they end it; in its middle the story goes on after the box.
static BOX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            related\ (?:posts|articles|stories|content|coverage|links) | articles\ similaires | articles\ lies
          | sur\ le\ meme\ (?:sujet|theme) | dans\ la\ meme\ rubrique | a\ lire\ egalement\ (?:sur|dans)
          | you\ (?:may|might)\ also\ (?:like|enjoy) | vous\ aimerez\ aussi | vous\ pourriez\ aussi\ aimer
          | more\ (?:stories|from) | les\ plus\ lus | most\ (?:read|popular) | newsletter\s*$
          | abonnez-vous\ a\ (?:notre|la)\ newsletter | recevez\ (?:notre|nos) | sign\ up\ for\ our | inscrivez-vous
        )",
    )
    .expect("valid regex")
});

/// What a heading-like line says about the text after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ender {
    /// The comments start: nothing after is article text.
    Comments,
    /// A box of other articles or a sign-up form: the story may go on after it.
    Box,
}

/// Whether `line` starts the comments or a box (a short line only: a sentence is story text).
pub fn ender(line: &str) -> Option<Ender> {
    let folded = fold(line.trim());
    if folded.len() > 80 {
        return None;
    }
    if COMMENTS.is_match(&folded) {
        Some(Ender::Comments)
    } else if BOX.is_match(&folded) {
        Some(Ender::Box)
    } else {
        None
    }
}

/// The signature line of a reader's comment, as blog engines print one under or over each:
/// "Posted by: Ellen at September 10, 2012 11:40 AM", "Jean says:", "Posté par Awa le 3 mars".
static COMMENT_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?:posted|submitted|written|poste|publie|envoye|ecrit)\ (?:by|par)\b
          | [^.!?]{1,60}\ (?:says|said|wrote|dit|a\ dit|a\ ecrit)\s*:\s*$
          | [^.!?]{1,60}\ (?:on|le)\ [^.!?]{4,40}\ (?:at|a)\ \d{1,2}[:h]\d{2}
        )",
    )
    .expect("valid regex")
});

/// Whether `line` signs a reader's comment (a short line only).
pub fn is_comment_signature(line: &str) -> bool {
    let folded = fold(line.trim());
    folded.chars().count() <= 120 && COMMENT_SIGNATURE.is_match(&folded)
}

/// Lines dropped wherever they stand (folded, anchored at the line start unless noted). Folded
/// text is lower-case ASCII, so a hashtag's word is `[a-z0-9_]` (no Unicode class to compile).
static DROPPED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?:a\ )?lire\ (?:aussi|egalement|la\ suite) | voir\ aussi | read\ (?:also|more|next) | see\ also | lisez\ aussi
          | related\s*: | also\ read | a\ voir\ aussi
          | advertisement\s*$ | publicite\s*$ | sponsored | contenu\ sponsorise
          | captcha | .*captcha\ (?:verification|user\ score)
          | partager\ (?:sur|cet\ article|l.article|:|$) | share\ (?:on|this|:|$) | partagez
          | (?:facebook|twitter|whatsapp|linkedin|telegram|email|e-mail|imprimer|print|pinterest|messenger|x)(?:\s+(?:facebook|twitter|whatsapp|linkedin|telegram|email|e-mail|imprimer|print|pinterest|messenger|x|reddit))+\s*$
          | (?:imprimer|print)(?:\ (?:l.article|cet\ article|this\ article))?\s*$
          | (?:suivez-nous|follow\ us) | cliquez\ ici | click\ here | tweet\s*$ | j.aime\s*$
          | (?:nous\ utilisons|ce\ site\ utilise|we\ use)\ (?:des\ )?cookies | accepter\ (?:les\ cookies|et\ fermer)?\s*$
          | (?:\#[a-z0-9_]+\s*){2,}$
          | (?:credit\ photo|photo\s*:|©|\(c\)\ |image\ copyright|copyright\ de\ l.image|photo\ credit) .{0,80}$
          | (?:this|ce|cette)\ [a-z\ ]{0,30}(?:requires|necessite)\ (?:le\ )?javascript
          | (?:please\ enable|veuillez\ activer)\ (?:le\ )?javascript
          | (?:follow|suivez)\ [^.!?]{0,50}?\ (?:on|sur)\ (?:instagram|facebook|twitter|x|youtube|tiktok|linkedin|whatsapp|telegram|threads|bluesky)
            (?:\s*(?:,|and|et|&)?\s*(?:instagram|facebook|twitter|x|youtube|tiktok|linkedin|whatsapp|telegram|threads|bluesky))*\s*[.!]?\s*$
          | tags?\s*: | mots-cles\s*: | etiquettes\s*:
          | this\ entry\ was\ posted\b | (?:you\ can\ )?follow\ any\ responses\ to\ this | you\ can\ leave\ a\ response
          | (?:please\ )?read\ (?:our|the)\ (?:comment|commenting)\ (?:policy|guidelines)
          | \d+\ comments?\s*\| | add\ (?:a\ )?comment\s*(?:\||$)
          | get\ the\ (?:adobe\ )?flash\ player | [a-z\ ]{0,30}requires\ (?:the\ )?(?:adobe\ )?flash
          | subscribe\ to\ (?:new\ posts|this\ blog|the\ (?:rss|feed)|our\ (?:rss|feed)|comments)
          | lettre\ d.information | recevez\ (?:chaque|gratuitement|nos|notre) | abonnez-vous | inscrivez-vous
          | subscribe\ to\ our | get\ our\ newsletter
          | home\s*$ | accueil\s*$ | menu\s*$ | rechercher\s*$ | search\s*$
        )",
    )
    .expect("valid regex")
});

/// True when nothing after this line is article text, in a dump where no structure tells a
/// box from the end: comments and boxes alike.
pub fn ends_article(line: &str) -> bool {
    ender(line).is_some()
}

/// True for a boilerplate line that is never article text.
pub fn is_boilerplate(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return true;
    }
    let folded = fold(line);
    // A long line is prose; only a "Lire aussi" teaser may run long (it carries a headline).
    if folded.chars().count() > 200 {
        return false;
    }
    DROPPED_LINE.is_match(&folded)
}

static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,6}|no|aucun|pas\ de|zero)(?:\s+(?:comments?|commentaires?|reactions?|responses?|reponses?|vues?|views?|partages?|shares?))?$").expect("valid regex")
});

/// A comment counter alone on its line: "0", "12 commentaires", "No Comments".
pub fn is_counter(line: &str) -> bool {
    let line = line.trim();
    line.len() <= 30 && COUNTER.is_match(&fold(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_enders() {
        for line in [
            "LEAVE A REPLY",
            "Laisser un commentaire",
            "Please enter your comment!",
            "Articles similaires",
            "Related Posts",
            "3 commentaires",
            "Sur le même sujet",
            "Reader Comments (2)",
            "Post a New Comment",
            "12 Responses to “Gao”",
        ] {
            assert!(ends_article(line), "{line}");
        }
        assert_eq!(ender("3 Comments:"), Some(Ender::Comments));
        assert_eq!(ender("Related Stories"), Some(Ender::Box));
        assert_eq!(ender("Vous aimerez aussi"), Some(Ender::Box));
        for line in [
            "Posted by: Ellen at September 10, 2012 11:40 AM",
            "Posted by: Charlie Wood | Mar 26, 2007 2:50:18 PM",
            "Aminata Traoré says:",
            "Posté par Moussa le 3 mars 2024 à 10h12",
            "Ibrahim on March 3, 2024 at 10:12 am",
        ] {
            assert!(is_comment_signature(line), "{line}");
        }
        for line in [
            "Posted in Politics",
            "The minister says the talks will resume on Monday, after the holiday.",
            "Aminata Traoré says the talks failed",
            "Le ministre a dit que les pourparlers reprendront lundi à Bamako, après la fête de fin d’année, selon un communiqué.",
        ] {
            assert!(!is_comment_signature(line), "{line}");
        }
        for line in [
            "Les commentaires du ministre ont surpris.",
            "Related to the attack, the army said…",
        ] {
            assert!(!ends_article(line), "{line}");
        }
    }

    #[test]
    fn dropped_lines() {
        for line in [
            "Lire aussi : Mali : le JNIM revendique l’attaque",
            "À lire aussi – Niger : la junte…",
            "READ ALSO: Burkina: army says",
            "Captcha verification failed!",
            "CAPTCHA user score failed. Please contact us!",
            "Partager sur Facebook",
            "Facebook Twitter WhatsApp Email",
            "#mali #jnim #wagner",
            "#Sénégal #AES_2025",
            "ADVERTISEMENT",
            "© AFP / Michele Cattani",
            "Nous utilisons des cookies pour améliorer votre expérience.",
            "Lettre d’information – Recevez chaque semaine nos articles par courriel.",
            "Subscribe to our newsletter for weekly updates",
            "Imprimer",
            "Print this article",
            "Image copyright AFP",
            "This slideshow requires JavaScript.",
            "Veuillez activer JavaScript pour voir les commentaires.",
            "Follow Sahel Hebdo on Instagram, Facebook, Twitter and YouTube.",
            "Suivez Sahel Hebdo sur Facebook et X",
            "This entry was posted on Monday, June 9th, 2025 at 10:12 and is filed under Sahel.",
            "You can leave a response, or trackback from your own site.",
            "0 comments | Add comment | 0 recs",
            "Get the Flash Player to see this player.",
            "Subscribe to new posts via RSS or email.",
            "Please read our comment policy before posting a comment.",
            "This video requires Adobe Flash.",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
        for line in [
            "Le groupe Wagner a quitté le Mali.",
            "Lire la presse malienne est devenu difficile, explique-t-il, depuis la suspension de plusieurs titres par la junte au pouvoir à Bamako en 2024 et les menaces contre les journalistes.",
            "Facebook a supprimé plusieurs comptes liés à Wagner.",
            "Imprimer des billets ne suffira pas, estime l’économiste.",
            "Follow the money on Facebook ads, the researchers say.",
            "Suivez le regard des soldats sur Facebook : tout y est.",
            "This army requires new recruits, the minister said.",
            "Comments made by the minister on Monday drew criticism in Bamako.",
            "Subscribe to the idea of a monetary union, and you accept its rules, the economist says.",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn counters() {
        assert!(is_counter("0") && is_counter(" 12 "));
        for line in [
            "12 commentaires",
            "No Comments",
            "0 commentaire",
            "5 Comments",
            "Aucun commentaire",
        ] {
            assert!(is_counter(line), "{line}");
        }
        assert!(!is_counter("2025 est une année") && !is_counter(""));
    }
}

//! The traps of issue 5 and one case per phrase family, against the bundled dictionaries.

use super::*;

fn tag(text: &str) -> Tags {
    let paragraphs: Vec<String> = text.split("\n\n").map(str::to_string).collect();
    Tagger::bundled().tag("", &paragraphs)
}

fn actors(text: &str) -> Vec<String> {
    tag(text).actors
}

fn countries(text: &str) -> Vec<String> {
    tag(text).countries
}

fn has(list: &[String], name: &str) -> bool {
    list.iter().any(|n| n == name)
}

// ------------------------------------------------------------------ traps

#[test]
fn niger_the_country_is_not_the_river() {
    assert!(countries("Les pirogues descendent le fleuve Niger jusqu'à la ville.").is_empty());
    assert!(countries("The Niger River floods every year.").is_empty());
    assert_eq!(countries("Le Niger a fermé sa frontière."), vec!["Niger"]);
    assert_eq!(countries("Le Nigeria et le Niger."), vec!["Nigeria", "Niger"]);
}

#[test]
fn guinea_guinea_bissau_and_equatorial_guinea_are_three_countries() {
    assert_eq!(
        countries("En Guinée-Bissau, le scrutin est reporté."),
        vec!["Guinea-Bissau"]
    );
    assert_eq!(countries("La Guinée équatoriale a voté."), vec!["Equatorial Guinea"]);
    assert_eq!(countries("La Guinée a voté."), vec!["Guinea"]);
    assert!(countries("Les pays du golfe de Guinée coopèrent.").is_empty());
}

#[test]
fn congo_and_dr_congo() {
    assert_eq!(countries("La RD Congo accuse le Rwanda."), vec!["DR Congo", "Rwanda"]);
    assert_eq!(countries("Le Congo-Brazzaville vote."), vec!["Republic of the Congo"]);
    assert!(countries("Le fleuve Congo déborde.").is_empty());
}

#[test]
fn islamic_state_inside_a_branch_name_is_only_the_branch() {
    let found = actors("L'État islamique au Sahel (EIS) a revendiqué l'attaque.");
    assert_eq!(found, vec!["Islamic State Sahel Province"]);
    let found = actors("Islamic State West Africa Province fighters attacked.");
    assert_eq!(found, vec!["ISWAP"]);
    let found = actors("Le groupe, affilié à l'État islamique, a frappé.");
    assert_eq!(found, vec!["Islamic State"]);
}

#[test]
fn a_news_agency_is_neither_an_actor_nor_a_country() {
    let tags = tag("Selon l'Agence France-Presse et France 24, le bilan est lourd.");
    assert!(tags.actors.is_empty() && tags.countries.is_empty(), "{tags:?}");
}

#[test]
fn lake_chad_is_not_chad() {
    assert!(countries("Boko Haram opère autour du lac Tchad.").is_empty());
    assert!(countries("Attacks around Lake Chad increased.").is_empty());
    assert_eq!(countries("Le Tchad accuse le Soudan."), vec!["Chad", "Sudan"]);
}

#[test]
fn acronyms_are_case_sensitive() {
    assert_eq!(actors("Les pays de l'AES et l'UA."), vec!["AES", "African Union"]);
    assert!(actors("Il y a un ua et des aes.").is_empty());
    // A headline in capitals: "UN" and "AU" are words there.
    assert!(actors("UN SOLDAT TUÉ AU NORD").is_empty());
}

#[test]
fn case_accents_and_apostrophes_are_folded() {
    assert_eq!(countries("COTE D'IVOIRE"), vec!["Ivory Coast"]);
    assert_eq!(countries("la Côte d’Ivoire"), vec!["Ivory Coast"]);
    assert_eq!(actors("le Groupe de soutien à l’Islam et aux musulmans"), vec!["JNIM"]);
}

// ------------------------------------------------------------------ phrase families

#[test]
fn governments_from_institutional_phrases() {
    assert!(has(
        &actors("Les autorités maliennes ont démenti."),
        "Government of Mali"
    ));
    assert!(has(
        &actors("Les autorités de transition burkinabè ont expulsé l'attaché."),
        "Government of Burkina Faso"
    ));
    assert!(has(
        &actors("La junte au pouvoir à Niamey a refusé."),
        "Government of Niger"
    ));
    assert!(has(
        &actors("Mali's defence ministry said ten soldiers died."),
        "Government of Mali"
    ));
    let three = actors("Les régimes militaires du Burkina Faso, du Mali et du Niger se sont retirés.");
    for g in [
        "Government of Burkina Faso",
        "Government of Mali",
        "Government of Niger",
    ] {
        assert!(has(&three, g), "{g}: {three:?}");
    }
}

#[test]
fn a_bare_institution_belongs_to_the_article_s_country() {
    let found = actors("Au Niger, la junte a suspendu les partis. Le Niger reste isolé.");
    assert!(has(&found, "Government of Niger"), "{found:?}");
    // "officials" alone does not say whose.
    assert!(actors("Officials said the road was closed.").is_empty());
}

#[test]
fn capitals_used_for_the_state() {
    assert!(has(&actors("Bamako a démenti ces informations."), "Government of Mali"));
    assert!(has(&actors("Le retrait réclamé par Bamako."), "Government of Mali"));
    let both = actors("Les relations entre Ouagadougou et Paris se tendent.");
    assert!(
        has(&both, "Government of Burkina Faso") && has(&both, "Government of France"),
        "{both:?}"
    );
    assert!(has(&actors("Le Kremlin dément."), "Government of Russia"));
    // A capital as a place is a country, not a government.
    let place = tag("Il est arrivé à Bamako mardi.");
    assert_eq!(place.countries, vec!["Mali"]);
    assert!(place.actors.is_empty(), "{place:?}");
    assert!(tag("BAMAKO, 12 juin — Un convoi est arrivé.").actors.is_empty());
}

#[test]
fn armed_forces_from_phrases() {
    assert!(has(
        &actors("L'armée burkinabè a riposté."),
        "Burkina Faso Armed Forces"
    ));
    assert!(has(
        &actors("Deux soldats béninois ont été tués."),
        "Beninese Armed Forces"
    ));
    assert!(has(
        &actors("Nigerian troops repelled the attack."),
        "Nigerian Armed Forces"
    ));
    assert!(has(
        &actors("L'armée de terre nigérienne a été déployée."),
        "Nigerien Armed Forces"
    ));
    assert!(has(&actors("Barkhane a quitté le pays."), "French Armed Forces"));
    // Russian "instructors" or "mercenaries" name no actor (RULES 2.2).
    assert!(actors("Des instructeurs russes et des mercenaires russes sont arrivés.").is_empty());
}

#[test]
fn a_misused_demonym_goes_to_the_country_meant() {
    let tags = tag("Au Niger, les autorités nigérianes ont fermé Niamey.");
    assert_eq!(tags.countries, vec!["Niger"]);
    assert!(has(&tags.actors, "Government of Niger"), "{tags:?}");
}

#[test]
fn persons_introduced_by_a_title() {
    assert!(has(
        &actors("Le porte-parole de l'armée, le colonel Mamadou Kéita, a parlé."),
        "Mamadou Kéita"
    ));
    assert!(has(&actors("HRW's Sahel director Jane Moreau said."), "Jane Moreau"));
    assert!(has(
        &actors("Selon Jean Dupuis, chercheur à l'université de Dakar."),
        "Jean Dupuis"
    ));
    assert!(has(&actors("le colonel Assimi Goïta"), "Assimi Goïta"));
    // A capitalised preposition opening the sentence is not part of the name.
    for sentence in [
        "Pour Awa Sangaré, chercheuse à l'université de Bamako, rien n'a changé.",
        "Par ailleurs, Awa Sangaré, chercheuse à Bamako, doute.",
        "For Awa Sangaré, a researcher in Bamako, nothing changed.",
    ] {
        let found = actors(sentence);
        assert!(has(&found, "Awa Sangaré") && found.len() == 1, "{sentence}: {found:?}");
    }
    // Two appositions in a row: the second name starts after the first title, as a scan reads it.
    let found = actors("Awa Sangaré, Directrice Fatou Diallo, chercheuse à Bamako, ont parlé.");
    assert!(has(&found, "Awa Sangaré") && has(&found, "Fatou Diallo"), "{found:?}");
    assert!(!found.iter().any(|a| a.starts_with("Directrice")), "{found:?}");
    // A title alone names nobody.
    assert!(actors("Le président de la transition a parlé.").is_empty());
}

#[test]
fn media_are_never_actors() {
    assert!(actors("selon RFI, Reuters et Jeune Afrique").is_empty());
}

#[test]
fn the_bundled_tagger_holds_every_form() {
    // Its load time is a benchmark's business (bench/tag.sh), not a test's.
    let tagger = Tagger::new(Dictionary::bundled());
    assert!(tagger.form_count() > 10_000, "{}", tagger.form_count());
}

#[test]
fn juntas_are_the_governments_under_military_rule_that_the_article_names() {
    let found = actors(
        "Le Mali, le Burkina Faso et le Niger ont rappelé leurs ambassadeurs d'Algérie. Les juntes dénoncent une provocation.",
    );
    for g in [
        "Government of Mali",
        "Government of Burkina Faso",
        "Government of Niger",
    ] {
        assert!(has(&found, g), "{g}: {found:?}");
    }
    assert!(!has(&found, "Government of Algeria"), "{found:?}");
    // A junta is never the foreign power's, even when it is named most.
    let found = actors("Washington, la Russie, la Russie et la Russie: au Niger, la junte a tranché.");
    assert!(has(&found, "Government of Niger"), "{found:?}");
}

#[test]
fn soldiers_in_a_country_are_not_its_soldiers() {
    let found = actors("Les États-Unis comptaient 1 000 soldats au Niger.");
    assert!(!has(&found, "Nigerien Armed Forces"), "{found:?}");
    // West African chiefs of staff are no single state's army.
    let found = actors("Au Niger, les chefs d'état-major ouest-africains se sont réunis.");
    assert!(!has(&found, "Nigerien Armed Forces"), "{found:?}");
}

#[test]
fn a_bare_army_is_the_paragraph_s_country() {
    let found = actors("La Russie renforce sa présence. Au Mali, l'armée a repris Kidal.");
    assert!(has(&found, "FAMa"), "{found:?}");
    assert!(!has(&found, "Russian Armed Forces"), "{found:?}");
}

#[test]
fn a_language_is_not_a_country() {
    assert!(countries("the CNRD (its acronym in French) said").is_empty());
    assert!(countries("un texte traduit en français.").is_empty());
    assert_eq!(countries("des soldats français"), vec!["France"]);
}

#[test]
fn an_institution_s_own_name_tags_its_government_but_not_the_country() {
    // RULES 3: "the Federal Government" or "le CNSP" name no country.
    let tags = tag("The CNSP met on Monday.");
    assert!(has(&tags.actors, "Government of Niger"), "{tags:?}");
    assert!(tags.countries.is_empty(), "{tags:?}");
}

#[test]
fn a_capital_as_a_complement_is_a_place() {
    let found = actors("Le départ des forces américaines de la base de Niamey est achevé.");
    assert!(!has(&found, "Government of Niger"), "{found:?}");
}

#[test]
fn persons_named_after_a_qualified_title_or_before_a_role() {
    assert!(has(
        &actors("l’ambassadeur de France, Luc Martel, début janvier"),
        "Luc Martel"
    ));
    assert!(has(
        &actors("le ministre malien des Affaires étrangères, Oumar Sanogo, a réclamé"),
        "Oumar Sanogo"
    ));
    assert!(has(
        &actors("explains to AFP Jean Kouassi , researcher at the institute"),
        "Jean Kouassi"
    ));
    assert!(has(
        &actors("said Jane Moreau, Sahel director at the NGO"),
        "Jane Moreau"
    ));
    let found = actors("the Niamey International Captain Paul Sawadogo said");
    assert!(has(&found, "Paul Sawadogo"), "{found:?}");
    // An office is not a person.
    assert!(
        !actors("the Director of Defence Media Operations said")
            .iter()
            .any(|a| a.contains("Media"))
    );
}

#[test]
fn an_acronym_defined_in_the_text_means_what_the_text_says() {
    let found =
        actors("Selon Reporters sans frontières (RSF), trois journalistes sont détenus. RSF demande leur libération.");
    assert_eq!(found, vec!["Reporters Without Borders"]);
    let found = actors("The Rapid Support Forces (RSF) attacked. The RSF denied it.");
    assert_eq!(found, vec!["Rapid Support Forces"]);
    // "PDG" is a CEO in French, not Gabon's party.
    assert!(actors("le PDG de la société minière").is_empty());
}

#[test]
fn organisations_named_by_an_association_or_university_head() {
    let found = actors("selon l'Association des commerçants de bétail du Niger, la route est fermée");
    assert!(
        has(&found, "Association des commerçants de bétail du Niger"),
        "{found:?}"
    );
    let found = actors("a lecturer at the University of El Obeid said");
    assert!(has(&found, "University of El Obeid"), "{found:?}");
    // No capitalised word: a description, not a name. A hospital is a place (RULES 2.4).
    assert!(actors("l'association des parents d'élèves a protesté").is_empty());
}

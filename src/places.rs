//! The names `new` gives a country or state it is asked to create, by code: the United States
//! (`us`) and its states, district and territories by their postal codes, in English and
//! Spanish. A name is a fact the person must not have to correct: a code not in the table gets
//! no name made up from its letters (`xx` is not "Xx").

/// `us`: the country the table is of.
pub const COUNTRY: (&str, &str, &str) = ("us", "United States", "Estados Unidos");

/// The states, the District of Columbia and the territories: postal code, English, Spanish.
const STATES: [(&str, &str, &str); 56] = [
    ("ak", "Alaska", "Alaska"),
    ("al", "Alabama", "Alabama"),
    ("ar", "Arkansas", "Arkansas"),
    ("as", "American Samoa", "Samoa Americana"),
    ("az", "Arizona", "Arizona"),
    ("ca", "California", "California"),
    ("co", "Colorado", "Colorado"),
    ("ct", "Connecticut", "Connecticut"),
    ("dc", "District of Columbia", "Distrito de Columbia"),
    ("de", "Delaware", "Delaware"),
    ("fl", "Florida", "Florida"),
    ("ga", "Georgia", "Georgia"),
    ("gu", "Guam", "Guam"),
    ("hi", "Hawaii", "Hawái"),
    ("ia", "Iowa", "Iowa"),
    ("id", "Idaho", "Idaho"),
    ("il", "Illinois", "Illinois"),
    ("in", "Indiana", "Indiana"),
    ("ks", "Kansas", "Kansas"),
    ("ky", "Kentucky", "Kentucky"),
    ("la", "Louisiana", "Luisiana"),
    ("ma", "Massachusetts", "Massachusetts"),
    ("md", "Maryland", "Maryland"),
    ("me", "Maine", "Maine"),
    ("mi", "Michigan", "Míchigan"),
    ("mn", "Minnesota", "Minnesota"),
    ("mo", "Missouri", "Misuri"),
    ("mp", "Northern Mariana Islands", "Islas Marianas del Norte"),
    ("ms", "Mississippi", "Misisipi"),
    ("mt", "Montana", "Montana"),
    ("nc", "North Carolina", "Carolina del Norte"),
    ("nd", "North Dakota", "Dakota del Norte"),
    ("ne", "Nebraska", "Nebraska"),
    ("nh", "New Hampshire", "Nuevo Hampshire"),
    ("nj", "New Jersey", "Nueva Jersey"),
    ("nm", "New Mexico", "Nuevo México"),
    ("nv", "Nevada", "Nevada"),
    ("ny", "New York", "Nueva York"),
    ("oh", "Ohio", "Ohio"),
    ("ok", "Oklahoma", "Oklahoma"),
    ("or", "Oregon", "Oregón"),
    ("pa", "Pennsylvania", "Pensilvania"),
    ("pr", "Puerto Rico", "Puerto Rico"),
    ("ri", "Rhode Island", "Rhode Island"),
    ("sc", "South Carolina", "Carolina del Sur"),
    ("sd", "South Dakota", "Dakota del Sur"),
    ("tn", "Tennessee", "Tennessee"),
    ("tx", "Texas", "Texas"),
    ("ut", "Utah", "Utah"),
    ("va", "Virginia", "Virginia"),
    (
        "vi",
        "U.S. Virgin Islands",
        "Islas Vírgenes de los Estados Unidos",
    ),
    ("vt", "Vermont", "Vermont"),
    ("wa", "Washington", "Washington"),
    ("wi", "Wisconsin", "Wisconsin"),
    ("wv", "West Virginia", "Virginia Occidental"),
    ("wy", "Wyoming", "Wyoming"),
];

/// The English and Spanish names of the U.S. state or territory whose postal code is `code`.
pub fn state(code: &str) -> Option<(&'static str, &'static str)> {
    STATES
        .binary_search_by(|(c, _, _)| c.cmp(&code))
        .ok()
        .map(|i| (STATES[i].1, STATES[i].2))
}

/// Every postal code of the table, for a did-you-mean.
pub fn state_codes() -> impl Iterator<Item = &'static str> {
    STATES.iter().map(|(code, _, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_code_order_and_finds_each_code() {
        assert!(STATES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(state("ca"), Some(("California", "California")));
        assert_eq!(state("nm"), Some(("New Mexico", "Nuevo México")));
        assert_eq!(state("xx"), None);
    }
}

//! The words the engine itself writes into documents and on the site (not template text):
//! footer, notices, headings, navigation, the bundle README, fill-in labels, `respond`'s
//! letter pieces, and how each language writes a date, a list and "whose fact" a fill-in is.
//!
//! They are data: one table per language, `i18n/<lang>.yaml`, embedded in the binary and read
//! once, checked whole (`table`: every key of [`Text`] in every language, no unknown key,
//! each string with the `{placeholders}` the engine fills). The languages are the tables
//! ([`Lang`]): a new language is a new table (and its templates), no new code. The keys are
//! Rust ([`Text`]), so a call site cannot name a string that does not exist; the words are
//! not. Messages to the person running the tool are not here: they are English, in the code
//! that finds the problem.

mod lang;
mod table;
#[cfg(test)]
mod tests;

use crate::diagnostic::Diagnostic;
pub use lang::Lang;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use table::Table;

/// Declares [`Text`]: each variant with its key in the tables (`text.<section>.<key>`, also
/// written into its doc) and the placeholders its string holds in every language.
macro_rules! texts {
    ($($(#[$doc:meta])* $variant:ident = $section:literal . $key:literal $([$($placeholder:literal),*])?,)*) => {
        /// A string the engine writes, in every language the kit supports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub enum Text {
            $(
                $(#[$doc])*
                // Every variant names where its words are, the grouped ones included.
                #[doc = ""]
                #[doc = concat!("In a table: `text.", $section, ".", $key, "`.")]
                $variant,
            )*
        }

        impl Text {
            /// Every string, in the order of the tables' storage.
            pub const ALL: &[Text] = &[$(Text::$variant,)*];

            /// Its section and key under `text:` in a table.
            pub fn key(self) -> (&'static str, &'static str) {
                match self {
                    $(Text::$variant => ($section, $key),)*
                }
            }

            /// The placeholders the engine fills in it (`{form}`): every language writes these.
            pub fn placeholders(self) -> &'static [&'static str] {
                match self {
                    $(Text::$variant => &[$($($placeholder),*)?],)*
                }
            }
        }
    };
}

texts! {
    /// A language's own name for itself ("English", "Español").
    LanguageName = "language"."name",
    /// The BCP 47 tag Word and LibreOffice use for spelling and hyphenation.
    LanguageTag = "language"."tag",
    /// The line on a translation's first page saying how far it was checked (a template's
    /// status line, [`Translation`]).
    TranslationDraft = "document"."translation_draft",
    TranslationReviewed = "document"."translation_reviewed",
    TranslationCertified = "document"."translation_certified",
    /// Footer before the page number: "Page" 3 "of" 7.
    Page = "document"."page",
    /// Footer between the page number and the number of pages: "Page" 3 "of" 7.
    Of = "document"."of",
    /// The notice every document carries.
    ModelLanguageNotice = "document"."model_language_notice",
    /// The handout's notice instead: one plain line at its end, for the agency handing it out.
    HandoutNotice = "document"."handout_notice",
    AuthoritiesCited = "document"."authorities_cited",
    /// Label of the source link in the authorities list.
    Source = "document"."source",
    /// "official text, read on" DATE: a source that is the publisher's own.
    OfficialRead = "document"."official_read",
    /// "secondary copy, read on" DATE; the official text not confirmed.
    SecondaryRead = "document"."secondary_read",
    SecondaryCaveat = "document"."secondary_caveat",
    /// The signing line's caption.
    Signature = "document"."signature",
    /// The word the HTML pages use for the skip link.
    SkipToContent = "site"."skip_to_content",
    /// Labels of the site's navigation.
    Downloads = "site"."downloads",
    Breadcrumb = "site"."breadcrumb",
    Languages = "site"."languages",
    Home = "site"."home",
    /// The download link of a jurisdiction's zip.
    Bundle = "site"."bundle",
    /// The home page's two paragraphs: what the kits are, and how to use the site.
    SiteIntroPurpose = "site"."intro_purpose",
    SiteIntroUse = "site"."intro_use",
    /// The home page's list of who each part of a kit is for: its heading.
    SiteAudiences = "site"."audiences",
    /// The home page's heading over the states and their jurisdictions.
    SiteKits = "site"."kits",
    /// The search box of the home page: its label, the count of matches its script
    /// announces (the script fills `{count}`), and what it says when nothing matches.
    SearchLabel = "site"."search_label",
    SearchResults = "site"."search_results" ["count"],
    SearchNone = "site"."search_none",
    /// The same, short, beside a translated document on a jurisdiction's page.
    SiteTranslationDraft = "site"."translation_draft",
    SiteTranslationReviewed = "site"."translation_reviewed",
    SiteTranslationCertified = "site"."translation_certified",
    /// Who a document is for: the headings of a jurisdiction's page, each with the line the
    /// home page says of it (`export::site::Audience` says which documents are whose).
    ForPerson = "audience"."person",
    ForPersonAbout = "audience"."person_about",
    ForIce = "audience"."ice",
    ForIceAbout = "audience"."ice_about",
    ForAgency = "audience"."agency",
    ForAgencyAbout = "audience"."agency_about",
    ForCounsel = "audience"."counsel",
    ForCounselAbout = "audience"."counsel_about",
    /// The heading over the advocates' one-pager on a jurisdiction's page.
    ForAdvocates = "audience"."advocates",
    /// What the home page says of the one-pager.
    ForAdvocatesAbout = "audience"."advocates_about",
    /// The heading of the documents whose name says none of the above.
    ForOther = "audience"."other",
    /// One line on what each shipped document is, under its title on a jurisdiction's page
    /// and in the site's search index.
    AboutAdvocatesOnePager = "about"."advocates_one_pager",
    AboutFormInterviewConsent = "about"."form_interview_consent",
    AboutHandoutReleasePacket = "about"."handout_release_packet",
    AboutLetterAdministrativeSubpoena = "about"."letter_administrative_subpoena",
    AboutLetterDetainer = "about"."letter_detainer",
    AboutLetterInformationRequest = "about"."letter_information_request",
    AboutMemoCounsel = "about"."memo_counsel",
    AboutNoticePublicDefender = "about"."notice_public_defender",
    AboutNoticeReleaseContacts = "about"."notice_release_contacts",
    AboutNoticeRequestToPerson = "about"."notice_request_to_person",
    AboutNoticeSimultaneous = "about"."notice_simultaneous",
    AboutPolicyAdult = "about"."policy_adult",
    AboutPolicyJuvenile = "about"."policy_juvenile",
    /// The README of a jurisdiction's zip: its heading, notice and the files' caption.
    BundleTitle = "bundle"."title",
    BundleNotice = "bundle"."notice",
    BundleFiles = "bundle"."files",
    /// An authority's status in running text.
    StatusInForce = "status"."in_force",
    StatusPending = "status"."pending",
    StatusEnjoined = "status"."enjoined",
    StatusPartlyEnjoined = "status"."partly_enjoined",
    StatusDismissed = "status"."dismissed",
    StatusSuperseded = "status"."superseded",
    StatusVacated = "status"."vacated",
    StatusReversed = "status"."reversed",
    StatusDecided = "status"."decided",
    StatusOnAppeal = "status"."on_appeal",
    StatusRepealed = "status"."repealed",
    /// The labels of a kit's fill-ins for the facts of a request.
    RequestDate = "request"."date",
    RequestReceived = "request"."received",
    RequestOffice = "request"."office",
    RequestOfficer = "request"."officer",
    RequestForm = "request"."form",
    RequestReturnDate = "request"."return_date",
    RequestReleaseDate = "request"."release_date",
    RequestReleaseTime = "request"."release_time",
    RequestReleasePlace = "request"."release_place",
    RequestAttorney = "request"."attorney",
    RequestFamilyContact = "request"."family_contact",
    RequestGuardian = "request"."guardian",
    RequestANumber = "request"."a_number",
    RequestSubjectId = "request"."subject_id",
    RequestEventNumber = "request"."event_number",
    RequestDocumentNumber = "request"."document_number",
    RequestReplyBy = "request"."reply_by",
    RequestItems = "request"."items",
    RequestSubjectName = "request"."subject_name",
    RequestSubjectDob = "request"."subject_dob",
    RequestSubjectBooking = "request"."subject_booking",
    /// Whose fact a fill-in is: an agency by its role, a contact by what it is.
    OwnerSheriff = "owner"."sheriff",
    OwnerProbation = "owner"."probation",
    OwnerCorrections = "owner"."corrections",
    OwnerParoleBoard = "owner"."parole_board",
    OwnerJuvenileFacilities = "owner"."juvenile_facilities",
    OwnerPublicDefender = "owner"."public_defender",
    OwnerCountyCounsel = "owner"."county_counsel",
    OwnerAttorneyGeneral = "owner"."attorney_general",
    OwnerRapidResponse = "owner"."rapid_response",
    OwnerLegalServices = "owner"."legal_services",
    OwnerRightsCard = "owner"."rights_card",
    OwnerSignatory = "owner"."signatory",
    /// Which fact a fill-in is.
    FieldName = "field"."name",
    FieldOffice = "field"."office",
    FieldHead = "field"."head",
    FieldAddress = "field"."address",
    FieldPhone = "field"."phone",
    FieldEmail = "field"."email",
    FieldWebsite = "field"."website",
    FieldHours = "field"."hours",
    /// The delivery line of a letter `respond` writes.
    DeliveryEmail = "delivery"."email",
    DeliveryMail = "delivery"."mail",
    DeliveryFax = "delivery"."fax",
    DeliveryHand = "delivery"."hand",
    DeliveryOther = "delivery"."other",
    /// The line that opens each document of a draft (`respond --draft`), by how many facts
    /// are left to fill: one, or `{count}`.
    DraftOneFact = "draft"."one_fact",
    DraftFacts = "draft"."facts" ["count"],
    /// What a request asks for, in running text.
    RequestedReleaseDate = "requested"."release_date",
    RequestedHomeAddress = "requested"."home_address",
    RequestedWorkAddress = "requested"."work_address",
    RequestedRecords = "requested"."records",
    RequestedAccess = "requested"."access",
    RequestedInterview = "requested"."interview",
    RequestedHold = "requested"."hold",
    /// What a request is.
    ClassificationAdministrativeSubpoena = "classification"."administrative_subpoena",
    ClassificationDetainer = "classification"."detainer",
    ClassificationInformationRequest = "classification"."information_request",
    ClassificationCourtOrder = "classification"."court_order",
    /// What a request is, with the article that agrees with it ("an administrative subpoena").
    AClassificationAdministrativeSubpoena = "a_classification"."administrative_subpoena",
    AClassificationDetainer = "a_classification"."detainer",
    AClassificationInformationRequest = "a_classification"."information_request",
    AClassificationCourtOrder = "a_classification"."court_order",
    /// The memo's "Re:" line: what was received on `{received}` about `{subject}`.
    MemoSubjectAdministrativeSubpoena = "memo_subject"."administrative_subpoena" ["received", "subject"],
    MemoSubjectDetainer = "memo_subject"."detainer" ["received", "subject"],
    MemoSubjectInformationRequest = "memo_subject"."information_request" ["received", "subject"],
    MemoSubjectCourtOrder = "memo_subject"."court_order" ["received", "subject"],
    /// What class of paper a recognised form is.
    FormDetainer = "form"."detainer",
    FormAdministrativeWarrant = "form"."administrative_warrant",
    FormAdministrativeSubpoena = "form"."administrative_subpoena",
    FormJudicial = "form"."judicial",
    /// Why a request was classified so; `{form}` is the form's number, title and class.
    ReasonCourtForm = "reason"."court_form" ["form"],
    ReasonCourtFormDisputed = "reason"."court_form_disputed" ["form"],
    ReasonSignedByJudge = "reason"."signed_by_judge",
    ReasonSubpoenaByForm = "reason"."subpoena_by_form",
    ReasonSubpoenaByKind = "reason"."subpoena_by_kind",
    ReasonDetainerByForm = "reason"."detainer_by_form",
    ReasonDetainerByHold = "reason"."detainer_by_hold",
    ReasonDetainerByKind = "reason"."detainer_by_kind",
    ReasonInformationRequest = "reason"."information_request",
    /// A state's directory page's title; `{state}` is the state's name.
    DirectoryTitle = "directory"."title" ["state"],
    /// What the directory lists.
    DirectoryIntro = "directory"."intro",
    /// When a fact is marked stale; `{days}` the threshold, `{today}` the date counted from.
    DirectoryStaleRule = "directory"."stale_rule" ["days", "today"],
    /// The link to the directory page (from the home page and the coverage page).
    DirectoryLink = "directory"."link",
    /// The heading of the index of counties, and the counties' table's subject.
    DirectoryCounties = "directory"."counties",
    /// The networks' table's heading.
    DirectoryNetworks = "directory"."networks",
    /// The providers' table's heading.
    DirectoryProviders = "directory"."providers",
    /// A table's caption; `{what}` is what it lists.
    DirectorySortedByName = "directory"."sorted_by_name" ["what"],
    /// Column: the entry's name.
    DirectoryName = "directory"."name",
    /// Column: the counties it serves.
    DirectoryServes = "directory"."serves",
    /// Column: phone.
    DirectoryPhone = "directory"."phone",
    /// Column: website.
    DirectoryWebsite = "directory"."website",
    /// Column: hours.
    DirectoryHours = "directory"."hours",
    /// A fact declared unknown, in a cell.
    DirectoryNotKnown = "directory"."not_known",
    /// When a fact was last read; `{date}` is its `verified` date.
    DirectoryLastRead = "directory"."last_read" ["date"],
    /// The same, for a stale fact; `{days}` is the threshold.
    DirectoryStaleRead = "directory"."stale_read" ["date", "days"],
    /// The heading of the sections per county.
    DirectoryByCounty = "directory"."by_county",
    /// No network or provider known (a kind's table, a county's section).
    DirectoryNone = "directory"."none",
    /// The coverage page's title; `{state}` is the state's name.
    DirectoryCoverageTitle = "directory"."coverage_title" ["state"],
    /// What the coverage page counts.
    DirectoryCoverageIntro = "directory"."coverage_intro",
    /// The link to the coverage page.
    DirectoryCoverageLink = "directory"."coverage_link",
    /// Column: the county.
    DirectoryCounty = "directory"."county",
    /// Column: facts known.
    DirectoryKnown = "directory"."known",
    /// Column: facts unknown.
    DirectoryUnknown = "directory"."unknown",
    /// Column: facts stale.
    DirectoryStale = "directory"."stale",
    /// Column: the share of facts known.
    DirectoryShare = "directory"."share",
    /// The totals row's heading.
    DirectoryTotal = "directory"."total",
}

/// The shipped tables by language code, read and checked once.
static TABLES: LazyLock<Result<BTreeMap<String, Table>, Vec<Diagnostic>>> =
    LazyLock::new(table::shipped);

/// What is wrong with the shipped tables (nothing, unless the binary was built from broken
/// ones: `cargo test` reads them too). The commands report these before anything renders.
pub fn problems() -> &'static [Diagnostic] {
    TABLES.as_ref().err().map_or(&[], Vec::as_slice)
}

fn table(lang: Lang) -> Option<&'static Table> {
    TABLES.as_ref().ok()?.get(lang.code())
}

/// The string `text` in `lang` (empty only when [`problems`] has said why).
pub fn t(lang: Lang, text: Text) -> &'static str {
    table(lang).map_or("", |table| table.text(text))
}

/// `text` in `lang` with its placeholders filled (`{form}` → `values`' "form").
pub fn t_with(lang: Lang, text: Text, values: &[(&str, &str)]) -> String {
    table::fill(t(lang, text), values)
}

/// A date as written in running text: "November 27, 2026" / "27 de noviembre de 2026".
pub fn long_date(lang: Lang, date: time::Date) -> String {
    let Some(format) = table(lang).map(|t| &t.date) else {
        return String::new();
    };
    let month = &format.months[date.month() as usize - 1];
    table::fill(
        &format.pattern,
        &[
            ("day", &date.day().to_string()),
            ("month", month),
            ("year", &date.year().to_string()),
        ],
    )
}

/// "A, B, and C" / "A, B y C" / "Oregón e Illinois": the language's separator, serial comma
/// and conjunction (the first of its rules that fits the last item).
pub fn join_list(lang: Lang, items: &[String]) -> String {
    let Some(format) = table(lang).map(|t| &t.list) else {
        return String::new();
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let and = table::first_rule(&format.and, &last.to_lowercase())
                .map_or("", |(rule, _)| rule.write.as_str());
            let comma = if format.serial_comma && init.len() > 1 {
                format.separator.trim_end()
            } else {
                ""
            };
            format!("{}{comma}{and}{last}", init.join(&format.separator))
        }
    }
}

/// The label of a fill-in for `owner`'s fact `field`: "[Public Defender's phone]",
/// "[Teléfono de la Defensoría Pública]".
pub fn possessive(lang: Lang, owner: &str, field: Text) -> String {
    let Some(format) = table(lang).map(|t| &t.possessive) else {
        return String::new();
    };
    let Some((rule, rest)) = table::first_rule(&format.rules, owner) else {
        return String::new();
    };
    let label = table::fill(
        &rule.write,
        &[("owner", owner), ("rest", rest), ("field", t(lang, field))],
    );
    if format.capitalize {
        capitalize(&label)
    } else {
        label
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The face Word sets `lang`'s East Asian characters in, if its table names one.
pub fn east_asian_font(lang: Lang) -> Option<&'static str> {
    table(lang)?.typography.east_asian_font.as_deref()
}

/// The embedded faces the PDF sets `lang`'s own characters in, before the Latin faces.
pub fn pdf_fonts(lang: Lang) -> &'static [String] {
    table(lang).map_or(&[], |t| t.typography.pdf_fonts.as_slice())
}

/// How far a translation was checked, as its template says on its first line
/// (`{{!-- translation: draft --}}`): printed on the document's first page and beside it on
/// the site, and `check` lists every draft. English, the language the documents are written
/// in, is no translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Translation {
    /// Not yet reviewed by a qualified translator.
    Draft,
    /// Reviewed by a qualified translator.
    Reviewed,
    /// Certified by a qualified translator.
    Certified,
}

impl Translation {
    /// Every status, as a template names it.
    pub const ALL: [(&'static str, Translation); 3] = [
        ("draft", Translation::Draft),
        ("reviewed", Translation::Reviewed),
        ("certified", Translation::Certified),
    ];

    /// The status a template's first line states: `Ok(None)` when it has no status line,
    /// `Err` with what it wrote when the line names no status.
    pub fn of_template(text: &str) -> Result<Option<Translation>, String> {
        let first = text.lines().next().unwrap_or_default().trim();
        let Some(status) = first
            .strip_prefix("{{!--")
            .and_then(|rest| rest.strip_suffix("--}}"))
            .and_then(|inner| inner.trim().strip_prefix("translation:"))
        else {
            return Ok(None);
        };
        let status = status.trim();
        Translation::ALL
            .iter()
            .find(|(name, _)| *name == status)
            .map(|(_, t)| Some(*t))
            .ok_or_else(|| status.to_string())
    }

    /// Its name in a template's status line.
    pub fn name(self) -> &'static str {
        Translation::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("draft", |(name, _)| name)
    }

    /// The line on the document's first page, in `lang`.
    pub fn line(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                Translation::Draft => Text::TranslationDraft,
                Translation::Reviewed => Text::TranslationReviewed,
                Translation::Certified => Text::TranslationCertified,
            },
        )
    }

    /// The short label beside the document on the site, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        t(
            lang,
            match self {
                Translation::Draft => Text::SiteTranslationDraft,
                Translation::Reviewed => Text::SiteTranslationReviewed,
                Translation::Certified => Text::SiteTranslationCertified,
            },
        )
    }
}

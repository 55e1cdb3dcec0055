//! The year the report tests drive, as data: 40 requests to the sheriffs of `us/ca/alameda`,
//! `us/il` and `us/or` (every kind, received across 2026's months, a few in 2025 and 2027), and
//! two more that test who gets a report (Alameda's probation department, with only a 2025
//! request and a 2026 transfer; Washington, whose law requires no report). Each says how it is
//! recorded (`respond` or `register add`), how it is closed, its custody events and which
//! documents are marked sent. This list is the tests' own record of what they did: the expected
//! figures are computed from it ([`crate::report_year`]), never from the register.
//!
//! The counts are chosen so that the suppression rule is exercised: in Alameda's TRUTH Act data
//! the kinds group has exactly one cell of 1–4 (court orders) and a tie for the secondary cell,
//! the outcomes have several cells of 1–4, a zero and cells of 5 or more, access by month
//! several cells of 1–4 and zeros; in Oregon's compilation the outcomes have exactly one cell of
//! 1–4 (open) without a tie; probation's access total is 1–4 itself.

/// What a request is, as the register records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Detainer,
    Info,
    Subpoena,
    Court,
}

impl Kind {
    /// Its word in the register and in `register add --kind`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Kind::Detainer => "detainer",
            Kind::Info => "information_request",
            Kind::Subpoena => "administrative_subpoena",
            Kind::Court => "court_order",
        }
    }

    /// Its `kind:` in a request file (a court order arrives as a warrant a judge signed).
    pub(crate) fn request_kind(self) -> &'static str {
        match self {
            Kind::Court => "judicial_warrant",
            other => other.key(),
        }
    }

    /// The form as printed on it.
    pub(crate) fn form(self) -> &'static str {
        match self {
            Kind::Detainer => "I-247A",
            Kind::Info => "Request for information",
            Kind::Subpoena => "I-138",
            Kind::Court => "Arrest warrant",
        }
    }

    pub(crate) const ALL: [Kind; 4] = [Kind::Detainer, Kind::Info, Kind::Subpoena, Kind::Court];
}

/// How a request gets into the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// A request file answered with `respond --draft` (the shipped tree leaves facts unknown).
    Respond,
    /// `register add`.
    Add,
}

/// A custody event: `register custody --event EVENT --at AT [--to TO] [--offense OFFENSE]`.
#[derive(Debug, Clone)]
pub(crate) struct Custody {
    /// As on the command line: `bail-posted`, `released`, `transferred`.
    pub(crate) event: &'static str,
    pub(crate) at: &'static str,
    pub(crate) to: Option<&'static str>,
    pub(crate) offense: Option<&'static str>,
}

/// One request of the year and everything done to it, in order.
#[derive(Debug, Clone)]
pub(crate) struct Req {
    /// Its number in this list (from 1): names its request file and its markers.
    pub(crate) n: usize,
    pub(crate) jurisdiction: &'static str,
    pub(crate) agency: &'static str,
    pub(crate) received: &'static str,
    pub(crate) kind: Kind,
    pub(crate) via: Via,
    pub(crate) requested: Vec<&'static str>,
    pub(crate) juvenile: bool,
    /// `register close --outcome O --on D`, in order (the last is the outcome).
    pub(crate) closes: Vec<(&'static str, &'static str)>,
    pub(crate) custody: Vec<Custody>,
    /// `register sent ID DOCUMENT --on D`, in order.
    pub(crate) sent: Vec<(&'static str, &'static str)>,
}

impl Req {
    fn asks(mut self, items: &[&'static str]) -> Self {
        self.requested = items.to_vec();
        self
    }

    fn close(mut self, outcome: &'static str, on: &'static str) -> Self {
        self.closes.push((outcome, on));
        self
    }

    fn juvenile(mut self) -> Self {
        self.juvenile = true;
        self
    }

    fn custody(
        mut self,
        event: &'static str,
        at: &'static str,
        to: Option<&'static str>,
        offense: Option<&'static str>,
    ) -> Self {
        self.custody.push(Custody {
            event,
            at,
            to,
            offense,
        });
        self
    }

    fn sent(mut self, document: &'static str, on: &'static str) -> Self {
        self.sent.push((document, on));
        self
    }

    fn agency(mut self, agency: &'static str) -> Self {
        self.agency = agency;
        self
    }

    /// Its latest outcome and the day it was decided; `None` while open.
    pub(crate) fn outcome(&self) -> Option<(&'static str, &'static str)> {
        self.closes.last().copied()
    }

    /// The year it was received.
    pub(crate) fn year(&self) -> &'static str {
        &self.received[..4]
    }
}

pub(crate) const CA: &str = "us/ca/alameda";
pub(crate) const IL: &str = "us/il";
pub(crate) const OR: &str = "us/or";
pub(crate) const WA: &str = "us/wa";

const ICE: Option<&str> = Some("U.S. Immigration and Customs Enforcement");

/// The year's requests, numbered from 1.
#[allow(clippy::too_many_lines)] // one line a request reads better than a split table
pub(crate) fn plan() -> Vec<Req> {
    use Kind::{Court, Detainer, Info, Subpoena};
    use Via::{Add, Respond};
    let mut n = 0;
    let mut r = |jurisdiction, received, kind: Kind, via| {
        n += 1;
        Req {
            n,
            jurisdiction,
            agency: "sheriff",
            received,
            kind,
            via,
            requested: vec!["release_date"],
            juvenile: false,
            closes: Vec::new(),
            custody: Vec::new(),
            sent: Vec::new(),
        }
    };
    let hold = ["hold", "release_date"];
    let interview = ["release_date", "interview"];
    vec![
        // Alameda, 2026: 7 detainers, 5 information requests, 5 subpoenas, 1 court order.
        r(CA, "2026-01-08", Detainer, Respond)
            .asks(&hold)
            .close("declined", "2026-01-09")
            .sent("letter-detainer", "2026-01-09")
            .sent("notice-simultaneous", "2026-01-09")
            // Transferred on a criminal warrant, at the same minute as request 6: the DOJ
            // items are ordered by time, then request number.
            .custody(
                "transferred",
                "2026-07-02T10:30",
                Some("Contra Costa County Sheriff's Office"),
                Some("PC 459"),
            ),
        // A notice California's law requires, marked sent for a request `register add`
        // recorded (the register knows it is required, not that it was written).
        r(CA, "2026-01-20", Detainer, Add)
            .asks(&hold)
            .close("declined", "2026-01-22")
            .sent("notice-simultaneous", "2026-01-23"),
        // Closed twice: the latest decision counts, and its date.
        r(CA, "2026-02-03", Detainer, Respond)
            .close("declined", "2026-02-04")
            .close("notified", "2026-03-10"),
        r(CA, "2026-02-17", Detainer, Add).close("notified", "2026-03-18"),
        r(CA, "2026-03-05", Detainer, Respond)
            .asks(&hold)
            .juvenile()
            .close("declined", "2026-03-06"),
        r(CA, "2026-04-14", Detainer, Add)
            .asks(&["hold", "interview"])
            .close("transferred", "2026-07-02")
            .custody("transferred", "2026-07-02T10:30", ICE, Some("PC 245(a)(1)")),
        r(CA, "2026-05-26", Detainer, Respond)
            .asks(&hold)
            .close("transferred", "2026-07-15")
            .custody("bail-posted", "2026-07-14T09:00", None, None)
            .custody("transferred", "2026-07-15T08:00", ICE, Some("PC 211")),
        // Decided in 2027: an outcome of 2026's requests, not ICE access in 2026.
        r(CA, "2026-06-09", Info, Add)
            .asks(&interview)
            .close("notified", "2027-01-05"),
        r(CA, "2026-06-23", Info, Respond)
            .asks(&interview)
            .close("notified", "2026-07-20"),
        r(CA, "2026-08-04", Info, Add)
            .asks(&interview)
            .close("interview-with-consent", "2026-11-03"),
        r(CA, "2026-08-18", Info, Respond)
            .asks(&interview)
            .close("declined", "2026-08-19"),
        r(CA, "2026-09-01", Info, Add).asks(&interview),
        r(CA, "2026-09-15", Subpoena, Respond)
            .asks(&["records"])
            .close("declined", "2026-09-16"),
        r(CA, "2026-10-06", Subpoena, Add)
            .asks(&["records"])
            .close("declined", "2026-10-07"),
        r(CA, "2026-10-20", Subpoena, Respond)
            .asks(&["records", "home_address"])
            .close("notified", "2026-11-24"),
        r(CA, "2026-11-09", Subpoena, Add)
            .asks(&["records"])
            .close("declined", "2026-11-10"),
        r(CA, "2026-12-01", Subpoena, Add).asks(&["records"]),
        r(CA, "2026-12-14", Court, Respond)
            .asks(&["access"])
            .close("court-order-obeyed", "2026-12-15"),
        // Alameda, 2025: one decided in 2026 (ICE access in 2026), one transferred in 2025.
        r(CA, "2025-11-12", Info, Add)
            .asks(&["records"])
            .close("notified", "2026-01-15"),
        r(CA, "2025-12-01", Detainer, Respond)
            .asks(&["hold"])
            .close("transferred", "2025-12-20")
            .custody("transferred", "2025-12-20T11:00", ICE, Some("PC 273.5")),
        // Alameda, 2027.
        r(CA, "2027-01-04", Detainer, Add).asks(&["hold"]),
        // Illinois, 2026: 4 detainers, 1 information request, 1 subpoena, 1 court order.
        r(IL, "2026-01-13", Detainer, Respond)
            .asks(&hold)
            .close("declined", "2026-01-14")
            .custody("bail-posted", "2026-02-10T14:05", None, None)
            .custody("released", "2026-02-10T18:40", None, None)
            .sent("letter-detainer", "2026-01-14")
            .sent("notice-public-defender", "2026-01-15"),
        r(IL, "2026-03-02", Detainer, Add)
            .asks(&["hold"])
            .close("declined", "2026-03-03")
            .custody(
                "transferred",
                "2026-04-22T09:15",
                Some("Cook County Sheriff's Office"),
                None,
            ),
        // Bail posted twice: the latest counts.
        r(IL, "2026-05-01", Detainer, Respond)
            .asks(&hold)
            .close("other", "2026-05-02")
            .custody("bail-posted", "2026-05-03T10:00", None, None)
            .custody("bail-posted", "2026-05-20T11:30", None, None)
            .custody("released", "2026-05-20T16:00", None, None)
            .sent("letter-detainer", "2026-05-02"),
        r(IL, "2026-08-19", Detainer, Add),
        r(IL, "2026-06-11", Info, Respond)
            .asks(&["release_date", "home_address"])
            .close("declined", "2026-06-12")
            .sent("letter-information-request", "2026-06-12"),
        r(IL, "2026-09-08", Subpoena, Add)
            .asks(&["records"])
            .close("other", "2026-09-09")
            .close("declined", "2026-09-15"),
        r(IL, "2026-10-21", Court, Respond)
            .asks(&["access"])
            .close("court-order-obeyed", "2026-10-22"),
        // Illinois, 2025, with a release in 2026: not in 2026's report.
        r(IL, "2025-12-28", Detainer, Add)
            .asks(&["hold"])
            .close("declined", "2026-01-04")
            .custody("released", "2026-01-05T09:00", None, None),
        // Oregon, 2026: 5 information requests and 5 subpoenas, in February, July, November.
        r(OR, "2026-02-02", Info, Respond).close("declined", "2026-02-03"),
        r(OR, "2026-02-09", Info, Add).close("declined", "2026-02-10"),
        r(OR, "2026-02-16", Subpoena, Respond)
            .asks(&["records"])
            .close("declined", "2026-02-17"),
        r(OR, "2026-02-23", Subpoena, Add)
            .asks(&["records"])
            .close("declined", "2026-02-24"),
        r(OR, "2026-02-26", Info, Respond)
            .asks(&["work_address"])
            .close("declined", "2026-02-27"),
        r(OR, "2026-07-07", Subpoena, Respond)
            .asks(&["records"])
            .close("declined", "2026-07-08"),
        r(OR, "2026-11-03", Info, Add).close("declined", "2026-11-04"),
        r(OR, "2026-11-10", Subpoena, Respond)
            .asks(&["records", "home_address"])
            .close("declined", "2026-11-11"),
        r(OR, "2026-11-17", Info, Respond),
        r(OR, "2026-11-24", Subpoena, Add)
            .asks(&["records"])
            .close("declined", "2026-11-25"),
        // Oregon, 2027.
        r(OR, "2027-01-06", Info, Add),
        // Beyond the 40: a department whose only 2026 fact is a transfer, and a state whose law
        // requires no report.
        r(CA, "2025-11-20", Detainer, Add)
            .agency("probation")
            .close("transferred", "2026-01-09")
            .custody("transferred", "2026-01-09T08:30", ICE, Some("PC 245(a)(1)")),
        r(WA, "2026-04-01", Info, Add),
    ]
}

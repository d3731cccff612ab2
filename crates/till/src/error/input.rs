//! What is wrong with a value a person typed or a setting holds: the problems [`super::TillError::InvalidInput`]
//! carries, worded by `desk::wording`.

use providers::target::TargetProblem;

/// What is wrong with a value typed by a person or set in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputProblem {
    Missing,
    NotDigits,
    /// A customer document that is neither 8 (DNI) nor 11 (RUC) digits long.
    DocumentLength {
        digits: usize,
    },
    DniLength,
    RucLength,
    RucPrefix,
    RucCheckDigit,
    TooLong {
        digits: usize,
        max: usize,
    },
    /// undo-billing with a RUC that does not start with 10.
    UndoNeedsPersonRuc,
    UnknownMode,
    UnknownLang,
    /// Not a country a till can be set for (PE, ES).
    UnknownCountry,
    /// The country cannot change while a shift is open: its drawer is counted in the old currency.
    CountryWithShiftOpen,
    UnknownState,
    ApiUrl(UrlProblem),
    Day,
    /// A person's name: 2 to 40 characters.
    PersonName,
    /// A PIN: 4 to 8 digits.
    Pin,
    /// An approval's reason: a few words at least.
    Reason,
    /// The idle lock: 1 to 60 minutes.
    IdleMinutes,
    /// The number of backups to keep: 1 to 100.
    BackupGenerations,
    /// The hours an update is postponed: 1 to 72.
    PostponeHours,
    /// The backup folder: a full path (a USB drive, a network share), not inside the data folder.
    BackupFolder,
    /// The backup folder does not exist (a USB drive not plugged in, a share not mounted).
    BackupFolderMissing,
    /// The backup folder exists but a file cannot be written in it (read-only, no permission, full).
    BackupFolderNotWritable,
    /// Not one of the tenders (efectivo, tarjeta, yape/plin, transferencia).
    Tender,
    /// The card's last digits: exactly four digits.
    CardLast4,
    /// The card terminal's authorization code: up to 12 letters and digits.
    CardAuthorization,
    /// Cash received: more than zero, and at least the amount (`short_by` says how much is missing).
    Received {
        short_by: Option<providers::Soles>,
    },
    /// Not a PEN coin or note (0.10, 0.20, 0.50, 1, 2, 5, 10, 20, 50, 100, 200).
    Denomination,
    /// A number of pieces: a whole number a drawer can hold.
    PieceCount,
    /// A count is written `200=3,100=1,0.50=4` (or a JSON object).
    CountFormat,
    /// An amount of money: positive, in soles with at most two decimals.
    Amount,
    /// The thermal printer: `tcp:HOST[:PORT]`, `cups:QUEUE` or `file:PATH`.
    ThermalPrinter,
    /// No confirmed payment with that number (or none yet) to print a receipt of.
    NoReceipt,
    /// A web page of the store: an `https://` address with a host.
    HttpsUrl,
    /// What is being bought: 3 to 200 characters.
    OrderDescription,
    /// The customer's name: letters, at most 120 characters.
    CustomerName,
    /// A Peruvian mobile number: 9 digits starting with 9.
    Phone,
    /// An order id: letters, digits, `-`, `_`, `.`, at most 64.
    OrderId,
    /// The store's or the till's code in order ids: 1 to 8 letters or digits.
    StoreCode,
    /// How long an order stays open: 10 minutes to 12 hours.
    ExpiryMinutes,
}

/// What the provider URL rule ([`providers::target`]) refused, as the till words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    Scheme,
    NoHost,
    Malformed,
    /// A user name or password in the URL: the token is kept apart, never in the URL.
    Credentials,
    QueryOrFragment,
    PlainHttpInLive,
}

impl From<TargetProblem> for UrlProblem {
    fn from(problem: TargetProblem) -> Self {
        match problem {
            TargetProblem::Scheme => UrlProblem::Scheme,
            TargetProblem::NoHost => UrlProblem::NoHost,
            TargetProblem::Malformed => UrlProblem::Malformed,
            TargetProblem::Credentials => UrlProblem::Credentials,
            TargetProblem::QueryOrFragment => UrlProblem::QueryOrFragment,
            TargetProblem::PlainHttp => UrlProblem::PlainHttpInLive,
        }
    }
}

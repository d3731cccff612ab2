//! Masking what must not leave the till in a log line or a support bundle: the secrets Caja knows
//! (the provider token, keys), anything written as a bearer credential, and, for the bundle, the
//! customers' documents (Peru's DNI of 8 digits and RUC of 11, Spain's DNI and NIE) and e-mail
//! addresses. It works on text as it was written, so it also catches a value that reached a file by a
//! path nobody foresaw.

/// What a masked value reads as.
pub const MASK: &str = "***";

/// The secrets Caja holds, as text to find and mask. Values too short to be a credential are ignored
/// (masking every "1" of a file would hide the file, not a secret).
#[derive(Clone, Default)]
pub struct Secrets(Vec<String>);

impl std::fmt::Debug for Secrets {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "Secrets({} ***)", self.0.len())
    }
}

impl Secrets {
    pub fn new(values: impl IntoIterator<Item = String>) -> Secrets {
        let mut values: Vec<String> = values
            .into_iter()
            .map(|value| value.trim().to_owned())
            .filter(|value| value.len() >= 6)
            .collect();
        // Longest first: a secret that contains another is masked whole.
        values.sort_by_key(|value| std::cmp::Reverse(value.len()));
        values.dedup();
        Secrets(values)
    }

    /// The known secrets and bearer credentials masked; what a log line may keep.
    pub fn mask(&self, text: &str) -> String {
        let mut masked = text.to_owned();
        for secret in &self.0 {
            if masked.contains(secret.as_str()) {
                masked = masked.replace(secret.as_str(), MASK);
            }
        }
        mask_bearers(&masked)
    }

    /// [`Secrets::mask`], and the customers' documents and e-mail addresses too: what a support
    /// bundle may keep.
    pub fn mask_personal(&self, text: &str) -> String {
        mask_emails(&mask_documents(&self.mask(text)))
    }
}

/// `Bearer <anything>` (any case) becomes `Bearer ***`.
fn mask_bearers(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    let mut from = 0;
    while let Some(found) = lower[from..].find("bearer ") {
        let start = from + found + "bearer ".len();
        let end = text[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';'))
            .map_or(text.len(), |length| start + length);
        out.push_str(&text[rest..start]);
        if end > start {
            out.push_str(MASK);
        }
        rest = end;
        from = end.max(start);
    }
    out.push_str(&text[rest..]);
    out
}

/// Runs of exactly 8 digits (Peru's DNI, Spain's DNI before its letter) or 11 (a RUC), and Spain's
/// NIE (`X`, `Y` or `Z`, 7 digits, a letter), become `#`s. Longer or shorter runs (amounts, ids,
/// timestamps) stay.
fn mask_documents(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < chars.len() {
        if !chars[index].is_ascii_digit() {
            out.push(chars[index]);
            index += 1;
            continue;
        }
        let start = index;
        while index < chars.len() && chars[index].is_ascii_digit() {
            index += 1;
        }
        let length = index - start;
        let before = start
            .checked_sub(1)
            .map(|at| chars[at].to_ascii_uppercase());
        let after_letter = chars.get(index).is_some_and(char::is_ascii_alphabetic);
        let nie = length == 7 && matches!(before, Some('X' | 'Y' | 'Z')) && after_letter;
        if matches!(length, 8 | 11) || nie {
            out.extend(std::iter::repeat_n('#', length));
        } else {
            out.extend(&chars[start..index]);
        }
    }
    out
}

/// `name@example.com` becomes `***@example.com`: the domain says which provider wrote, the person
/// stays out.
fn mask_emails(text: &str) -> String {
    let is_local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let local_start = rest[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_local(*c))
            .last()
            .map_or(at, |(index, _)| index);
        let domain_ok = rest[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        out.push_str(&rest[..local_start]);
        if local_start < at && domain_ok {
            out.push_str(MASK);
        } else {
            out.push_str(&rest[local_start..at]);
        }
        out.push('@');
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_bearers_are_masked() {
        let secrets = Secrets::new(["tok-live-123456".to_owned(), "1".to_owned()]);
        let line = "sent with tok-live-123456; Authorization: Bearer abc.def-1 done 1";
        assert_eq!(
            secrets.mask(line),
            "sent with ***; Authorization: Bearer *** done 1"
        );
        assert!(!format!("{secrets:?}").contains("tok-live"));
    }

    #[test]
    fn documents_and_emails_are_masked_in_the_bundle_only() {
        let secrets = Secrets::default();
        let line = "dni 45678912 ruc 20123456789 dni-es 12345678Z nie X1234567L mail ana.p@x.com \
                    total 1500 id T01-C1-A000001 ts 1733050000123";
        let masked = secrets.mask_personal(line);
        for gone in ["45678912", "20123456789", "12345678", "1234567", "ana.p"] {
            assert!(!masked.contains(gone), "{gone} in {masked}");
        }
        for kept in ["1500", "T01-C1-A000001", "1733050000123", "@x.com"] {
            assert!(masked.contains(kept), "{kept} lost in {masked}");
        }
        assert_eq!(secrets.mask(line), line);
    }
}

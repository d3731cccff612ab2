//! A release as Central keeps it: checked when published (the signature holds against the chain's
//! release key and names the version it is published as), then chosen per store.

use deadpool_postgres::Pool;
use minisign_verify::{PublicKey, Signature};
use sha2::{Digest, Sha256};

use crate::error::{Failure, StorageContext};

/// One bundle of one version for one updater target, as the release manager hands it over.
pub struct NewRelease {
    pub version: String,
    /// The Tauri updater's target: `linux-x86_64-deb`, `linux-x86_64-appimage`, `windows-x86_64-msi`…
    pub target: String,
    pub notes: String,
    pub bundle: Vec<u8>,
    /// The `.sig` file `tauri signer sign --app-version` (or `tauri build`) writes: base64 text.
    pub signature: String,
}

/// Why a release is not taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReleaseRefusal {
    #[error(
        "Central has no release key: set update_public_key in its configuration (or CAJA_CENTRAL_UPDATE_PUBLIC_KEY) to the chain's .pub file"
    )]
    NoKey,
    #[error("`{0}` is not a version such as 0.2.0")]
    BadVersion(String),
    #[error("`{0}` is not an updater target such as linux-x86_64-deb")]
    BadTarget(String),
    #[error("the release key in Central's configuration is not a minisign public key ({0})")]
    BadKey(String),
    #[error(
        "the signature is not a minisign signature (give the .sig file `tauri signer sign` wrote): {0}"
    )]
    BadSignature(String),
    #[error(
        "the signature does not hold for this bundle: it was not signed with the chain's release key, or the bundle changed after signing"
    )]
    Mismatch,
    #[error(
        "the signature carries no version: sign the bundle with `tauri signer sign --app-version {0}`"
    )]
    NoSignedVersion(String),
    #[error("the bundle was signed as version {signed}, not {published}")]
    VersionMismatch { signed: String, published: String },
}

/// A version as the updater compares it (`v` prefix allowed).
pub fn parse_version(text: &str) -> Option<semver::Version> {
    semver::Version::parse(text.trim().trim_start_matches('v')).ok()
}

fn is_target(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// Checks `signature` (base64 of a minisign signature file) over `bundle` with `public_key` (base64 of
/// a minisign public key file), and that its trusted comment names `version`: the same checks the
/// till's updater makes, so a release that would be refused by every till is refused here first.
pub fn verify(
    public_key: &str,
    bundle: &[u8],
    signature: &str,
    version: &str,
) -> Result<(), ReleaseRefusal> {
    let key_text = base64_text(public_key).map_err(ReleaseRefusal::BadKey)?;
    let key = PublicKey::decode(&key_text).map_err(|e| ReleaseRefusal::BadKey(e.to_string()))?;
    let signature_text = base64_text(signature).map_err(ReleaseRefusal::BadSignature)?;
    let signature = Signature::decode(&signature_text)
        .map_err(|e| ReleaseRefusal::BadSignature(e.to_string()))?;
    key.verify(bundle, &signature, true)
        .map_err(|_| ReleaseRefusal::Mismatch)?;
    let signed = signature
        .trusted_comment()
        .split('\t')
        .find_map(|field| field.strip_prefix("version:"))
        .ok_or_else(|| ReleaseRefusal::NoSignedVersion(version.to_owned()))?;
    if parse_version(signed) != parse_version(version) {
        return Err(ReleaseRefusal::VersionMismatch {
            signed: signed.to_owned(),
            published: version.to_owned(),
        });
    }
    Ok(())
}

fn base64_text(text: &str) -> Result<String, String> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .map_err(|_| "not base64".to_owned())?;
    String::from_utf8(bytes).map_err(|_| "not text once decoded".to_owned())
}

fn refused(refusal: ReleaseRefusal) -> Failure {
    Failure::bad_request(refusal.to_string())
}

/// Checks and keeps a release; publishing the same version and target again replaces it (a re-signed
/// bundle), which only matters to tills that have not downloaded it yet.
pub async fn publish(
    pool: &Pool,
    public_key: Option<&str>,
    release: &NewRelease,
    by: &str,
) -> Result<String, Failure> {
    let version = parse_version(&release.version)
        .ok_or_else(|| refused(ReleaseRefusal::BadVersion(release.version.clone())))?
        .to_string();
    if !is_target(&release.target) {
        return Err(refused(ReleaseRefusal::BadTarget(release.target.clone())));
    }
    let key = public_key.ok_or_else(|| refused(ReleaseRefusal::NoKey))?;
    verify(key, &release.bundle, &release.signature, &version).map_err(refused)?;
    let sha256 = hex::encode(Sha256::digest(&release.bundle));
    let client = pool.get().await.storage("keep the release")?;
    client
        .execute(
            "INSERT INTO app_release (version, target, notes, signature, bundle, sha256, published_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (version, target) DO UPDATE SET notes = EXCLUDED.notes,
                signature = EXCLUDED.signature, bundle = EXCLUDED.bundle, sha256 = EXCLUDED.sha256,
                published_at = now(), published_by = EXCLUDED.published_by",
            &[
                &version,
                &release.target,
                &release.notes.trim(),
                &release.signature.trim(),
                &release.bundle,
                &sha256,
                &by,
            ],
        )
        .await
        .storage("keep the release")?;
    tracing::info!(%version, target = %release.target, %sha256, %by, "release published");
    Ok(sha256)
}

/// Chooses the version `store` gets. The version must have been published (for some target).
pub async fn assign(pool: &Pool, store: &str, version: &str, by: &str) -> Result<(), Failure> {
    let version = parse_version(version)
        .ok_or_else(|| refused(ReleaseRefusal::BadVersion(version.to_owned())))?
        .to_string();
    let client = pool.get().await.storage("choose the store's version")?;
    let published = client
        .query_opt(
            "SELECT 1 FROM app_release WHERE version = $1 LIMIT 1",
            &[&version],
        )
        .await
        .storage("choose the store's version")?
        .is_some();
    if !published {
        return Err(Failure::not_found(format!(
            "version {version} was never published: publish it first (caja-central release publish)"
        )));
    }
    let store_known = client
        .query_opt("SELECT 1 FROM store WHERE store_code = $1", &[&store])
        .await
        .storage("choose the store's version")?
        .is_some();
    if !store_known {
        return Err(Failure::not_found(format!(
            "no store `{store}` in this Central"
        )));
    }
    client
        .execute(
            "INSERT INTO store_release (store_code, version, chosen_by) VALUES ($1, $2, $3)
             ON CONFLICT (store_code) DO UPDATE SET version = EXCLUDED.version,
                chosen_by = EXCLUDED.chosen_by, chosen_at = now()",
            &[&store, &version, &by],
        )
        .await
        .storage("choose the store's version")?;
    tracing::info!(%store, %version, %by, "store's version chosen");
    Ok(())
}

/// A published version, for the page and `release list`.
#[derive(Debug, Clone)]
pub struct Published {
    pub version: String,
    pub targets: Vec<String>,
    pub published_at: String,
    pub notes: String,
}

/// Every published version, newest first.
pub async fn published(pool: &Pool) -> Result<Vec<Published>, Failure> {
    let client = pool.get().await.storage("read the releases")?;
    let rows = client
        .query(
            "SELECT version, array_agg(target ORDER BY target),
                    to_char(max(published_at) AT TIME ZONE 'America/Lima', 'DD/MM/YYYY HH24:MI'),
                    max(notes)
             FROM app_release GROUP BY version",
            &[],
        )
        .await
        .storage("read the releases")?;
    let mut releases: Vec<Published> = rows
        .iter()
        .map(|row| Published {
            version: row.get(0),
            targets: row.get(1),
            published_at: row.get(2),
            notes: row.get(3),
        })
        .collect();
    releases.sort_by_key(|release| std::cmp::Reverse(parse_version(&release.version)));
    Ok(releases)
}

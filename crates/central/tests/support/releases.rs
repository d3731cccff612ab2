//! A chain's release key and signatures made with it, as the Tauri CLI's signer makes them.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The chain's release key as `tauri signer generate` would make it: (the `.pub` file, the secret).
pub fn release_key() -> (String, minisign::SecretKey) {
    let minisign::KeyPair { pk, sk } = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let public = STANDARD.encode(pk.to_box().unwrap().to_string());
    (public, sk)
}

/// The `.sig` file `tauri signer sign --app-version {version}` writes for `bundle`.
pub fn sign(secret: &minisign::SecretKey, bundle: &[u8], version: Option<&str>) -> String {
    let trusted = match version {
        Some(version) => format!("timestamp:1796131412\tfile:caja.deb\tversion:{version}"),
        None => "timestamp:1796131412\tfile:caja.deb".to_owned(),
    };
    let signature = minisign::sign(
        None,
        secret,
        std::io::Cursor::new(bundle),
        Some(&trusted),
        Some("signature from tauri secret key"),
    )
    .unwrap();
    STANDARD.encode(signature.to_string())
}

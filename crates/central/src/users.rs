//! Head-office people: who may read the chain's day. A chain admin sees every store; a store manager
//! only the stores listed for them. Passwords are kept as argon2id PHC strings (salt and parameters
//! inside); checking one is slow on purpose, so it runs off the async threads. People are added from
//! the command line (`caja-central user add`), never from a page: the first admin has no page to use.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use deadpool_postgres::Pool;
use rand_core::OsRng;

use crate::db::DbError;

/// What a person may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    ChainAdmin,
    StoreManager,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ChainAdmin => "chain_admin",
            Role::StoreManager => "store_manager",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text.replace('-', "_").as_str() {
            "chain_admin" => Some(Role::ChainAdmin),
            "store_manager" => Some(Role::StoreManager),
            _ => None,
        }
    }
}

/// The shortest password taken.
pub const MIN_PASSWORD_CHARS: usize = 10;

fn argon2id() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// The argon2id PHC string of `password`.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2id()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2id with default parameters hashes any password")
        .to_string()
}

/// Whether `password` matches the PHC string `hash`. Without a hash (unknown e-mail) a dummy hash is
/// checked anyway, so that the time taken does not tell which e-mails exist.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("not anyone's password"));
    let known = hash.is_some();
    let Ok(parsed) = PasswordHash::new(hash.unwrap_or(dummy)) else {
        return false;
    };
    argon2id()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
        && known
}

/// Why a person could not be added.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("`{0}` is not an e-mail address")]
    Email(String),
    #[error("the password has fewer than {MIN_PASSWORD_CHARS} characters")]
    ShortPassword,
    #[error("a store manager needs at least one store (--store T01)")]
    NoStore,
    #[error("store `{0}` is not one of this Central's stores")]
    UnknownStore(String),
    #[error("{0}")]
    Db(#[from] DbError),
}

impl From<tokio_postgres::Error> for UserError {
    fn from(error: tokio_postgres::Error) -> Self {
        UserError::Db(DbError::Postgres(error))
    }
}

/// Adds a person, or replaces the name, password, role and stores of the one with that e-mail.
pub async fn add_user(
    pool: &Pool,
    email: &str,
    name: &str,
    role: Role,
    stores: &[String],
    password: &str,
) -> Result<(), UserError> {
    let email = email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 || email.chars().any(char::is_whitespace) {
        return Err(UserError::Email(email));
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(UserError::ShortPassword);
    }
    if role == Role::StoreManager && stores.is_empty() {
        return Err(UserError::NoStore);
    }
    let password = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .expect("hashing does not panic");
    let mut client = pool.get().await.map_err(DbError::from)?;
    let transaction = client.transaction().await?;
    transaction
        .execute(
            "INSERT INTO app_user (email, display_name, password_hash, role) VALUES ($1, $2, $3, $4)
             ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name,
                 password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, disabled = false",
            &[&email, &name.trim(), &hash, &role.as_str()],
        )
        .await?;
    transaction
        .execute("DELETE FROM user_store WHERE email = $1", &[&email])
        .await?;
    if role == Role::StoreManager {
        for store in stores {
            let known = transaction
                .query_opt("SELECT 1 FROM store WHERE store_code = $1", &[store])
                .await?
                .is_some();
            if !known {
                return Err(UserError::UnknownStore(store.clone()));
            }
            transaction
                .execute(
                    "INSERT INTO user_store (email, store_code) VALUES ($1, $2)",
                    &[&email, store],
                )
                .await?;
        }
    }
    // A changed password or role signs the person out everywhere.
    transaction
        .execute("DELETE FROM web_session WHERE email = $1", &[&email])
        .await?;
    transaction.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_checks_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery");
        assert!(hash.starts_with("$argon2id$v=19$"));
        assert!(verify_password("correct horse battery", Some(&hash)));
        assert!(!verify_password("correct horse batterY", Some(&hash)));
        assert!(!verify_password("not anyone's password", None));
        assert_eq!(Role::parse("chain-admin"), Some(Role::ChainAdmin));
        assert_eq!(Role::parse("cashier"), None);
    }
}

//! Password hashing (argon2id) and random tokens for sessions, CSRF and the API.
//!
//! Tokens are 256 random bits; only their SHA-256 is stored, so a copy of the database does not
//! yield working sessions or API tokens. (A slow hash is not needed for high-entropy tokens.)

use argon2::password_hash::{Output, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Hashes a password with argon2id and a fresh random salt (PHC string format).
///
/// # Errors
/// Only if argon2 rejects its parameters, which the defaults never are.
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let mut salt_bytes = [0_u8; 16];
    rand::rng().fill_bytes(&mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes)?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// A password for one first sign-in, to be replaced at once: four groups of four letters and
/// digits without look-alikes (`k7mq-…`), about 82 random bits.
pub fn one_time_password() -> crate::domain::user::NewPassword {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let text: String = (0..16)
        .map(|i| {
            let letter = ALPHABET[rand::Rng::random_range(&mut rng, 0..ALPHABET.len())] as char;
            if i > 0 && i % 4 == 0 {
                format!("-{letter}")
            } else {
                letter.to_string()
            }
        })
        .collect();
    crate::domain::user::NewPassword::generated(text)
}

/// Hashes a one-time password: argon2id with light settings (1 MiB, one pass). A guess at an
/// 82-bit random secret is hopeless however fast the hash, and a heavy one would make an import
/// of hundreds of staff take minutes. Verified like any other hash (its settings are in it).
///
/// # Errors
/// Only if argon2 rejects its parameters, which these never are.
pub fn hash_one_time_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let mut salt_bytes = [0_u8; 16];
    rand::rng().fill_bytes(&mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes)?;
    let params = Params::new(1024, 1, 1, None)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Checks a password against a stored PHC hash; a malformed hash never matches.
pub fn verify_password(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Like [`verify_password`], computing in `memory` (grown to the hash's size and kept by the
/// caller) instead of allocating the hash's memory (19 MiB by default) for every check: a
/// verifier thread that reuses its buffer keeps the process's memory flat.
pub fn verify_password_in(password: &str, stored_hash: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(stored_hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from).transpose() {
        Ok(version) => version.unwrap_or_default(),
        Err(_) => return false,
    };
    let mut salt_buffer = [0_u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buffer) else {
        return false;
    };
    memory.resize(params.block_count(), Block::default());
    let mut computed = vec![0_u8; expected.len()];
    let hashed = Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        password.as_bytes(),
        salt,
        &mut computed,
        &mut memory[..],
    );
    // `Output` compares in constant time.
    hashed.is_ok() && Output::new(&computed).is_ok_and(|computed| computed == expected)
}

/// A hash to verify against when the user does not exist, so that a wrong username takes as
/// long as a wrong password and does not reveal which accounts exist.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("kombi-dummy-password").unwrap_or_default())
}

/// 256 random bits, hex-encoded.
pub fn random_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The form a token is stored and looked up in.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two secrets in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_only_against_its_own_hash() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("wrong horse battery", &hash));
        assert!(!verify_password("anything", "not-a-hash"));
    }

    #[test]
    fn checking_in_reused_memory_agrees_with_the_library() {
        let mut memory = Vec::new();
        let default = hash_password("correct horse battery").unwrap();
        let other_params = Argon2::new(
            Algorithm::Argon2i,
            Version::V0x10,
            Params::new(4096, 2, 1, Some(24)).unwrap(),
        )
        .hash_password(
            b"correct horse battery",
            &SaltString::encode_b64(b"0123456789abcdef").unwrap(),
        )
        .unwrap()
        .to_string();
        for hash in [&default, &other_params, &default] {
            for password in ["correct horse battery", "wrong horse battery", ""] {
                assert_eq!(
                    verify_password_in(password, hash, &mut memory),
                    verify_password(password, hash),
                    "{password} against {hash}"
                );
            }
        }
        assert!(verify_password_in(
            "correct horse battery",
            &other_params,
            &mut memory
        ));
        assert!(!verify_password_in("x", "not-a-hash", &mut memory));
        assert!(!verify_password_in(
            "x",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ",
            &mut memory
        ));
    }

    #[test]
    fn one_time_passwords_differ_and_verify_against_their_light_hash() {
        let a = one_time_password();
        let b = one_time_password();
        assert_ne!(a.expose(), b.expose());
        assert_eq!(a.expose().len(), 19);
        let hash = hash_one_time_password(a.expose()).unwrap();
        assert!(verify_password(a.expose(), &hash));
        assert!(!verify_password(b.expose(), &hash));
        let mut memory = Vec::new();
        assert!(verify_password_in(a.expose(), &hash, &mut memory));
    }

    #[test]
    fn tokens_are_unique_and_hashes_stable() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
    }

    #[test]
    fn constant_time_eq_compares_content() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}

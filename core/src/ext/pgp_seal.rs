//! Sealing a secret to an OpenPGP public key: Terraform's `aws_iam_access_key.pgp_key`.
//!
//! The key is given as Terraform takes it, base64 of a *binary* (unarmored) OpenPGP public key, or
//! as an ASCII-armored public key block (`-----BEGIN PGP PUBLIC KEY BLOCK-----`), which Terraform
//! does not take. `keybase:USER` (and Terraform's newer `external:`) would need a network look-up
//! that polyiam does not make: it is refused with a validation error.
//!
//! The result is what Terraform stores in `encrypted_secret` and `key_fingerprint`: base64 of an
//! unarmored, unsigned, uncompressed OpenPGP message (one public-key encrypted session key packet
//! and a SEIPD v1 container holding a binary literal data packet with no file name), decryptable
//! with `base64 -d | gpg --decrypt`; and the primary key's fingerprint in lowercase hex.
//!
//! The recipient is chosen as Terraform's OpenPGP library (Go's `openpgp`, through Vault's
//! `pgpkeys` helper) does with `Entity.EncryptionKey`. Only self-signatures that verify count.
//! The certificate must be usable: its primary key is not revoked and not expired, and the
//! self-signature of its primary User ID (or, with no User ID, its direct-key signature) is not
//! expired, and that User ID is not revoked. Then the newest subkey whose latest binding
//! signature flags it for encrypting communications, whose algorithm can encrypt, and which is not
//! expired and not revoked is used; failing that, the primary key if its self-signature flags it
//! for encrypting communications and its algorithm can encrypt. The session key's cipher is
//! AES-128 unless the key's preferences leave it out (then AES-256, then AES-192), as Go picks.
//!
//! Parse the key with [`Recipient::parse`] *before* creating the access key, so a bad key fails
//! before IAM hands out a secret that could then not be sealed; then [`Recipient::seal`] the secret.
//! [`seal`] does both at once.

use crate::error::Error;
use base64::Engine as _;
use pgp::composed::{Deserializable, MessageBuilder, SignedPublicKey, SignedPublicSubKey};
use pgp::crypto::sym::SymmetricKeyAlgorithm;
use pgp::packet::{PublicKey, Signature, SignatureType};
use pgp::types::{KeyDetails, KeyVersion, Tag};
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// Member path a bad key is reported under in validation errors.
pub const PGP_KEY_PATH: &str = "PgpKey";
/// The validation rule of those errors.
pub const PGP_KEY_RULE: &str = "pgp_key";

const ARMOR_PUBLIC: &str = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
const ARMOR_PRIVATE: &str = "-----BEGIN PGP PRIVATE KEY BLOCK-----";
const ARMOR_ANY: &str = "-----BEGIN PGP ";

/// A sealed secret: what Terraform stores as `encrypted_secret` (or `encrypted_ses_smtp_password_v4`)
/// and `key_fingerprint`. Neither is sensitive, so `Debug` shows both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// Standard base64 of the binary OpenPGP message.
    pub encrypted_b64: String,
    /// The primary key's fingerprint, lowercase hex (40 digits for a v4 key).
    pub fingerprint: String,
}

/// A parsed, checked public key with the component key a message will be encrypted to.
#[derive(Clone)]
pub struct Recipient {
    cert: SignedPublicKey,
    target: Target,
    cipher: SymmetricKeyAlgorithm,
    fingerprint: String,
}

#[derive(Clone, Copy)]
enum Target {
    Primary,
    Subkey(usize),
}

impl fmt::Debug for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let target = match self.target {
            Target::Primary => "primary key".to_string(),
            Target::Subkey(i) => format!("subkey {}", hex(self.cert.public_subkeys[i].key.fingerprint().as_bytes())),
        };
        f.debug_struct("Recipient")
            .field("fingerprint", &self.fingerprint)
            .field("encrypt_to", &target)
            .field("cipher", &self.cipher)
            .finish()
    }
}

/// Parses `pgp_key` and seals `secret` to it (see the module documentation).
pub fn seal(pgp_key: &str, secret: &str) -> Result<Sealed, Error> {
    Recipient::parse(pgp_key)?.seal(secret)
}

impl Recipient {
    /// Parses and checks `pgp_key` now (expiry is judged against the system clock).
    pub fn parse(pgp_key: &str) -> Result<Recipient, Error> {
        Recipient::parse_at(pgp_key, SystemTime::now())
    }

    /// Parses and checks `pgp_key`, judging expiry at `now`.
    pub fn parse_at(pgp_key: &str, now: SystemTime) -> Result<Recipient, Error> {
        let cert = read_key(pgp_key)?;
        let now = now.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let fingerprint = hex(cert.primary_key.fingerprint().as_bytes());
        if cert.primary_key.version() != KeyVersion::V4 {
            return Err(bad_key(format!(
                "the key is an OpenPGP {:?} key; only v4 keys (what GnuPG makes) are supported",
                cert.primary_key.version()
            )));
        }
        let primary = &cert.primary_key;
        let sig = primary_self_signature(&cert)?;

        if cert.details.revocation_signatures.iter().any(|s| s.verify_key(primary).is_ok()) {
            return Err(bad_key(format!("the key {fingerprint} has been revoked")));
        }
        if let Some(at) = expiry(primary.created_at().as_secs(), sig.key_expiration_time().map(|d| d.as_secs())) {
            if now >= at {
                return Err(bad_key(format!("the key {fingerprint} expired at {}", rfc3339(at))));
            }
        }
        if signature_expired(sig, now) {
            return Err(bad_key(format!("the self-signature of the key {fingerprint} has expired")));
        }

        let mut best: Option<(usize, u32)> = None;
        for (i, sub) in cert.public_subkeys.iter().enumerate() {
            let Some(created) = usable_encryption_subkey(primary, sub, now) else { continue };
            if best.is_none_or(|(_, newest)| created > newest) {
                best = Some((i, created));
            }
        }
        let target = match best {
            Some((i, _)) => Target::Subkey(i),
            None if sig.key_flags().encrypt_comms() && primary.algorithm().can_encrypt() => Target::Primary,
            None => {
                return Err(bad_key(format!(
                    "the key {fingerprint} has no usable encryption key: no subkey flagged for encrypting communications \
                     that is valid now (not expired, not revoked), and the primary key is not flagged for encryption"
                )))
            }
        };
        let cipher = choose_cipher(sig.preferred_symmetric_algs());
        let recipient = Recipient { cert, target, cipher, fingerprint };
        // A key whose algorithm can encrypt in principle but that rPGP cannot encrypt to (ElGamal, an
        // unsupported curve) is refused here, before any secret exists, by encrypting nothing to it.
        if let Err(e) = recipient.message(b"") {
            return Err(bad_key(format!("cannot encrypt to the key {}: {e}", recipient.fingerprint)));
        }
        Ok(recipient)
    }

    /// The primary key's fingerprint, lowercase hex.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Encrypts `secret` to this key. Errors (internal, none expected) never include the secret.
    pub fn seal(&self, secret: &str) -> Result<Sealed, Error> {
        let message = self.message(secret.as_bytes()).map_err(|e| {
            Error::internal(format!("polyiam internal error (a bug; please report it): OpenPGP encryption failed: {e}"))
        })?;
        Ok(Sealed { encrypted_b64: base64::engine::general_purpose::STANDARD.encode(message), fingerprint: self.fingerprint.clone() })
    }

    /// The binary OpenPGP message holding `data`.
    fn message(&self, data: &[u8]) -> pgp::errors::Result<Vec<u8>> {
        // The session key and the encryption's randomness straight from the operating system.
        let rng = rand::rngs::OsRng;
        let mut builder = MessageBuilder::from_reader("", data).seipd_v1(rng, self.cipher);
        match self.target {
            Target::Primary => builder.encrypt_to_key(rng, &self.cert.primary_key)?,
            Target::Subkey(i) => builder.encrypt_to_key(rng, &self.cert.public_subkeys[i].key)?,
        };
        builder.to_vec(rng)
    }
}

fn bad_key(detail: impl fmt::Display) -> Error {
    Error::invalid(PGP_KEY_PATH, PGP_KEY_RULE, detail)
}

/// The certificate in `input`: armored, or base64 of the binary form.
fn read_key(input: &str) -> Result<SignedPublicKey, Error> {
    let text = input.trim();
    if text.is_empty() {
        return Err(bad_key("the PGP key is empty"));
    }
    for prefix in ["keybase:", "external:"] {
        if text.starts_with(prefix) {
            return Err(bad_key(format!(
                "{prefix}... keys are fetched over the network, which polyiam does not do; give the public key itself \
                 (base64 of the binary key, e.g. `gpg --export KEYID | base64 -w0`, or the armored key from `gpg --export --armor KEYID`)"
            )));
        }
    }
    if text.contains(ARMOR_PRIVATE) {
        return Err(bad_key("this is a private key block; give the public key (`gpg --export --armor KEYID`), never the private one"));
    }
    if text.contains(ARMOR_PUBLIC) {
        let (cert, _headers) = SignedPublicKey::from_armor_single(text.as_bytes())
            .map_err(|e| bad_key(format!("the armored public key block could not be read: {e}")))?;
        return Ok(cert);
    }
    if text.contains(ARMOR_ANY) {
        return Err(bad_key("this armored block is not a public key block (-----BEGIN PGP PUBLIC KEY BLOCK-----)"));
    }

    // Go's base64 (Terraform) skips line breaks; other whitespace is skipped here too.
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new().with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine.decode(compact.as_bytes()).map_err(|_| {
        bad_key("not base64 of a binary OpenPGP public key (e.g. `gpg --export KEYID | base64 -w0`) nor an armored public key block")
    })?;
    match first_packet_tag(&bytes) {
        Some(6) => {} // public-key packet
        Some(5) => {
            // secret-key packet
            return Err(bad_key("this is a private key; give the public key (`gpg --export KEYID | base64 -w0`), never the private one"))
        }
        _ => return Err(bad_key("the base64 decodes to something that is not an OpenPGP public key (it must start with a public-key packet)")),
    }
    SignedPublicKey::from_bytes(bytes.as_slice()).map_err(|e| bad_key(format!("the OpenPGP public key could not be read: {e}")))
}

/// The packet tag of the first OpenPGP packet header in `bytes` (old or new format), if any.
fn first_packet_tag(bytes: &[u8]) -> Option<u8> {
    let b = *bytes.first()?;
    if b & 0x80 == 0 {
        None
    } else if b & 0x40 != 0 {
        Some(b & 0x3f)
    } else {
        Some((b >> 2) & 0x0f)
    }
}

/// The self-signature that carries the certificate's flags, preferences and expiry: the newest
/// verified self-certification of the primary User ID (the flagged one with the newest certification,
/// else the User ID with the newest certification), or with no User ID the newest verified
/// direct-key signature. A primary User ID whose newest self-signature is a revocation makes the
/// certificate unusable.
fn primary_self_signature(cert: &SignedPublicKey) -> Result<&Signature, Error> {
    let primary = &cert.primary_key;
    let mut best: Option<(&Signature, bool, bool, u32)> = None; // (sig, flagged primary, revoked, created)
    for user in &cert.details.users {
        let newest = user
            .signatures
            .iter()
            .filter(|s| s.verify_certification(primary, Tag::UserId, &user.id).is_ok())
            .max_by_key(|s| created(s));
        let Some(newest) = newest else { continue };
        let revoked = newest.typ() == Some(SignatureType::CertRevocation);
        let flagged = !revoked && newest.is_primary();
        let candidate = (newest, flagged, revoked, created(newest));
        let better = match best {
            None => true,
            Some((_, best_flagged, _, best_created)) => (flagged, candidate.3) > (best_flagged, best_created),
        };
        if better {
            best = Some(candidate);
        }
    }
    match best {
        Some((_, _, true, _)) => Err(bad_key(format!("the primary User ID of the key {} has been revoked", hex(primary.fingerprint().as_bytes())))),
        Some((sig, _, false, _)) => Ok(sig),
        None => cert
            .details
            .direct_signatures
            .iter()
            .filter(|s| s.typ() == Some(SignatureType::Key) && s.verify_key(primary).is_ok())
            .max_by_key(|s| created(s))
            .ok_or_else(|| bad_key("the key has no valid self-signature: no User ID certified by the key itself (is it a public key exported by `gpg --export`?)")),
    }
}

/// The creation time of `subkey`'s binding, when the subkey can be encrypted to at `now`.
fn usable_encryption_subkey(primary: &PublicKey, sub: &SignedPublicSubKey, now: u64) -> Option<u32> {
    let valid: Vec<&Signature> = sub.signatures.iter().filter(|s| s.verify_subkey_binding(primary, &sub.key).is_ok()).collect();
    if valid.iter().any(|s| s.typ() == Some(SignatureType::SubkeyRevocation)) {
        return None;
    }
    let binding = valid.into_iter().filter(|s| s.typ() == Some(SignatureType::SubkeyBinding)).max_by_key(|s| created(s))?;
    let usable = binding.key_flags().encrypt_comms()
        && sub.key.algorithm().can_encrypt()
        && expiry(sub.key.created_at().as_secs(), binding.key_expiration_time().map(|d| d.as_secs())).is_none_or(|at| now < at)
        && !signature_expired(binding, now);
    usable.then(|| created(binding))
}

fn created(sig: &Signature) -> u32 {
    sig.created().map(|t| t.as_secs()).unwrap_or(0)
}

/// When a component created at `created` with a key expiration time of `seconds` expires (0 or
/// absent: never).
fn expiry(created: u32, seconds: Option<u32>) -> Option<u64> {
    seconds.filter(|&s| s > 0).map(|s| u64::from(created) + u64::from(s))
}

fn signature_expired(sig: &Signature, now: u64) -> bool {
    expiry(created(sig), sig.signature_expiration_time().map(|d| d.as_secs())).is_some_and(|at| now >= at)
}

/// Go's choice: AES-128 (its default) when the key accepts it, else the first of AES-256 and
/// AES-192 the key lists; a key that lists none of them still gets AES-128, which every OpenPGP
/// implementation must support.
fn choose_cipher(prefs: &[SymmetricKeyAlgorithm]) -> SymmetricKeyAlgorithm {
    use SymmetricKeyAlgorithm::{AES128, AES192, AES256};
    if prefs.is_empty() || prefs.contains(&AES128) {
        return AES128;
    }
    [AES256, AES192].into_iter().find(|a| prefs.contains(a)).unwrap_or(AES128)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn rfc3339(secs: u64) -> String {
    let t = aws_smithy_types::DateTime::from_secs(i64::try_from(secs).unwrap_or(i64::MAX));
    t.fmt(aws_smithy_types::date_time::Format::DateTime).unwrap_or_else(|_| format!("{secs} seconds after 1970-01-01"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use pgp::composed::{EncryptionCaps, KeyType, Message, SecretKeyParamsBuilder, SignedSecretKey, SubkeyParamsBuilder};
    use pgp::crypto::ecc_curve::ECCCurve;
    use pgp::crypto::hash::HashAlgorithm;
    use pgp::packet::{KeyFlags, SignatureConfig, Subpacket, SubpacketData};
    use pgp::ser::Serialize;
    use pgp::types::{Duration, Password, Timestamp};
    use std::time::Duration as StdDuration;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const DAY: u32 = 86_400;

    /// A v4 key: `primary` certifies and signs (and encrypts when `primary_encrypts`); one subkey per
    /// entry of `subkeys`, flagged for encryption, created at the given offset from now.
    fn keygen(primary: KeyType, primary_encrypts: bool, subkeys: &[(KeyType, u32)]) -> SignedSecretKey {
        let now = Timestamp::now().as_secs();
        let subkeys = subkeys
            .iter()
            .map(|(kind, offset)| {
                SubkeyParamsBuilder::default()
                    .key_type(kind.clone())
                    .can_encrypt(EncryptionCaps::All)
                    .created_at(Timestamp::from_secs(now + offset))
                    .build()
                    .expect("subkey params")
            })
            .collect::<Vec<_>>();
        SecretKeyParamsBuilder::default()
            .key_type(primary)
            .can_certify(true)
            .can_sign(true)
            .can_encrypt(if primary_encrypts { EncryptionCaps::All } else { EncryptionCaps::None })
            .primary_user_id("Test Recipient <test@example.com>".into())
            .subkeys(subkeys)
            .build()
            .expect("key params")
            .generate(rand::thread_rng())
            .expect("keygen")
    }

    fn curve25519(subkeys: &[u32]) -> SignedSecretKey {
        let subkeys: Vec<_> = subkeys.iter().map(|&o| (KeyType::ECDH(ECCCurve::Curve25519Legacy), o)).collect();
        keygen(KeyType::Ed25519Legacy, false, &subkeys)
    }

    fn binary_b64(pk: &SignedPublicKey) -> String {
        base64::engine::general_purpose::STANDARD.encode(pk.to_bytes().expect("serialize"))
    }

    fn armored(pk: &SignedPublicKey) -> String {
        pk.to_armored_string(Default::default()).expect("armor")
    }

    fn open(sealed: &Sealed, ssk: &SignedSecretKey) -> String {
        let bytes = base64::engine::general_purpose::STANDARD.decode(&sealed.encrypted_b64).expect("base64");
        let mut msg = Message::from_bytes(bytes.as_slice()).expect("message").decrypt(&Password::empty(), ssk).expect("decrypt");
        assert!(!msg.is_compressed());
        String::from_utf8(msg.as_data_vec().expect("literal data")).expect("utf-8")
    }

    fn fingerprint_of(ssk: &SignedSecretKey) -> String {
        hex(ssk.primary_key.fingerprint().as_bytes())
    }

    /// Adds to subkey `i` a signature of `typ` by the primary key, made `offset` seconds from now,
    /// with `extra` hashed subpackets.
    fn add_subkey_sig(ssk: &SignedSecretKey, pk: &mut SignedPublicKey, i: usize, typ: SignatureType, offset: u32, extra: Vec<SubpacketData>) {
        let mut config = SignatureConfig::v4(typ, ssk.primary_key.algorithm(), HashAlgorithm::Sha256);
        config.hashed_subpackets = vec![
            Subpacket::regular(SubpacketData::SignatureCreationTime(Timestamp::from_secs(Timestamp::now().as_secs() + offset))).expect("subpacket"),
            Subpacket::regular(SubpacketData::IssuerFingerprint(ssk.primary_key.fingerprint())).expect("subpacket"),
        ];
        config.hashed_subpackets.extend(extra.into_iter().map(|d| Subpacket::regular(d).expect("subpacket")));
        let sig = config
            .sign_subkey_binding(&ssk.primary_key, ssk.primary_key.public_key(), &Password::empty(), &pk.public_subkeys[i].key)
            .expect("sign");
        pk.public_subkeys[i].signatures.push(sig);
    }

    fn encrypt_flags() -> SubpacketData {
        let mut flags = KeyFlags::default();
        flags.set_encrypt_comms(true);
        flags.set_encrypt_storage(true);
        SubpacketData::KeyFlags(flags)
    }

    fn in_days(days: u64) -> SystemTime {
        SystemTime::now() + StdDuration::from_secs(days * u64::from(DAY))
    }

    fn subkey_fp(pk: &SignedPublicKey, i: usize) -> String {
        hex(pk.public_subkeys[i].key.fingerprint().as_bytes())
    }

    fn assert_bad_key(result: Result<impl fmt::Debug, Error>, needle: &str) {
        let err = result.expect_err("a bad key");
        assert_eq!(err.kind, ErrorKind::Validation, "{err}");
        assert_eq!(err.code, "ParamValidation");
        assert_eq!(err.issues.len(), 1);
        assert_eq!((err.issues[0].path.as_str(), err.issues[0].rule), (PGP_KEY_PATH, PGP_KEY_RULE));
        assert!(err.issues[0].detail.contains(needle), "{:?} should mention {needle:?}", err.issues[0].detail);
        assert!(err.to_string().starts_with("Parameter validation failed:\n  PgpKey: "), "{err}");
        assert!(!err.to_string().contains(SECRET));
    }

    fn check_round_trip(ssk: &SignedSecretKey) {
        let pk = ssk.to_public_key();
        for key in [binary_b64(&pk), armored(&pk), format!("{}\n", binary_b64(&pk)), wrap(&binary_b64(&pk))] {
            let sealed = seal(&key, SECRET).expect("seal");
            assert_eq!(sealed.fingerprint, fingerprint_of(ssk));
            assert_eq!(sealed.fingerprint.len(), 40);
            assert_eq!(open(&sealed, ssk), SECRET);
            // An unarmored message: its first packet is a public-key encrypted session key (tag 1).
            let raw = base64::engine::general_purpose::STANDARD.decode(&sealed.encrypted_b64).expect("base64");
            assert_eq!(first_packet_tag(&raw), Some(1));
            assert!(!sealed.encrypted_b64.contains(SECRET));
        }
        // Fresh session key each time.
        assert_ne!(seal(&binary_b64(&pk), SECRET).expect("seal"), seal(&binary_b64(&pk), SECRET).expect("seal"));
    }

    /// Base64 broken into 64-character lines, as `base64` (without -w0) prints it.
    fn wrap(b64: &str) -> String {
        b64.as_bytes().chunks(64).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn rsa_key_round_trip() {
        check_round_trip(&keygen(KeyType::Rsa(2048), false, &[(KeyType::Rsa(2048), 0)]));
    }

    #[test]
    fn curve25519_ecdh_key_round_trip() {
        check_round_trip(&curve25519(&[0]));
    }

    #[test]
    fn x25519_subkey_round_trip() {
        check_round_trip(&keygen(KeyType::Ed25519Legacy, false, &[(KeyType::X25519, 0)]));
    }

    #[test]
    fn debug_shows_no_secret_and_names_the_target() {
        let ssk = curve25519(&[0]);
        let pk = ssk.to_public_key();
        let recipient = Recipient::parse(&binary_b64(&pk)).expect("parse");
        assert_eq!(recipient.fingerprint(), fingerprint_of(&ssk));
        let shown = format!("{recipient:?}");
        assert!(shown.contains(&subkey_fp(&pk, 0)), "{shown}");
        assert!(shown.contains("AES128"), "{shown}");
        let sealed = recipient.seal(SECRET).expect("seal");
        assert!(!format!("{sealed:?}").contains(SECRET));
    }

    #[test]
    fn newest_valid_subkey_is_chosen() {
        // Go's rule: the subkey with the newest binding signature; on a tie, the first.
        let ssk = curve25519(&[0, 10]);
        let mut pk = ssk.to_public_key();
        let shown = format!("{:?}", Recipient::parse(&binary_b64(&pk)).expect("parse"));
        assert!(shown.contains(&subkey_fp(&pk, 0)), "{shown}");
        add_subkey_sig(&ssk, &mut pk, 1, SignatureType::SubkeyBinding, 20, vec![encrypt_flags()]);
        let shown = format!("{:?}", Recipient::parse(&binary_b64(&pk)).expect("parse"));
        assert!(shown.contains(&subkey_fp(&pk, 1)), "{shown}");
        assert_eq!(open(&seal(&armored(&pk), SECRET).expect("seal"), &ssk), SECRET);
    }

    #[test]
    fn a_subkey_flagged_only_for_storage_is_not_used() {
        // Go's EncryptionKey takes only subkeys flagged for encrypting communications.
        let ssk = curve25519(&[0]);
        let mut pk = ssk.to_public_key();
        let mut flags = KeyFlags::default();
        flags.set_encrypt_storage(true);
        add_subkey_sig(&ssk, &mut pk, 0, SignatureType::SubkeyBinding, 10, vec![SubpacketData::KeyFlags(flags)]);
        assert_bad_key(seal(&binary_b64(&pk), SECRET), "no usable encryption key");
    }

    #[test]
    fn expired_newest_subkey_falls_back_to_the_older_one() {
        let ssk = curve25519(&[0, 10]);
        let mut pk = ssk.to_public_key();
        // Rebind the newer subkey with a one-day key expiration time.
        add_subkey_sig(&ssk, &mut pk, 1, SignatureType::SubkeyBinding, 20, vec![encrypt_flags(), SubpacketData::KeyExpirationTime(Duration::from_secs(DAY))]);
        let key = binary_b64(&pk);
        assert!(format!("{:?}", Recipient::parse(&key).expect("parse")).contains(&subkey_fp(&pk, 1)));
        let later = Recipient::parse_at(&key, in_days(2)).expect("parse");
        assert!(format!("{later:?}").contains(&subkey_fp(&pk, 0)), "{later:?}");
        assert_eq!(open(&later.seal(SECRET).expect("seal"), &ssk), SECRET);
    }

    #[test]
    fn expired_only_subkey_is_an_error() {
        let ssk = curve25519(&[0]);
        let mut pk = ssk.to_public_key();
        add_subkey_sig(&ssk, &mut pk, 0, SignatureType::SubkeyBinding, 10, vec![encrypt_flags(), SubpacketData::KeyExpirationTime(Duration::from_secs(DAY))]);
        let key = binary_b64(&pk);
        assert!(Recipient::parse(&key).is_ok());
        assert_bad_key(Recipient::parse_at(&key, in_days(2)), "no usable encryption key");
    }

    #[test]
    fn revoked_only_subkey_is_an_error() {
        let ssk = curve25519(&[0]);
        let mut pk = ssk.to_public_key();
        add_subkey_sig(&ssk, &mut pk, 0, SignatureType::SubkeyRevocation, 10, vec![]);
        assert_bad_key(seal(&binary_b64(&pk), SECRET), "no usable encryption key");
    }

    #[test]
    fn revoked_subkey_falls_back_to_an_encryption_capable_primary() {
        let ssk = keygen(KeyType::Rsa(2048), true, &[(KeyType::ECDH(ECCCurve::Curve25519Legacy), 0)]);
        let mut pk = ssk.to_public_key();
        let before = format!("{:?}", Recipient::parse(&binary_b64(&pk)).expect("parse"));
        assert!(before.contains(&subkey_fp(&pk, 0)), "{before}");
        add_subkey_sig(&ssk, &mut pk, 0, SignatureType::SubkeyRevocation, 10, vec![]);
        let recipient = Recipient::parse(&armored(&pk)).expect("parse");
        assert!(format!("{recipient:?}").contains("primary key"), "{recipient:?}");
        let sealed = recipient.seal(SECRET).expect("seal");
        assert_eq!(sealed.fingerprint, fingerprint_of(&ssk));
        assert_eq!(open(&sealed, &ssk), SECRET);
    }

    #[test]
    fn a_forged_binding_does_not_count() {
        // A binding made by another key does not verify: the subkey it "binds" is not usable.
        let ssk = curve25519(&[0]);
        let other = curve25519(&[]);
        let mut pk = ssk.to_public_key();
        add_subkey_sig(&ssk, &mut pk, 0, SignatureType::SubkeyRevocation, 10, vec![]);
        let mut forged = ssk.to_public_key();
        forged.public_subkeys[0].signatures.clear();
        add_subkey_sig(&other, &mut forged, 0, SignatureType::SubkeyBinding, 10, vec![encrypt_flags()]);
        assert_bad_key(seal(&binary_b64(&forged), SECRET), "no usable encryption key");
        // And a revocation by another key does not revoke.
        let mut not_revoked = ssk.to_public_key();
        add_subkey_sig(&other, &mut not_revoked, 0, SignatureType::SubkeyRevocation, 10, vec![]);
        assert_eq!(open(&seal(&binary_b64(&not_revoked), SECRET).expect("seal"), &ssk), SECRET);
    }

    #[test]
    fn a_signing_only_key_is_an_error() {
        let ssk = curve25519(&[]);
        assert_bad_key(seal(&binary_b64(&ssk.to_public_key()), SECRET), "no usable encryption key");
    }

    #[test]
    fn a_revoked_primary_key_is_an_error() {
        let ssk = curve25519(&[0]);
        let mut pk = ssk.to_public_key();
        let mut config = SignatureConfig::v4(SignatureType::KeyRevocation, ssk.primary_key.algorithm(), HashAlgorithm::Sha256);
        config.hashed_subpackets = vec![
            Subpacket::regular(SubpacketData::SignatureCreationTime(Timestamp::now())).expect("subpacket"),
            Subpacket::regular(SubpacketData::IssuerFingerprint(ssk.primary_key.fingerprint())).expect("subpacket"),
        ];
        let sig = config.sign_key(&ssk.primary_key, &Password::empty(), ssk.primary_key.public_key()).expect("sign");
        pk.details.revocation_signatures.push(sig);
        assert_bad_key(seal(&binary_b64(&pk), SECRET), "has been revoked");
    }

    #[test]
    fn malformed_keys_are_validation_errors() {
        let ssk = curve25519(&[0]);
        let secret_armored = ssk.to_armored_string(Default::default()).expect("armor");
        let secret_binary = base64::engine::general_purpose::STANDARD.encode(ssk.to_bytes().expect("serialize"));
        let pk_bytes = ssk.to_public_key().to_bytes().expect("serialize");
        let truncated = base64::engine::general_purpose::STANDARD.encode(&pk_bytes[..pk_bytes.len() / 3]);
        let cases: [(&str, &str); 10] = [
            ("", "empty"),
            ("   \n", "empty"),
            ("keybase:alice", "network"),
            ("external:alice|https://example.com/%s.asc", "network"),
            ("this is not base64!", "not base64"),
            ("aGVsbG8gd29ybGQ=", "not an OpenPGP public key"),
            (&secret_armored, "private key"),
            (&secret_binary, "private key"),
            ("-----BEGIN PGP MESSAGE-----\n\nwcBMA0ZrYTsTS8F\n-----END PGP MESSAGE-----\n", "not a public key block"),
            (&truncated, "could not be read"),
        ];
        for (key, needle) in cases {
            assert_bad_key(seal(key, SECRET), needle);
        }
        assert_bad_key(seal("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnonsense\n-----END PGP PUBLIC KEY BLOCK-----\n", SECRET), "could not be read");
    }

    #[test]
    fn a_v6_key_is_refused_clearly() {
        let subkey = SubkeyParamsBuilder::default()
            .version(KeyVersion::V6)
            .key_type(KeyType::X25519)
            .can_encrypt(EncryptionCaps::All)
            .build()
            .expect("subkey params");
        let ssk = SecretKeyParamsBuilder::default()
            .version(KeyVersion::V6)
            .key_type(KeyType::Ed25519)
            .can_certify(true)
            .can_sign(true)
            .primary_user_id("V6 <v6@example.com>".into())
            .subkeys(vec![subkey])
            .build()
            .expect("key params")
            .generate(rand::thread_rng())
            .expect("keygen");
        assert_bad_key(seal(&binary_b64(&ssk.to_public_key()), SECRET), "only v4 keys");
    }

    #[test]
    fn cipher_follows_go() {
        use SymmetricKeyAlgorithm::{AES128, AES192, AES256, CAST5};
        assert_eq!(choose_cipher(&[]), AES128);
        assert_eq!(choose_cipher(&[AES256, AES192, AES128]), AES128);
        assert_eq!(choose_cipher(&[AES256, AES192]), AES256);
        assert_eq!(choose_cipher(&[AES192]), AES192);
        assert_eq!(choose_cipher(&[CAST5]), AES128);
    }
}

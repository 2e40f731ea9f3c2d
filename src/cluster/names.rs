//! Generated names and hashes, with the alphabets and algorithms of the real API server and
//! controllers, so names look like `rickroller-7d9f8c6b5d-x2kqp`.

use super::objects::PodTemplateSpec;

/// The alphabet of generated name suffixes: no vowels, no `y`, no 0/1/3 (avoids words and look-alikes).
pub const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `generateName` completion: the base truncated to 58 characters plus 5 random characters.
pub fn generate_name(base: &str, rng: &mut fastrand::Rng) -> String {
    let base: String = base.chars().take(58).collect();
    format!("{base}{}", random_suffix(rng, 5))
}

/// `n` random characters of [`NAME_ALPHABET`].
pub fn random_suffix(rng: &mut fastrand::Rng, n: usize) -> String {
    (0..n).map(|_| NAME_ALPHABET[rng.usize(..NAME_ALPHABET.len())] as char).collect()
}

/// The `pod-template-hash` of a template: FNV-1a 32-bit over a stable serialization, written in
/// decimal and each digit mapped through the name alphabet, as the deployment controller does.
pub fn pod_template_hash(template: &PodTemplateSpec, collision_count: i64) -> String {
    let mut text = serde_json::to_string(template).unwrap_or_default();
    if collision_count > 0 {
        text.push_str(&collision_count.to_string());
    }
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash.to_string().bytes().map(|d| NAME_ALPHABET[(d as usize) % NAME_ALPHABET.len()] as char).collect()
}

/// A random UUID (version 4 layout), for `metadata.uid`.
pub fn uuid(rng: &mut fastrand::Rng) -> String {
    let hex = |n: usize, rng: &mut fastrand::Rng| -> String {
        (0..n).map(|_| char::from_digit(rng.u32(..16), 16).unwrap_or('0')).collect()
    };
    format!(
        "{}-{}-4{}-{}{}-{}",
        hex(8, rng),
        hex(4, rng),
        hex(3, rng),
        ['8', '9', 'a', 'b'][rng.usize(..4)],
        hex(3, rng),
        hex(12, rng)
    )
}

/// Checks a name against RFC 1123 subdomain rules; returns the API server's message when invalid.
pub fn validate_subdomain(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|part| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !part.starts_with('-')
                && !part.ends_with('-')
        });
    (!ok).then(|| {
        format!(
            "metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        )
    })
}

/// Checks a name against RFC 1123 label rules (namespaces); returns the message when invalid.
pub fn validate_label_name(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    (!ok).then(|| {
        format!(
            "metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_use_the_real_alphabet() {
        let mut rng = fastrand::Rng::with_seed(7);
        let name = generate_name("web-5d9c7b8f4-", &mut rng);
        assert!(name.starts_with("web-5d9c7b8f4-"));
        let suffix = &name["web-5d9c7b8f4-".len()..];
        assert_eq!(suffix.len(), 5);
        assert!(suffix.bytes().all(|b| NAME_ALPHABET.contains(&b)));
    }

    #[test]
    fn template_hash_uses_only_mapped_digits_and_changes_with_the_template() {
        let mut t = PodTemplateSpec::default();
        let a = pod_template_hash(&t, 0);
        assert!((8..=10).contains(&a.len()));
        assert!(a.bytes().all(|b| b"456789bcdf".contains(&b)), "{a}");
        t.metadata.labels.insert("app".into(), "x".into());
        assert_ne!(a, pod_template_hash(&t, 0));
        assert_eq!(pod_template_hash(&t, 0), pod_template_hash(&t, 0));
    }

    #[test]
    fn names_are_validated_like_the_api_server() {
        assert!(validate_subdomain("rickroller").is_none());
        assert!(validate_subdomain("My_App").unwrap().contains("RFC 1123 subdomain"));
        assert!(validate_label_name("a.b").is_some());
    }
}

//! Why a strict verifier refuses an RSA public key whatever the token says: under 2048 bits,
//! an exponent that is even, 1 or wider than 31 bits, or a modulus with the ROCA fingerprint.
//! Worked out once, when the key is read (`KeyMaterial::public`): every signature check asks,
//! and the Token box re-checks on every keystroke.

use super::kind::{bit_length, PublicParts};

/// Why an RSA public key must not be used: its length, its exponent, or the ROCA fingerprint.
pub fn of(parts: &PublicParts) -> Option<String> {
    let PublicParts::Rsa { n, e } = parts else { return None };
    let bits = bit_length(n);
    if bits < 2048 {
        return Some(format!("{bits} bits, under the 2048 that RFC 7518 §3.3 requires"));
    }
    // `e` is big-endian without leading zeros, as `PublicParts` holds it.
    let odd = e.last().is_some_and(|b| b & 1 == 1);
    if !odd || e[..] == [1] {
        return Some(format!("its public exponent {} is not an odd number greater than 1", be_u64(e)));
    }
    // Go's crypto/rsa, among others, refuses exponents that do not fit in 31 bits.
    if e.len() > 4 || e.len() == 4 && e[0] >= 0x80 {
        return Some("its public exponent is larger than 2^31 - 1, which Go's crypto/rsa and others refuse".into());
    }
    roca_fingerprint(n).then(|| {
        "its modulus has the ROCA fingerprint (CVE-2017-15361): the private key can be computed from it".to_string()
    })
}

fn be_u64(bytes: &[u8]) -> String {
    if bytes.len() > 8 {
        return "(a very large number)".into();
    }
    bytes.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b)).to_string()
}

/// The primes of the ROCA test (Nemec et al., CCS 2017): a vulnerable modulus, reduced by each,
/// always lands in the subgroup that 65537 generates, which a random modulus almost never does.
const ROCA_PRIMES: &[u32] = &[
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109,
    113, 127, 131, 137, 139, 149, 151, 157, 163, 167,
];

fn roca_fingerprint(modulus: &[u8]) -> bool {
    ROCA_PRIMES.iter().all(|&p| {
        let residue = modulus.iter().fold(0u32, |r, b| (r * 256 + u32::from(*b)) % p);
        let generator = 65_537 % p;
        let mut power = 1u32;
        // The powers of 65537 modulo p repeat within p - 1 steps.
        for _ in 0..p {
            if power == residue {
                return true;
            }
            power = power * generator % p;
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsa_exponents_must_be_odd_above_one_and_fit_31_bits() {
        let key = |e: &[u8]| of(&PublicParts::Rsa { n: vec![0xC3; 256], e: e.to_vec() });
        assert_eq!(key(&[1, 0, 1]), None);
        assert!(key(&[1]).unwrap().contains("not an odd number greater than 1"));
        assert!(key(&[1, 0, 0]).unwrap().contains("not an odd number"));
        assert_eq!(key(&[0x7F, 0xFF, 0xFF, 0xFF]), None);
        assert!(key(&[0x80, 0, 0, 1]).unwrap().contains("larger than 2^31 - 1"));
        assert!(of(&PublicParts::Rsa { n: vec![0xC3; 128], e: vec![1, 0, 1] }).unwrap().contains("1024 bits"));
        assert_eq!(of(&PublicParts::Ed25519 { x: vec![0; 32] }), None);
    }

    #[test]
    fn roca_fingerprint_needs_every_residue_in_the_subgroup() {
        // 65537^k itself passes every prime's test; 65537^k + 1 (an even number) does not.
        let mut power = vec![1u8];
        for _ in 0..3 {
            power = multiply(&power, &[1, 0, 1]);
        }
        assert!(roca_fingerprint(&power));
        let mut plus_one = power.clone();
        *plus_one.last_mut().unwrap() += 1;
        assert!(!roca_fingerprint(&plus_one));
        assert!(!roca_fingerprint(&[0xC0; 256]));
    }

    /// Big-endian schoolbook product, for building test numbers.
    fn multiply(a: &[u8], b: &[u8]) -> Vec<u8> {
        let mut out = vec![0u32; a.len() + b.len()];
        for (i, x) in a.iter().rev().enumerate() {
            for (j, y) in b.iter().rev().enumerate() {
                out[i + j] += u32::from(*x) * u32::from(*y);
            }
        }
        let mut carry = 0u32;
        let mut bytes: Vec<u8> = out
            .iter()
            .map(|v| {
                let t = v + carry;
                carry = t >> 8;
                (t & 0xFF) as u8
            })
            .collect();
        while carry > 0 {
            bytes.push((carry & 0xFF) as u8);
            carry >>= 8;
        }
        while bytes.len() > 1 && *bytes.last().unwrap() == 0 {
            bytes.pop();
        }
        bytes.reverse();
        bytes
    }
}

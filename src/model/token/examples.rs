//! Example inputs for the "try an example" buttons: each shows one common cause of a 401.
//! Times are relative to `now` so an "expired" example stays expired by two hours.

use crate::model::b64;
use crate::model::time::Secs;

pub struct Example {
    pub label: &'static str,
    pub text: String,
}

fn token(header: &str, payload: &str) -> String {
    // A fixed fake signature: these examples are for reading, not verifying.
    let sig = b64::encode(b"why401 example signature, not a real one");
    format!("{}.{}.{sig}", b64::encode(header.as_bytes()), b64::encode(payload.as_bytes()))
}

pub fn all(now: Secs) -> Vec<Example> {
    vec![
        Example {
            label: "Valid access token",
            text: token(
                r#"{"alg":"RS256","typ":"at+jwt","kid":"2024-rsa"}"#,
                &format!(
                    r#"{{"iss":"https://dev-why401.eu.auth0.com/","sub":"auth0|6543","aud":"https://api.example.com","iat":{},"exp":{},"scope":"read:orders write:orders","permissions":["read:orders","write:orders"],"client_id":"x8Fq2"}}"#,
                    now - 300,
                    now + 3300
                ),
            ),
        },
        Example {
            label: "Expired token",
            text: format!(
                "Authorization: Bearer {}",
                token(
                    r#"{"typ":"JWT","alg":"RS256","kid":"nOo3ZDrODXEK1jKWhXslHR_KXEg"}"#,
                    &format!(
                        r#"{{"aud":"api://orders-api","iss":"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0","iat":{},"nbf":{},"exp":{},"azp":"4d9c1b2a","scp":"Orders.Read","tid":"72f988bf-86f1-41af-91ab-2d7cd011db47","oid":"0f8e2a41","ver":"2.0"}}"#,
                        now - 10_800,
                        now - 10_800,
                        now - 7_200
                    ),
                )
            ),
        },
        Example {
            label: "ID token sent to an API",
            text: token(
                r#"{"alg":"RS256","kid":"a1b2c3","typ":"JWT"}"#,
                &format!(
                    r#"{{"iss":"https://accounts.google.com","azp":"1234.apps.googleusercontent.com","aud":"1234.apps.googleusercontent.com","sub":"10769150350006150715113082367","email":"jane@example.com","email_verified":true,"at_hash":"HK6E_P6Dh8Y93mRNtsDB1Q","nonce":"n-0S6_WzA2Mj","iat":{},"exp":{}}}"#,
                    now - 60,
                    now + 3540
                ),
            ),
        },
        Example {
            label: "Bearer Bearer from a script",
            text: format!(
                "curl https://api.example.com/v1/orders -H 'Authorization: Bearer Bearer {}'",
                token(
                    r#"{"alg":"RS256","typ":"JWT","kid":"kc-1"}"#,
                    &format!(
                        r#"{{"exp":{},"iat":{},"iss":"https://sso.example.com/realms/shop","aud":"account","sub":"f2a1","typ":"Bearer","azp":"shop-web","realm_access":{{"roles":["offline_access","customer"]}},"resource_access":{{"orders-api":{{"roles":["reader"]}}}},"scope":"openid profile email","preferred_username":"jane"}}"#,
                        now + 240,
                        now - 60
                    ),
                )
            ),
        },
        Example {
            label: "Encrypted token (JWE)",
            text: "eyJhbGciOiJkaXIiLCJraWQiOiI3N2M3ZTJiOC02ZTEzLTQ1Y2YtODY3Mi02MTdiNWI0NTI0M2EiLCJlbmMiOiJBMTI4R0NNIn0..refa467QzzKx6QAB.JW_i_f52hww_ELQPGaYyeAB6HYGcR559l9TYnSovc23XJoBcW29rHP8yZOZG7YhLpT1bjFuvZPjQS-m0IFtVcXkZXdH_lr_FrdYt9HRUYkshtrMmIUAyGmUnd9zMDB2n0cRDIHAzFVeJUDxkUwVAE7_YGRPdcqMyiBoCO-FBdE-Nceb4h3-FtBP-c_BIwCPTjb9o0SbdcdREEMJMyZBH8ySWMVi1gPD9yxi-aQpGbSv_F9N4IZAxscj5g-NJsUPbjk29-s7LJAGb15wEBtXphVCgyy53CoIKLHHeJHXex45Uz9aKZSRSInZI-wjsY0yu3cT4_aQ3i1o-tiE-F8Ios61EKgyIQ4CWao8PFMj8TTnp.vbb32Xvllea2OtmHAdccRQ".into(),
        },
        Example { label: "GitHub token", text: "ghp_R2a9kXvT0bq8LmN4sW7yZ1cD3eF5gH6jK8pQ".into() },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::Clock;
    use crate::model::token::inspect::inspect;
    use crate::model::token::rules::for_token;

    #[test]
    fn each_example_shows_what_its_label_promises() {
        let now = 1_767_225_600;
        let clock = Clock { now, leeway: 0 };
        let expected_top = [
            None,
            Some("token_expired"),
            Some("id_token_as_access_token"),
            Some("bearer_prefix_duplicated"),
            Some("jwe_not_readable"),
            Some("opaque_token"),
        ];
        for (example, top) in all(now).iter().zip(expected_top) {
            let findings = for_token(&inspect(&example.text), clock);
            assert_eq!(
                findings.first().map(|f| f.code()),
                top,
                "{}: {:?}",
                example.label,
                findings.iter().map(|f| f.code()).collect::<Vec<_>>()
            );
        }
    }
}

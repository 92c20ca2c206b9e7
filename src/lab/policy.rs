//! Policy identities and values as the Management Shell writes them, shared by client and
//! voice policies (and by the lab description that lists them): a leaf of the data layer.

pub const GLOBAL: &str = "Global";

/// `Global`, `global` → `Global`; `Tag:Sales`, `tag:Sales`, `Sales` → `Tag:Sales`; anything
/// else (a site or service scope, an empty name) → None.
pub fn normalize_policy_identity(identity: &str) -> Option<String> {
    let identity = identity.trim();
    if identity.eq_ignore_ascii_case(GLOBAL) {
        return Some(GLOBAL.to_owned());
    }
    let name = match identity.split_once(':') {
        Some((scope, name)) if scope.eq_ignore_ascii_case("tag") => name,
        Some(_) => return None,
        None => identity,
    };
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || " _-.".contains(c));
    valid.then(|| format!("Tag:{name}"))
}

/// "not set" / "True" / "False", as the lab writes a policy value.
pub fn sync_setting(value: Option<bool>) -> &'static str {
    match value {
        None => "not set",
        Some(true) => "True",
        Some(false) => "False",
    }
}

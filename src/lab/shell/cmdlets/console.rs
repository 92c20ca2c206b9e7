//! Console and pipeline cmdlets: Format-List (`fl`), Select-Object (`select`), Out-Null,
//! Clear-Host (`cls`, `clear`).

use super::{Call, CmdletResult, Obj};
use crate::lab::shell::bind::ParamType::Text;
use crate::lab::shell::bind::{ParamDef, Value, p};
use crate::lab::shell::format::properties;

pub(super) const SELECT_PARAMS: &[ParamDef] = &[p("Property", Text, Some(0), false)];

/// `Select-Object -Property A[,B]`: objects with only those properties, as the KBs' check
/// commands use it (`Get-CsVoicePolicy ... | Select EnableDelegation`). A property the object
/// does not have comes out empty, as in PowerShell.
pub(super) fn select(call: Call<'_>) -> CmdletResult {
    let Call {
        lab, inv, input, ..
    } = call;
    let Some(input) = input else {
        return Ok(Vec::new());
    };
    let wanted: Vec<String> = match inv.get("Property") {
        Some(Value::Text(text)) => text
            .split(',')
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect(),
        _ => return Ok(vec![input]),
    };
    if wanted.iter().any(|w| w == "*") {
        return Ok(vec![input]);
    }
    let have = properties(lab, &input);
    let picked = wanted
        .iter()
        .map(
            |w| match have.iter().find(|(name, _)| name.eq_ignore_ascii_case(w)) {
                Some((name, value)) => ((*name).to_owned(), value.clone()),
                None => (w.clone(), String::new()),
            },
        )
        .collect();
    Ok(vec![Obj::Selected(picked)])
}

/// Passes objects on; the list output is what the shell prints anyway.
pub(super) fn format_list(call: Call<'_>) -> CmdletResult {
    Ok(call.input.into_iter().collect())
}

pub(super) fn out_null(_: Call<'_>) -> CmdletResult {
    Ok(Vec::new())
}

/// The console clears before this line's output.
pub(super) fn clear_host(call: Call<'_>) -> CmdletResult {
    call.result.clears = true;
    call.result.lines.clear();
    Ok(Vec::new())
}
